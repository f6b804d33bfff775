import re
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from contacts.models import ActionContact, Contact
from partners.models import Organisation

from .models import Action, ActionOperator, Axe, Network, Public, Sector, current_among
from .paging import Listing
from .programmations import archive_label, catalogue_programmations
from .search.query import Match
from .search.vocabulary import catalogue_matching
from .widgets import CachedCheckboxSelectMultiple, CachedChoiceList

# Many-to-many filters: the link table and its column for the chosen record.
LINK_TABLES = {
    "publics": (Action.publics.through, "public"),
    "partners": (Action.partners.through, "organisation"),
    "operators": (ActionOperator, "organisation"),
    "contacts": (ActionContact, "contact"),
}
# A public covers a large share of the fiches: the database had better walk the page's sort
# order and test each fiche (EXISTS), stopping at the page's last one. A structure or a contact
# has a handful of fiches: better collect them first (IN), then sort. Sectors and networks are
# broad too, and tested the same way (ActionQuerySet.covering_sectors and covering_networks).
BROAD_LINKS = {"publics"}

SORTS = {
    "pertinence": ["-search_rank", "axe_id", "number"],
    "numero": ["axe_id", "number"],
    "titre": ["title"],
    "recent": ["-updated_at", "number"],
}


class RecordsField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        # Nothing chosen is no filter: Django would clone the queryset into an empty one,
        # which costs more than the search itself for the long lists.
        if not value and not self.required:
            return []
        return super().clean(value)


class RecordsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RecordsField


def _slug_filter(
    label, queryset, field_name, widget=CachedCheckboxSelectMultiple, method="filter_related"
):
    return RecordsFilter(
        label=label,
        queryset=queryset,
        field_name=field_name,
        to_field_name="slug",
        method=method,
        widget=widget,
    )


PUBLIC_KINDS = list(Public.Kind)


def _public_kind(public):
    kind = Public.Kind(public.kind)
    return PUBLIC_KINDS.index(kind), kind.label


def _network_sector(network):
    return network.sector.name, network.sector.name


def _linked(model, link_model, field, *only):
    """The ``model`` rows that at least one published fiche links to through ``link_model``,
    with only the columns their labels need: what only drafts cite is neither offered nor
    accepted (nor shown as a chip)."""
    links = link_model.objects.filter(
        **{field: OuterRef("pk")}, action__status=Action.Status.PUBLISHED
    )
    return model.objects.filter(Exists(links)).only("slug", *only)


def _links(link_model, broad, **conditions):
    """The fiches having a ``link_model`` row that meets ``conditions``, for a filter."""
    links = link_model.objects.filter(**conditions)
    if broad:
        return Exists(links.filter(action_id=OuterRef("pk")))
    return Q(pk__in=links.values("action_id"))


# A valid floating-point number as HTML defines it, the only value a number input may hold.
HTML_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")


class NumberOnlyInput(forms.NumberInput):
    """A number input that does not echo what is not a number ("abc"): the error message
    says what was refused, and the field stays valid HTML."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is not None and HTML_NUMBER.fullmatch(str(value)) else None


def _programmation_choices():
    return [("", _("en cours"))] + [
        (programmation.slug, programmation.period) for programmation in catalogue_programmations()
    ]


class ActionFilterSet(django_filters.FilterSet):
    """The catalogue's search and filters: one set for the page and the open-data exports."""

    q = django_filters.CharFilter(
        label=_("Mots-clés"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    axe = _slug_filter(_("Axe"), Axe.objects.all(), "axe")
    public = _slug_filter(
        _("Public cible"),
        _linked(Public, Action.publics.through, "public", "label", "kind", "age_min"),
        "publics",
        widget=CachedChoiceList(group=_public_kind),
    )
    secteur = _slug_filter(_("Secteur"), Sector.objects.all(), "sectors", method="filter_sectors")
    reseau = _slug_filter(
        _("Réseau REP+"),
        Network.objects.select_related("sector"),
        "networks",
        widget=CachedChoiceList(group=_network_sector),
        method="filter_networks",
    )
    # Filters apply in the order declared, and SQLite tests a fiche's conditions in that order:
    # the age, whose test reads every public of the fiche, comes after the sector or network.
    age = django_filters.NumberFilter(
        label=_("Âge (en années)"),
        method="filter_age",
        min_value=0,
        max_value=120,
        widget=NumberOnlyInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}),
    )
    operateur = _slug_filter(
        _("Opérateur"),
        _linked(Organisation, ActionOperator, "organisation", "name", "acronym"),
        "operators",
        widget=CachedChoiceList,
    )
    partenaire = _slug_filter(
        _("Partenaire"),
        _linked(Organisation, Action.partners.through, "organisation", "name", "acronym"),
        "partners",
        widget=CachedChoiceList,
    )
    contact = _slug_filter(
        _("Contact"),
        _linked(Contact, ActionContact, "contact", "first_name", "last_name"),
        "contacts",
        widget=CachedChoiceList,
    )
    # Empty: the current programmation, so that a followed search follows the next one.
    programmation = django_filters.ChoiceFilter(
        label=_("Programmation"),
        choices=_programmation_choices,
        method="filter_programmation",
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "« %(value)s » n'est pas une programmation du catalogue : "
                "la programmation en cours est montrée."
            )
        },
    )
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

    # What the last filtering found, for listing(): the fiches that every filter but the text
    # keeps, the search's conditions, and the sort applied.
    unsearched = None
    text_match = Match(None, None)
    sort_applied = "numero"

    class Meta:
        model = Action
        fields = []

    def filter_text(self, queryset, name, value):
        # Applied in filter_queryset, after every other filter: see listing().
        return queryset

    def filter_programmation(self, queryset, name, value):
        # Applied in filter_queryset, chosen or not: see shown_programmation.
        return queryset

    def filter_age(self, queryset, name, value):
        publics = Public.objects.covering_age(int(value))
        return queryset.filter(_links(Action.publics.through, True, public__in=publics))

    def filter_sectors(self, queryset, name, value):
        """A fiche that names no place covers the whole city, hence every sector; one that
        names a REP+ network covers that network's sector."""
        return queryset.covering_sectors(value) if value else queryset

    def filter_networks(self, queryset, name, value):
        return queryset.covering_networks(value) if value else queryset

    def filter_related(self, queryset, name, value):
        """Fiches linked to any of the chosen records; a subquery on the link table, so that
        a fiche linked twice is listed once and no DISTINCT is needed."""
        if not value:
            return queryset
        if name in LINK_TABLES:
            link_model, field = LINK_TABLES[name]
            links = _links(link_model, name in BROAD_LINKS, **{f"{field}__in": value})
            return queryset.filter(links)
        return queryset.filter(**{f"{name}__in": value})

    def sort(self, queryset, name, value):
        # Applied in filter_queryset, once the search rank exists.
        return queryset

    def filter_queryset(self, queryset):
        queryset = queryset.filter(programmation=self.shown_programmation)
        queryset = self.unsearched = super().filter_queryset(queryset)
        if self.searching:
            self.text_match = catalogue_matching(self.form.cleaned_data["q"])
            queryset = self.text_match.apply(queryset)
        sort = self.form.cleaned_data.get("tri")
        if sort not in SORTS or (sort == "pertinence" and not self.searching):
            sort = "pertinence" if self.searching else "numero"
        self.sort_applied = sort
        return queryset.order_by(*SORTS[sort])

    def listing(self):
        """``qs`` as the catalogue pages through it, counted up to ``CATALOGUE_LISTED_LIMIT``.
        Sorted by relevance, a search lists the fiches whose title holds every word, then the
        others, each part in the catalogue's order: a page of each is read without ranking
        every match, which ordering by the rank would (6,000 for "parents" at 10,000 fiches).
        A title holding every word matches anywhere too: the first part tests the title only."""
        queryset, in_title = self.qs, self.text_match.in_title
        limit = settings.CATALOGUE_LISTED_LIMIT
        if self.sort_applied != "pertinence" or in_title is None:
            return Listing(queryset, limit=limit)
        order = SORTS["numero"]
        return Listing(
            self.unsearched.filter(in_title).order_by(*order),
            queryset.exclude(in_title).order_by(*order),
            limit=limit,
        )

    def criteria(self):
        """[(parameter, value or None for the whole parameter, label)…]: what the search
        asks for, in the form's order, once the form is validated ("« parents »", "8 ans",
        "Secteur : Secteur Nord")."""
        data = getattr(self.form, "cleaned_data", {})
        found = []
        if data.get("q"):
            found.append(("q", None, f"« {data['q']} »"))
        if data.get("age") is not None:
            found.append(("age", None, _("%(age)d ans") % {"age": int(data["age"])}))
        if self.is_archive:
            found.append(("programmation", None, archive_label(self.shown_programmation)))
        for name, field in self.filters.items():
            if isinstance(field, django_filters.ModelMultipleChoiceFilter):
                found += [
                    (name, choice.slug, f"{field.label} : {choice}")
                    for choice in data.get(name) or []
                ]
        return found

    @cached_property
    def programmations(self):
        return catalogue_programmations()

    @cached_property
    def current_programmation(self):
        return current_among(self.programmations)

    @property
    def shown_programmation(self):
        """The programmation chosen (``?programmation=2020-2022``), else the current one;
        None when no fiche is published (read once the form is validated)."""
        chosen = getattr(self.form, "cleaned_data", {}).get("programmation")
        found = [item for item in self.programmations if item.slug == chosen]
        return found[0] if found else self.current_programmation

    @property
    def programmation_choices(self):
        """The switch between programmations: [(value, label, whether shown)…], the current
        one first (its value empty), then the archives."""
        current, shown = self.current_programmation, self.shown_programmation
        if current is None:
            return []
        choices = [("", _("%(period)s (en cours)") % {"period": current.period}, current == shown)]
        return choices + [
            (item.slug, _("%(period)s (archive)") % {"period": item.period}, item == shown)
            for item in self.programmations
            if item != current
        ]

    @property
    def is_archive(self):
        """Whether the fiches shown are those of an earlier programmation."""
        return self.shown_programmation != self.current_programmation

    @property
    def searching(self):
        """Whether a search rank exists to sort by (only once the form is validated)."""
        return bool(getattr(self.form, "cleaned_data", {}).get("q"))
