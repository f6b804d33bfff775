"""A URL whose view fails, for the 500 page test."""

from django.urls import path

from citeeducative.urls import urlpatterns as site_urlpatterns

handler500 = "citeeducative.views.server_error"


def broken(request):
    raise RuntimeError("secret interne")


urlpatterns = [*site_urlpatterns, path("casse/", broken)]
