from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
]
