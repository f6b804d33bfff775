from django.contrib import admin

from .models import CiteEducative


class CoordinationSite(admin.AdminSite):
    """The back office, titled with the Cité éducative's own name."""

    def each_context(self, request):
        context = super().each_context(request)
        cite = CiteEducative.objects.current()
        if cite is not None:
            context["site_header"] = f"{cite.name} – coordination"
            context["site_title"] = cite.name
        context["index_title"] = "Gestion du catalogue des actions"
        return context


@admin.register(CiteEducative)
class CiteEducativeAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CiteEducative.objects.exists() and super().has_add_permission(request)
