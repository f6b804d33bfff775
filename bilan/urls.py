from django.urls import path

from . import views

app_name = "bilan"
urlpatterns = [
    path("bilan/", views.dashboard, name="current"),
    path("bilan/<slug:slug>/", views.dashboard, name="dashboard"),
    path("bilan/<slug:slug>.pdf", views.booklet, name="pdf"),
    path("bilan/<slug:slug>.xlsx", views.revue, name="xlsx"),
]
