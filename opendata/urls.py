from django.urls import path

from . import views

# Under /actions/ (contract): the addresses of the catalogue they export.
app_name = "opendata"
urlpatterns = [
    path("actions/export.csv", views.export_csv, name="csv"),
    path("actions/export.json", views.export_json, name="json"),
    path("actions/export-data-inclusion.json", views.export_data_inclusion, name="data_inclusion"),
]
