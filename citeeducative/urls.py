from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from actions.sitemaps import FicheSitemap
from livret.sitemaps import LivretSitemap

from . import views
from .caching import cache_public_page
from .sitemaps import PagesSitemap

SITEMAPS = {"pages": PagesSitemap, "fiches": FicheSitemap, "livrets": LivretSitemap}

urlpatterns = [
    path("", views.home, name="home"),
    path("theme.css", views.theme_css, name="theme_css"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("erreur/414/", views.request_too_long, name="request_too_long"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap),
        {"sitemaps": SITEMAPS, "content_type": "application/xml; charset=utf-8"},
        name="sitemap",
    ),
    # Before actions.urls: fixed paths under /actions/ first.
    path("", include("opendata.urls")),
    path("", include("livret.urls")),
    path("", include("bilan.urls")),
    path("", include("selection.urls")),
    path("actions/", include("actions.urls")),
    path("contacts/", include("contacts.urls")),
    path("partenaires/", include("partners.urls")),
    path("alertes/", include("alerts.urls")),
    path("mise-a-jour/", include("campaigns.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "citeeducative.views.server_error"
