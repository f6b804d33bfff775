from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("actions/", include("actions.urls")),
    path("livret/", include("actions.livret_urls")),
    path("contacts/", include("contacts.urls")),
    path("partenaires/", include("partners.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "citeeducative.views.server_error"

admin.site.site_header = "Cité éducative de Roubaix – coordination"
admin.site.site_title = "Cité éducative de Roubaix"
admin.site.index_title = "Gestion du catalogue des actions"
