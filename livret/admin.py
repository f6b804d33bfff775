from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from actions.admin import SELECTION_SESSION_KEY
from citeeducative.history_admin import HistoryAdmin
from editions.views import serve

from . import editions_admin
from .documents import LIVRET, PREVIEW, SELECTION, selection_key
from .models import Contribution, ProgrammeItem, Seminar


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
class SeminarAdmin(HistoryAdmin):
    list_display = ["title", "date", "place", "programmation", "livret_link"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProgrammeItemInline]

    @admin.display(description=_("livret"))
    def livret_link(self, obj):
        url = reverse("admin:livret_seminar_livret", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger le livret"))

    def get_urls(self):
        def view(route, function, name):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view("<int:pk>/livret/", self.livret_view, "livret_seminar_livret"),
            view("<int:pk>/livret/nouvelle/", self.new_livret_view, "livret_seminar_new_livret"),
            view("selection/", self.selection_view, "livret_selection"),
            view("edition/<uuid:pk>/", self.edition_view, "livret_edition"),
            view("edition/<uuid:pk>.pdf", editions_admin.edition_pdf, "livret_edition_pdf"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        key = str(object_id)
        extra_context = {
            **(extra_context or {}),
            "livret_edition": LIVRET.freshest(key),
            "livret_coming": LIVRET.coming(key),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def edition_view(self, request, pk):
        return editions_admin.edition_view(request, pk, self.admin_site)

    def _get_seminar(self, request, pk):
        seminar = get_object_or_404(Seminar, pk=pk)
        if not self.has_view_permission(request, seminar):
            raise PermissionDenied
        return seminar

    def livret_view(self, request, pk):
        """The seminar's livret at once; while a newer edition is made, or before the first,
        the page that follows it. ``?brouillons=1`` previews it with the drafts, marked."""
        seminar = self._get_seminar(request, pk)
        key = str(seminar.pk)
        if request.GET.get("brouillons") == "1":
            return editions_admin.follow(PREVIEW.request(key))
        edition, coming = LIVRET.freshest(key), LIVRET.coming(key)
        if coming is None and edition is None:
            coming = LIVRET.request(key)
        if coming is not None:
            return editions_admin.follow(coming)
        return serve(request, edition, f"livret-{seminar.slug}.pdf")

    def new_livret_view(self, request, pk):
        """A new edition now, whatever the catalogue's changes (after a failure, say)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seminar = self._get_seminar(request, pk)
        return editions_admin.follow(LIVRET.request(str(seminar.pk)))

    def selection_view(self, request):
        """The livret of the fiches a coordinator ticked in the fiches' list, drafts included."""
        if not request.user.has_perm("actions.view_action"):
            raise PermissionDenied
        ids = sorted(request.session.get(SELECTION_SESSION_KEY, []))
        return editions_admin.follow(SELECTION.request(selection_key(ids), params={"ids": ids}))
