from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """What the worker made, is making and could not make: for the coordinators to see why a
    document is not up to date. Editions are made by the tasks, never edited by hand."""

    list_display = [
        "kind",
        "key",
        "status",
        "stage",
        "items",
        "pages",
        "attempts",
        "requests",
        "requested_at",
        "finished_at",
        "error_message",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["key"]
    date_hierarchy = "requested_at"

    @admin.display(description=_("erreur"))
    def error_message(self, obj):
        return obj.error

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
