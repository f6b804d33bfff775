from django.urls import path

from . import feeds, views

app_name = "actions"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("flux.atom", feeds.changes_feed, name="feed"),
    path("nouveautes/", feeds.changes_page, name="changes"),
    path("<slug:slug>/", views.detail, name="detail"),
]
