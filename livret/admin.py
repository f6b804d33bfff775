from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from actions.admin import SELECTION_SESSION_KEY
from actions.models import Action

from . import rendering
from .models import Contribution, ProgrammeItem, Seminar
from .views import pdf_response


class ContributionInline(admin.TabularInline):
    model = Contribution
    fields = ["position", "topic", "name", "function", "contact"]
    autocomplete_fields = ["contact"]
    extra = 0


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(admin.ModelAdmin):
    list_display = ["title", "seminar", "start_time", "end_time", "kind"]
    list_filter = ["seminar", "kind"]
    inlines = [ContributionInline]


class ProgrammeItemInline(admin.StackedInline):
    model = ProgrammeItem
    fields = [
        ("position", "start_time", "end_time", "kind", "axe"),
        "title",
        "subtitle",
        "description",
    ]
    extra = 0
    show_change_link = True


@admin.register(Seminar)
class SeminarAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "place", "programmation", "livret_link"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProgrammeItemInline]

    @admin.display(description=_("livret"))
    def livret_link(self, obj):
        url = reverse("admin:livret_seminar_livret", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger le livret"))

    def get_urls(self):
        views = [
            path(
                "<int:pk>/livret/",
                self.admin_site.admin_view(self.livret_view),
                name="livret_seminar_livret",
            ),
            path(
                "selection/",
                self.admin_site.admin_view(self.selection_view),
                name="livret_selection",
            ),
        ]
        return [*views, *super().get_urls()]

    def livret_view(self, request, pk):
        """The seminar's livret; ``?brouillons=1`` previews it with the drafts, marked."""
        seminar = get_object_or_404(Seminar, pk=pk)
        if not self.has_view_permission(request, seminar):
            raise PermissionDenied
        include_drafts = request.GET.get("brouillons") == "1"
        suffix = "-apercu" if include_drafts else ""
        return pdf_response(
            request,
            lambda: rendering.seminar_pdf(seminar, include_drafts=include_drafts),
            f"livret-{seminar.slug}{suffix}.pdf",
        )

    def selection_view(self, request):
        """The livret of the fiches a coordinator ticked in the fiches' list, drafts included."""
        if not request.user.has_perm("actions.view_action"):
            raise PermissionDenied
        chosen = Action.objects.filter(pk__in=request.session.get(SELECTION_SESSION_KEY, []))
        html = rendering.livret_html(
            actions=chosen, title=_("Sélection de fiches"), include_drafts=True
        )
        return pdf_response(request, lambda: rendering.livret_pdf(html), "livret-selection.pdf")
