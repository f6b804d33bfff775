from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("abonnement/", views.subscribe, name="subscribe"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("donnees-personnelles/", views.privacy, name="privacy"),
]
