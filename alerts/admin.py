from django.contrib import admin

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Who follows which search: to answer a person's request about their data (delete it)."""

    list_display = ["email", "query", "confirmed_at", "last_sent_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = [
        "email",
        "query",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "notified_until",
        "last_sent_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False
