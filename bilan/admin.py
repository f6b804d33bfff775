"""The follow-ups in the back office: on each fiche, one block per year (state, the Cité
éducative's fund, the Dauphin number, the qualitative bilan); on the follow-up's own page, its
co-fundings, beneficiaries and indicators (the admin nests no inline in an inline). The list of
follow-ups imports and exports them as spreadsheets.

The fiche's admin is the catalogue's, with the follow-ups added (``FicheWithFollowUpAdmin``):
the catalogue knows nothing of the bilan."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actions.admin import ActionAdmin
from actions.models import Action
from citeeducative.history_admin import HistoryAdmin
from spreadsheets.admin import SpreadsheetAdminMixin

from .charts import format_money
from .forms import FRENCH_DECIMALS, NARROW_TEXT, SHORT_TEXT
from .models import BeneficiaryCount, Cofunding, FollowUp, Funder, Indicator
from .resources import FollowUpResource, FunderResource


@admin.register(Funder)
class FunderAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    resource_classes = [FunderResource]
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class CofundingInline(admin.TabularInline):
    model = Cofunding
    formfield_overrides = FRENCH_DECIMALS
    fields = ["position", "funder", "amount"]
    autocomplete_fields = ["funder"]
    extra = 1


class BeneficiaryInline(admin.TabularInline):
    model = BeneficiaryCount
    fields = ["position", "public", "planned", "reached"]
    autocomplete_fields = ["public"]
    extra = 1


class IndicatorInline(admin.TabularInline):
    model = Indicator
    formfield_overrides = {**FRENCH_DECIMALS, **NARROW_TEXT}
    fields = ["position", "label", "unit", "target", "achieved", "versus_target"]
    readonly_fields = ["versus_target"]
    extra = 1

    @admin.display(description=_("contrôle"))
    def versus_target(self, indicator):
        if indicator.exceeds_target:
            return format_html(
                '<strong class="indicator--exceeded">{}</strong>', _("au-dessus de la cible")
            )
        if indicator.is_met:
            return _("cible atteinte")
        return "–"


@admin.register(FollowUp)
class FollowUpAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    resource_classes = [FollowUpResource]
    formfield_overrides = FRENCH_DECIMALS
    list_display = ["action", "year", "state", "cite_amount", "dauphin_number", "updated_at"]
    list_filter = ["year", "state", "action__programmation", "action__axe"]
    list_select_related = ["action"]
    search_fields = ["action__title", "=action__number", "dauphin_number"]
    search_help_text = _("Titre ou numéro exact de la fiche, ou numéro de dossier Dauphin.")
    autocomplete_fields = ["action"]
    readonly_fields = ["updated_at"]
    fields = [
        "action",
        ("year", "state"),
        ("cite_amount", "dauphin_number"),
        "summary",
        "updated_at",
    ]
    inlines = [CofundingInline, BeneficiaryInline, IndicatorInline]

    def get_changeform_initial_data(self, request):
        # "Add a follow-up" from a fiche opens with the fiche chosen.
        return {"action": request.GET.get("fiche"), **super().get_changeform_initial_data(request)}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        exceeded = [item for item in form.instance.indicators.all() if item.exceeds_target]
        if exceeded:
            messages.warning(
                request,
                ngettext(
                    "Indicateur au-dessus de sa cible : %(labels)s. C'est permis ; vérifiez que "
                    "ce n'est pas une faute de frappe.",
                    "Indicateurs au-dessus de leur cible : %(labels)s. C'est permis ; vérifiez "
                    "que ce n'est pas une faute de frappe.",
                    len(exceeded),
                )
                % {"labels": ", ".join(f"« {item.label} »" for item in exceeded)},
            )


class FollowUpInline(admin.StackedInline):
    model = FollowUp
    formfield_overrides = {**FRENCH_DECIMALS, **SHORT_TEXT}
    fields = [("year", "state"), ("cite_amount", "dauphin_number"), "summary", "lines"]
    readonly_fields = ["lines"]
    extra = 0
    show_change_link = True
    verbose_name_plural = _("suivi annuel (bilan)")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("cofundings", "beneficiaries", "indicators")
        )

    @admin.display(description=_("financements, bénéficiaires et indicateurs"))
    def lines(self, follow_up):
        if follow_up.pk is None:
            return _("Enregistrez la fiche, puis ouvrez ce suivi pour les saisir.")
        indicators = follow_up.indicators.all()
        summary = _(
            "%(cofundings)d co-financement(s) (%(amount)s), %(publics)d public(s) : "
            "%(planned)d prévus, %(reached)d atteints ; %(indicators)d indicateur(s), "
            "%(met)d à leur cible"
        ) % {
            "cofundings": len(follow_up.cofundings.all()),
            "amount": format_money(follow_up.cofunding_total),
            "publics": len(follow_up.beneficiaries.all()),
            "planned": follow_up.planned or 0,
            "reached": follow_up.reached or 0,
            "indicators": len(indicators),
            "met": follow_up.indicators_met,
        }
        url = reverse("admin:bilan_followup_change", args=[follow_up.pk])
        return format_html('{}. <a href="{}">{}</a>', summary, url, _("Les modifier"))


class FicheWithFollowUpAdmin(ActionAdmin):
    """The catalogue's fiche admin, with the yearly follow-ups after its own blocks."""

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), FollowUpInline]


admin.site.unregister(Action)
admin.site.register(Action, FicheWithFollowUpAdmin)
