from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CiteEducative


class CoordinationSite(admin.AdminSite):
    """The back office, titled with the Cité éducative's own name."""

    site_header = _("Coordination du catalogue")
    site_title = _("Coordination du catalogue")
    index_title = _("Gestion du catalogue des actions")

    def each_context(self, request):
        context = super().each_context(request)
        cite = CiteEducative.objects.current()
        if cite is not None:
            context["site_header"] = f"{cite.name} – coordination"
            context["site_title"] = cite.name
        return context


@admin.register(CiteEducative)
class CiteEducativeAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CiteEducative.objects.exists() and super().has_add_permission(request)
