from django.contrib import admin
from django.db.models import Count

from spreadsheets.admin import SpreadsheetAdminMixin

from .models import Organisation
from .resources import OrganisationResource


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "acronym", "kind", "partner_count", "operator_count"]
    list_filter = ["kind"]
    ordering = ["name"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                partner_total=Count("partnered_actions", distinct=True),
                operator_total=Count("operator_links", distinct=True),
            )
        )

    @admin.display(description="fiches (partenaire)", ordering="partner_total")
    def partner_count(self, obj):
        return obj.partner_total

    @admin.display(description="fiches (opérateur)", ordering="operator_total")
    def operator_count(self, obj):
        return obj.operator_total
