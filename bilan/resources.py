"""Spreadsheet resources of the follow-ups (``bilan.resources.FollowUpResource``, also for
django-import-export's ``import`` and ``export`` commands) and of the funders.

One row is one fiche's follow-up for one year: the fiche by its identifier (slug) and the year
are its key. Amounts and measures are read the French way ("1 234,50 €"). Its lines are one
a line within their cell:

- co-financements: ``financeur : montant`` (the funder by identifier or name);
- bénéficiaires: ``public : prévus / atteints`` (the public by identifier; a side may be empty);
- indicateurs: ``libellé | unité | cible | réalisé`` (unit, target and achieved may be empty).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader

from actions.models import Action, Programmation, Public
from actions.resources import CatalogueResource
from citeeducative.text import fold
from spreadsheets.cells import (
    ChoiceWidget,
    DecimalWidget,
    IntegerWidget,
    cell_text,
    format_decimal,
    parse_decimal,
)
from spreadsheets.columns import Column, ForeignKeyColumn, OrderedChildrenColumn

from .models import FollowUp, Funder, Indicator

MAX_AMOUNT_DIGITS, AMOUNT_DECIMALS = 12, 2
EMPTY_SIDES = {"", "-", "–", "—"}


def _quantity(text, what):
    """A non-negative decimal with at most 2 decimals and 12 digits, or None when empty."""
    text = text.strip()
    value = parse_decimal(text)
    if value is None:
        return None
    if value < 0:
        raise ValueError(
            _("%(what)s négatif refusé (« %(value)s »).") % {"what": what, "value": text}
        )
    _sign, digits, exponent = value.as_tuple()
    if -exponent > AMOUNT_DECIMALS or len(digits) + exponent > MAX_AMOUNT_DIGITS - AMOUNT_DECIMALS:
        raise ValueError(
            _("« %(value)s » : au plus 10 chiffres avant la virgule et 2 après.") % {"value": text}
        )
    return value


class LinesColumn(OrderedChildrenColumn):
    """Lines of a follow-up; ``unique_index`` names the item of a line that two lines may not
    share (a funder, a public)."""

    unique_index = None
    duplicate = ""

    def parse(self, cell_lines):
        items = super().parse(cell_lines)
        if self.unique_index is not None:
            keys = [item[self.unique_index] for item in items]
            if len(set(keys)) < len(keys):
                raise ValueError(str(self.duplicate))
        return items

    def find(self, model, text, *keys):
        for key in keys:
            found = self.resource.lookup(model, key).get(fold(text))
            if found is not None:
                return found
        return None


class CofundingsColumn(LinesColumn):
    unique_index = 0
    duplicate = gettext_lazy("un même financeur est écrit deux fois.")

    def __init__(self):
        super().__init__("co-financements", "cofundings", ("funder_id", "amount"))

    def parse_line(self, line):
        name, separator, amount = line.rpartition(":")
        if not separator or not name.strip():
            raise ValueError(_("« %(line)s » : écrire « financeur : montant ».") % {"line": line})
        funder = self.find(Funder, name.strip(), "slug", "name")
        if funder is None:
            raise ValueError(_("financeur inconnu « %(value)s ».") % {"value": name.strip()})
        value = _quantity(amount, _("montant"))
        if value is None:
            raise ValueError(_("« %(line)s » : le montant manque.") % {"line": line})
        return (funder.pk, value)

    def render(self, items):
        funders = self.resource.by_pk(Funder)
        return [f"{funders[pk].slug} : {format_decimal(amount)}" for pk, amount in items]


class BeneficiariesColumn(LinesColumn):
    unique_index = 0
    duplicate = gettext_lazy("un même public est écrit deux fois.")

    def __init__(self):
        super().__init__("bénéficiaires", "beneficiaries", ("public_id", "planned", "reached"))

    def parse_line(self, line):
        name, separator, counts = line.rpartition(":")
        planned, slash, reached = counts.partition("/")
        if not separator or not slash:
            raise ValueError(
                _("« %(line)s » : écrire « public : prévus / atteints ».") % {"line": line}
            )
        public = self.find(Public, name.strip(), "slug")
        if public is None:
            raise ValueError(_("public inconnu « %(value)s ».") % {"value": name.strip()})
        return (public.pk, self._count(planned), self._count(reached))

    @staticmethod
    def _count(text):
        text = text.strip()
        if text in EMPTY_SIDES:
            return None
        value = IntegerWidget().clean(text.translate(str.maketrans("", "", " \u00a0\u202f")))
        if value < 0:
            raise ValueError(
                _("nombre de bénéficiaires négatif refusé (« %(value)s »).") % {"value": text}
            )
        return value

    def render(self, items):
        publics = self.resource.by_pk(Public)

        def side(count):
            return "" if count is None else str(count)

        return [
            f"{publics[pk].slug} : {side(planned)} / {side(reached)}"
            for pk, planned, reached in items
        ]


class IndicatorsColumn(LinesColumn):
    def __init__(self):
        super().__init__("indicateurs", "indicators", ("label", "unit", "target", "achieved"))

    def parse_line(self, line):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 4 or not parts[0]:
            raise ValueError(
                _("« %(line)s » : écrire « libellé | unité | cible | réalisé ».") % {"line": line}
            )
        label, unit, target, achieved = parts
        lengths = (
            (label, Indicator._meta.get_field("label")),
            (unit, Indicator._meta.get_field("unit")),
        )
        if any(len(text) > field.max_length for text, field in lengths):
            raise ValueError(_("« %(line)s » : libellé ou unité trop long.") % {"line": line})
        what = _("valeur d'indicateur")
        return (label, unit, _quantity(target, what), _quantity(achieved, what))

    def render(self, items):
        return [
            f"{label} | {unit} | {format_decimal(target)} | {format_decimal(achieved)}"
            for label, unit, target, achieved in items
        ]


class FollowUpLoader(BaseInstanceLoader):
    """The follow-ups of the fiches a file names, in one query, by fiche and year."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        fiche = resource.fields[resource.get_import_id_fields()[0]]
        slugs = {fold(cell_text(row.get(fiche.column_name))) for row in dataset.dict}
        found = FollowUp.objects.filter(action__slug__in=slugs).prefetch_related(
            "cofundings", "beneficiaries", "indicators"
        )
        self.instances = {(item.action_id, item.year): item for item in found}

    def get_instance(self, row):
        fiche, year = (self.resource.fields[name] for name in self.resource.get_import_id_fields())
        try:
            action, number = fiche.clean(row), year.clean(row)
        except ValueError:
            return None  # the row is new, or wrong: its import says why
        return self.instances.get((action.pk, number)) if action else None


class FollowUpResource(CatalogueResource):
    action = ForeignKeyColumn(
        "fiche",
        "action",
        Action,
        unknown=gettext_lazy("fiche inconnue « %(value)s » (identifiant d'une fiche)."),
    )
    number = Field(column_name="numéro", readonly=True)
    title = Field(column_name="titre", readonly=True)
    year = Column("année", "year", IntegerWidget())
    state = Column("état", "state", ChoiceWidget(FollowUp.State, default=FollowUp.State.PLANNED))
    cite_amount = Column("crédits cité éducative", "cite_amount", DecimalWidget())
    cofundings = CofundingsColumn()
    dauphin_number = Column("n° dauphin", "dauphin_number")
    beneficiaries = BeneficiariesColumn()
    indicators = IndicatorsColumn()
    summary = Column("bilan qualitatif", "summary")

    required_columns = ("fiche", "année")
    # The fiche's number and title, written for the reader: an import ignores them.
    ignored_columns = ("numéro", "titre")
    export_prefetch = ("cofundings", "beneficiaries", "indicators")
    export_select_related = ("action",)

    class Meta(CatalogueResource.Meta):
        model = FollowUp
        name = "Suivis annuels des fiches"
        fields = (
            "action",
            "number",
            "title",
            "year",
            "state",
            "cite_amount",
            "cofundings",
            "dauphin_number",
            "beneficiaries",
            "indicators",
            "summary",
        )
        import_order = export_order = fields
        import_id_fields = ["action", "year"]
        instance_loader_class = FollowUpLoader

    def by_pk(self, model):
        # A fiche's identifier and programmation are all an import reads of it.
        if model is Action and (model, "pk") not in self._lookups:
            fiches = Action.objects.only("pk", "slug", "number", "title", "programmation_id")
            self._lookups[model, "pk"] = {fiche.pk: fiche for fiche in fiches}
        return super().by_pk(model)

    def dehydrate_number(self, follow_up):
        return follow_up.action.number

    def dehydrate_title(self, follow_up):
        return follow_up.action.title

    def check_instance(self, instance, row, errors):
        if instance.action_id and "action" not in errors:
            # For ``FollowUp.clean``, which checks the year against the programmation.
            instance.action.programmation = self.by_pk(Programmation)[
                instance.action.programmation_id
            ]
        return super().check_instance(instance, row, errors)

    def not_validated(self, instance):
        return set()


class FunderResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    name = Column("nom", "name")

    required_columns = ("nom",)

    class Meta(CatalogueResource.Meta):
        model = Funder
        name = "Financeurs"
        fields = ("slug", "name")
        import_order = export_order = fields
        import_id_fields = ["slug"]

    def check_instance(self, instance, row, errors):
        if not instance.slug and instance.name and "slug" not in errors:
            instance.slug = self.unique_slug(instance.name, Funder, 80)
        return super().check_instance(instance, row, errors)
