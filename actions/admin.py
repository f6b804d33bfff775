from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contacts.models import ActionContact
from spreadsheets.admin import SpreadsheetAdminMixin

from .forms import ActionAdminForm, ObjectiveForm
from .models import (
    Action,
    ActionOperator,
    Axe,
    Network,
    Objective,
    Programmation,
    Public,
    Resource,
    Sector,
    ThesaurusEntry,
)
from .resources import (
    ActionResource,
    AxeResource,
    NetworkResource,
    ProgrammationResource,
    PublicResource,
    SectorResource,
)
from .services import action_duplicate, carry_over, next_free_number, spread_positions
from .versions import record_state_before_change, record_version
from .versions_admin import FicheVersionsAdminMixin

# Where the fiches chosen for a livret wait for ``livret.admin.SeminarAdmin.selection_view``.
SELECTION_SESSION_KEY = "livret_selection"

MISSING_LABELS = {
    "has_publics": _("public cible"),
    "has_perimeter": _("périmètre"),
    "has_partners": _("partenaires"),
    "has_contacts": _("contacts"),
}


def missing_parts(action):
    """Labels of what a fiche annotated ``with_completeness()`` still lacks."""
    return [label for flag, label in MISSING_LABELS.items() if not getattr(action, flag)]


class CompletenessFilter(admin.SimpleListFilter):
    title = _("complétude")
    parameter_name = "manque"

    def lookups(self, request, model_admin):
        return [("tout", _("Fiches incomplètes")), *MISSING_LABELS.items()]

    def queryset(self, request, queryset):
        if self.value() == "tout":
            return queryset.filter(
                Q(has_publics=False)
                | Q(has_perimeter=False)
                | Q(has_partners=False)
                | Q(has_contacts=False)
            )
        if self.value() in MISSING_LABELS:
            return queryset.filter(**{self.value(): False})
        return queryset


class CarryOverForm(forms.Form):
    programmation = forms.ModelChoiceField(
        Programmation.objects.order_by("-start_year"),
        label=_("Programmation d'arrivée"),
        empty_label=None,
    )


class ObjectiveInline(admin.TabularInline):
    model = Objective
    form = ObjectiveForm
    fields = ["position", "text"]
    extra = 1
    verbose_name_plural = _(
        "objectifs (ordre : 10, 20, 30… ; pour en placer un entre le 10 et le 20, donnez-lui "
        "15 ; sans ordre, il va à la fin)"
    )


class ActionOperatorInline(admin.TabularInline):
    model = ActionOperator
    fields = ["position", "organisation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 0


class ActionContactInline(admin.TabularInline):
    model = ActionContact
    fields = ["position", "contact", "role"]
    autocomplete_fields = ["contact"]
    extra = 0


class ResourceInline(admin.TabularInline):
    model = Resource
    fields = ["position", "title", "url"]
    extra = 0


@admin.register(Action)
class ActionAdmin(FicheVersionsAdminMixin, SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [ActionResource]
    # The import/export buttons, then the link to the fiches to complete (the template extends
    # django-import-export's change list, which extends the admin's).
    import_export_change_list_template = "admin/actions/action/change_list.html"
    form = ActionAdminForm
    list_display = ["fiche_number", "title", "axe_number", "status", "completeness", "updated"]
    list_display_links = ["fiche_number", "title"]
    list_filter = [
        "status",
        "axe",
        "programmation",
        CompletenessFilter,
        "sectors",
        "networks",
        "publics",
        "is_demo",
    ]
    list_select_related = ["axe", "programmation"]
    search_fields = ["title", "description", "=number", "objectives__text"]
    search_help_text = _("Titre, description, objectifs ou numéro exact de fiche.")
    autocomplete_fields = ["publics", "sectors", "networks", "partners", "predecessors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "last_checked_at"]
    inlines = [ObjectiveInline, ActionOperatorInline, ActionContactInline, ResourceInline]
    actions = [
        "duplicate_as_draft",
        "carry_over",
        "publish",
        "unpublish",
        "export_livret",
        "delete_selected",
    ]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["programmation", "number", "title", "slug", "axe", "status"]}),
        (_("Contenu"), {"fields": ["description"]}),
        (
            _("Publics et périmètre"),
            {"fields": ["publics", "sectors", "networks", "perimeter_details"]},
        ),
        (_("Partenaires"), {"fields": ["partners"]}),
        (
            _("Suivi éditorial"),
            {
                "fields": [
                    "predecessors",
                    "editorial_note",
                    "is_demo",
                    "check_every_months",
                    "last_checked_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_completeness()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        programmation = Programmation.objects.filter(pk=initial.get("programmation")).first()
        programmation = programmation or Programmation.objects.order_by("-start_year").first()
        if programmation is not None:
            initial.setdefault("programmation", programmation.pk)
            initial.setdefault("number", next_free_number(programmation))
        return initial

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # Before the fiche's version is recorded (save_related), so that it holds the order.
        if formset.model is Objective:
            spread_positions(form.instance.objectives.all())

    @admin.action(
        description=_("Supprimer les fiches action sélectionnées"), permissions=["delete"]
    )
    def delete_selected(self, request, queryset):
        # Django's own, worded for feminine fiches (its label says "sélectionnés").
        return django_delete_selected(self, request, queryset)

    def changelist_view(self, request, extra_context=None):
        # The list's room on a laptop's screen: the filters stay, the admin's menu folds.
        context = {"title": _("Fiches action"), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    @admin.display(description=_("n°"), ordering="number")
    def fiche_number(self, obj):
        return obj.number

    @admin.display(description=_("modifiée le"), ordering="updated_at")
    def updated(self, obj):
        return date_format(timezone.localtime(obj.updated_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("axe"), ordering="axe__number")
    def axe_number(self, obj):
        return format_html('<span title="{}">{}</span>', obj.axe.title, obj.axe.number)

    @admin.display(description=_("complétude"))
    def completeness(self, obj):
        missing = missing_parts(obj)
        if not missing:
            return format_html(
                '<span class="completeness completeness--ok">{}</span>', _("complète")
            )
        return format_html(
            '<span class="completeness completeness--missing">{} {}</span>',
            _("manque :"),
            ", ".join(str(label) for label in missing),
        )

    @admin.action(description=_("Dupliquer en brouillon"), permissions=["add"])
    def duplicate_as_draft(self, request, queryset):
        copies = [action_duplicate(action=action) for action in queryset]
        for copy in copies:
            record_version(copy, user=request.user, reason=copy.editorial_note)
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:actions_action_change", args=[copy.pk]), copy) for copy in copies),
        )
        self.message_user(
            request,
            format_html(
                "{} {}",
                ngettext(
                    "%(count)d fiche dupliquée en brouillon :",
                    "%(count)d fiches dupliquées en brouillon :",
                    len(copies),
                )
                % {"count": len(copies)},
                links,
            ),
            messages.SUCCESS,
        )

    @admin.action(description=_("Reconduire dans la programmation …"), permissions=["add"])
    def carry_over(self, request, queryset):
        """Asks for the programmation on a page of its own, then copies the fiches there."""
        form = CarryOverForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            programmation = form.cleaned_data["programmation"]
            try:
                copies = carry_over(actions=queryset, programmation=programmation)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            for copy in copies:
                record_version(copy, user=request.user, reason=copy.editorial_note)
            self.message_user(
                request,
                ngettext(
                    "%(count)d fiche reconduite en brouillon dans %(programmation)s.",
                    "%(count)d fiches reconduites en brouillon dans %(programmation)s.",
                    len(copies),
                )
                % {"count": len(copies), "programmation": programmation},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Reconduire dans une autre programmation"),
            "form": form,
            "fiches": queryset.select_related("programmation").order_by("number"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse("admin:actions_action_changelist"),
        }
        return TemplateResponse(request, "admin/actions/action/carry_over.html", context)

    @admin.action(description=_("Publier"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Action.Status.PUBLISHED)

    @admin.action(description=_("Repasser en brouillon"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Action.Status.DRAFT)

    @admin.action(description=_("Exporter la sélection en livret"), permissions=["view"])
    def export_livret(self, request, queryset):
        # The livret app makes it (``livret.admin``): handed the selection through the session.
        request.session[SELECTION_SESSION_KEY] = list(queryset.values_list("pk", flat=True))
        return HttpResponseRedirect(reverse("admin:livret_selection"))

    def _set_status(self, request, queryset, status):
        # One save per fiche, not queryset.update(), so that each change is a version.
        changed = 0
        for action in queryset.exclude(status=status):
            record_state_before_change(action)
            action.status = status
            action.save()
            record_version(action, user=request.user)
            changed += 1
        self.message_user(request, _("%(count)d fiche(s) modifiée(s).") % {"count": changed})

    def get_urls(self):
        quality = path(
            "qualite/",
            self.admin_site.admin_view(self.quality_view),
            name="actions_action_quality",
        )
        return [quality, *super().get_urls()]

    def quality_view(self, request):
        actions = (
            Action.objects.incomplete()
            .select_related("axe", "programmation")
            .order_by("programmation", "number")
        )
        rows = [(action, missing_parts(action)) for action in actions]
        # Demonstration fiches are nobody's to check.
        overdue = (
            Action.objects.check_overdue(timezone.now())
            .filter(is_demo=False)
            .select_related("axe", "programmation")
            .order_by(F("last_checked_at").asc(nulls_first=True), "programmation", "number")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Qualité des données : fiches à compléter"),
            "rows": rows,
            "overdue": overdue,
            "changelist_url": reverse("admin:actions_action_changelist"),
        }
        return TemplateResponse(request, "admin/actions/action/quality.html", context)


@admin.register(Public)
class PublicAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [PublicResource]
    list_display = ["label", "kind", "age_min", "age_max"]
    list_filter = ["kind"]
    search_fields = ["label", "slug"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Sector)
class SectorAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [SectorResource]
    search_fields = ["name"]


@admin.register(Network)
class NetworkAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [NetworkResource]
    list_display = ["name", "sector", "college", "is_lead"]
    list_filter = ["sector"]
    search_fields = ["name", "college"]


@admin.register(Axe)
class AxeAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [AxeResource]
    list_display = ["number", "title"]


@admin.register(Programmation)
class ProgrammationAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [ProgrammationResource]
    list_display = ["name", "start_year", "end_year"]


@admin.register(ThesaurusEntry)
class ThesaurusEntryAdmin(admin.ModelAdmin):
    """The words the public search treats as one; a change applies to the next search."""

    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["expressions", "note"]
    fields = ["expressions", "note"]
