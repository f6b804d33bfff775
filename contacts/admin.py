from django.contrib import admin
from django.db.models import Count

from citeeducative.history_admin import HistoryAdmin
from spreadsheets.admin import SpreadsheetAdminMixin

from .models import Contact
from .resources import ContactResource


@admin.register(Contact)
class ContactAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    resource_classes = [ContactResource]
    list_display = ["__str__", "title", "email", "phone", "action_count"]
    ordering = ["last_name", "first_name"]
    search_fields = ["first_name", "last_name", "email", "title"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_total=Count("actions", distinct=True))

    @admin.display(description="fiches", ordering="action_total")
    def action_count(self, obj):
        return obj.action_total
