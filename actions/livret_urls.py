from django.urls import path

from . import views

app_name = "livret"
urlpatterns = [
    path("", views.livret_list, name="list"),
    path("<slug:slug>.pdf", views.livret_pdf, name="pdf"),
]
