import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from contacts.models import ActionContact, Contact
from partners.models import Organisation

from .caching import catalogue_version
from .models import Action, ActionOperator, Axe, Network, Programmation, Public, Sector

# Many-to-many filters: the link table and its column for the chosen record.
LINK_TABLES = {
    "publics": (Action.publics.through, "public"),
    "sectors": (Action.sectors.through, "sector"),
    "networks": (Action.networks.through, "network"),
    "partners": (Action.partners.through, "organisation"),
    "operators": (ActionOperator, "organisation"),
    "contacts": (ActionContact, "contact"),
}

SORTS = {
    "pertinence": ["-search_rank", "axe_id", "number"],
    "numero": ["axe_id", "number"],
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


def _linked(model, link_model, field, *only):
    """The ``model`` rows that at least one fiche links to through ``link_model``, with only
    the columns their labels need."""
    linked = Exists(link_model.objects.filter(**{field: OuterRef("pk")}))
    return model.objects.filter(linked).only("slug", *only)


class CompactSelectMultiple(forms.SelectMultiple):
    """A multiple select for long lists (hundreds of structures or contacts). Its options are
    written in one pass and kept in the cache until the catalogue changes
    (``catalogue_version``); a request only marks its own choices."""

    def render(self, name, value, attrs=None, renderer=None):
        key = f"catalogue:choices:{name}:{catalogue_version()}"
        options = cache.get(key)
        if options is None:
            options = "".join(
                f'<option value="{escape(str(option))}">{escape(label)}</option>'
                for option, label in self.choices
            )
            cache.set(key, options, timeout=None)
        for chosen in {str(item) for item in (value or [])}:
            marker = f'<option value="{escape(chosen)}">'
            options = options.replace(marker, marker[:-1] + " selected>")
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return format_html("<select multiple{}>{}</select>", attributes, mark_safe(options))


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
        _linked(Organisation, ActionOperator, "organisation", "name", "acronym"),
        "operators",
        widget=CompactSelectMultiple,
    )
    partenaire = _slug_filter(
        _("Partenaire"),
        _linked(Organisation, Action.partners.through, "organisation", "name", "acronym"),
        "partners",
        widget=CompactSelectMultiple,
    )
    contact = _slug_filter(
        _("Contact"),
        _linked(Contact, ActionContact, "contact", "first_name", "last_name"),
        "contacts",
        widget=CompactSelectMultiple,
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
        links = Action.publics.through.objects.filter(public__in=publics)
        return queryset.filter(pk__in=links.values("action_id"))

    def filter_related(self, queryset, name, value):
        """Fiches linked to any of the chosen records; a subquery on the link table, so that
        a fiche linked twice is listed once and no DISTINCT is needed."""
        if not value:
            return queryset
        if name in LINK_TABLES:
            link_model, field = LINK_TABLES[name]
            links = link_model.objects.filter(**{f"{field}__in": value})
            return queryset.filter(pk__in=links.values("action_id"))
        return queryset.filter(**{f"{name}__in": value})

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
