from django.urls import path

from . import export_views, views

app_name = "actions"
urlpatterns = [
    path("", views.catalogue, name="list"),
    # Before "<slug:slug>/": fixed paths first.
    path("export.csv", export_views.export_csv, name="export_csv"),
    path("export.json", export_views.export_json, name="export_json"),
    path(
        "export-data-inclusion.json",
        export_views.export_data_inclusion,
        name="export_data_inclusion",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/fiche.pdf", views.fiche_pdf, name="fiche_pdf"),
]
