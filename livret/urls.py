from django.urls import path

from . import views

app_name = "livret"
urlpatterns = [
    path("livret/", views.seminar_list, name="list"),
    path("livret/<slug:slug>.pdf", views.seminar_pdf, name="pdf"),
    path("actions/<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
]
