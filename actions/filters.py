import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact
from partners.models import Organisation

from .models import Action, Axe, Network, Programmation, Public, Sector

SORTS = {
    "pertinence": ["-search_rank", "axe__number", "number"],
    "numero": ["axe__number", "number"],
    "titre": ["title"],
    "recent": ["-updated_at", "number"],
}


def _slug_filter(label, queryset, field_name, widget=forms.CheckboxSelectMultiple):
    return django_filters.ModelMultipleChoiceFilter(
        label=label,
        queryset=queryset,
        field_name=field_name,
        to_field_name="slug",
        method="filter_related",
        widget=widget,
    )


class ActionFilterSet(django_filters.FilterSet):
    """The catalogue's search and filters: one set for the page and the open-data exports."""

    q = django_filters.CharFilter(
        label=_("Mots-clés"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    age = django_filters.NumberFilter(
        label=_("Âge (en années)"),
        method="filter_age",
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}),
    )
    axe = _slug_filter(_("Axe"), Axe.objects.all(), "axe")
    public = _slug_filter(_("Public cible"), Public.objects.all(), "publics")
    secteur = _slug_filter(_("Secteur"), Sector.objects.all(), "sectors")
    reseau = _slug_filter(_("Réseau REP+"), Network.objects.select_related("sector"), "networks")
    operateur = _slug_filter(
        _("Opérateur"),
        Organisation.objects.filter(operator_links__isnull=False).distinct(),
        "operators",
        widget=forms.SelectMultiple,
    )
    partenaire = _slug_filter(
        _("Partenaire"),
        Organisation.objects.filter(partnered_actions__isnull=False).distinct(),
        "partners",
        widget=forms.SelectMultiple,
    )
    contact = _slug_filter(
        _("Contact"),
        Contact.objects.filter(action_links__isnull=False).distinct(),
        "contacts",
        widget=forms.SelectMultiple,
    )
    programmation = _slug_filter(_("Programmation"), Programmation.objects.all(), "programmation")
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=[
            ("pertinence", _("pertinence")),
            ("numero", _("numéro de fiche")),
            ("titre", _("titre")),
            ("recent", _("dernière mise à jour")),
        ],
        method="sort",
        empty_label=None,
    )

    class Meta:
        model = Action
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_age(self, queryset, name, value):
        publics = Public.objects.covering_age(int(value))
        return queryset.filter(pk__in=Action.objects.filter(publics__in=publics).values("pk"))

    def filter_related(self, queryset, name, value):
        if not value:
            return queryset
        matching = Action.objects.filter(**{f"{name}__in": value}).values("pk")
        return queryset.filter(pk__in=matching)

    def sort(self, queryset, name, value):
        # Applied in filter_queryset, once the search rank exists.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("tri")
        if sort not in SORTS or (sort == "pertinence" and not self.searching):
            sort = "pertinence" if self.searching else "numero"
        return queryset.order_by(*SORTS[sort])

    @property
    def searching(self):
        """Whether a search rank exists to sort by (only once the form is validated)."""
        return bool(getattr(self.form, "cleaned_data", {}).get("q"))
