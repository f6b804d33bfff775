from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("theme.css", views.theme_css, name="theme_css"),
    # Before actions.urls: fixed paths under /actions/ first.
    path("", include("opendata.urls")),
    path("", include("livret.urls")),
    path("", include("selection.urls")),
    path("actions/", include("actions.urls")),
    path("contacts/", include("contacts.urls")),
    path("partenaires/", include("partners.urls")),
    path("alertes/", include("alerts.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "citeeducative.views.server_error"
