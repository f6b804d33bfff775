from django.urls import path

from . import views

# Under /actions/ (the booklet's address is contract), before the fiches' own addresses.
app_name = "selection"
urlpatterns = [
    path("actions/selection/", views.selection_page, name="page"),
    path("actions/selection/ajouter/", views.add, name="add"),
    path("actions/selection/retirer/", views.remove, name="remove"),
    path("actions/selection/vider/", views.clear, name="clear"),
    path("actions/selection.pdf", views.selection_pdf, name="pdf"),
]
