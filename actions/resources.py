"""Spreadsheet resources of the catalogue: fiches, and the lists they draw on (contract:
``actions.resources.ActionResource``, also used by django-import-export's ``import`` and
``export`` commands).

One row is one whole fiche. Its relations are written with natural keys, never database ids:
slugs for the programmation, the axe (or its number), publics, sectors, networks and structures;
slugs or e-mail addresses for contacts. Lists are one item a line within their cell.
"""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from citeeducative.caching import catalogue_changed
from contacts.models import ActionContact, Contact
from partners.models import Organisation
from spreadsheets.cells import BooleanWidget, ChoiceWidget, IntegerWidget, cell_text, parse_moment
from spreadsheets.columns import (
    Column,
    ForeignKeyColumn,
    ManyToManyColumn,
    RichTextColumn,
    RoleLinksColumn,
    TextLinesColumn,
    TitledLinksColumn,
)
from spreadsheets.resources import SpreadsheetResource

from .models import (
    Action,
    ActionOperator,
    Axe,
    Network,
    Programmation,
    Public,
    Sector,
)
from .search.indexing import search_refresh_deferred

UPDATED_FORMAT = "%Y-%m-%d %H:%M:%S"
# Action.number is a PositiveSmallIntegerField: PostgreSQL stores it as a smallint.
MAX_NUMBER = 32_767

ACTION_PREFETCH = [
    "publics",
    "sectors",
    "networks",
    "partners",
    "objectives",
    "resources",
    "operator_links",
    "contact_links",
    "predecessors",
]


class PredecessorsColumn(ManyToManyColumn):
    """The earlier fiches a fiche continues, by their ``identifiant``: looked up row by row,
    since a file holds an earlier programmation's fiches before those that continue them."""

    def parse(self, cell_lines):
        names = {name.strip() for line in cell_lines for name in re.split(r"[,;]", line)} - {""}
        found = dict(Action.objects.filter(slug__in=names).values_list("slug", "pk"))
        missing = sorted(names - found.keys())
        if missing:
            raise ValueError(self.unknown % {"value": ", ".join(f"« {name} »" for name in missing)})
        return frozenset(found.values())

    def render(self, items):
        # An import's preview: the fiches it names may have been created by earlier rows.
        if not items:
            return []
        fiches = Action.objects.filter(pk__in=items).order_by("programmation", "number")
        return list(fiches.values_list("slug", flat=True))

    def export(self, instance, **kwargs):
        if self in getattr(instance, "_pending_relations", {}) or instance.pk is None:
            return super().export(instance, **kwargs)
        # An export: the predecessors were prefetched with the fiches.
        return "\n".join(fiche.slug for fiche in instance.predecessors.all())


class CatalogueResource(SpreadsheetResource):
    """Base of the catalogue's resources (here, in ``contacts`` and ``partners``): the search
    columns of every fiche an import touches are refreshed once, at the end, and the cached
    public pages are marked stale when links were written in bulk."""

    def import_scope(self):
        return search_refresh_deferred()

    def links_written_in_bulk(self):
        catalogue_changed()


class ActionResource(CatalogueResource):
    """The fiches, one a row, with everything they hold.

    Import id: the fiche's ``identifiant`` (its slug). It is the fiche's public address
    (``/actions/<identifiant>/``) and the value every link and filter uses, so it must not change
    by accident; the number, which coordinators do change (renumbering a programmation), is then
    an ordinary column. An empty ``identifiant`` creates a fiche whose slug comes from its title.
    Re-importing a file adds nothing: a second copy of a fiche would reuse its number, which is
    refused.
    """

    programmation = ForeignKeyColumn(
        "programmation",
        "programmation",
        Programmation,
        unknown=gettext_lazy("programmation inconnue « %(value)s »."),
    )
    number = Column("numéro", "number", IntegerWidget())
    slug = Column("identifiant", "slug")
    title = Column("titre", "title")
    axe = ForeignKeyColumn(
        "axe",
        "axe",
        Axe,
        other_keys=("number",),
        unknown=gettext_lazy("axe inconnu « %(value)s » (identifiant ou numéro d'un axe)."),
    )
    status = Column("statut", "status", ChoiceWidget(Action.Status, default=Action.Status.DRAFT))
    description = RichTextColumn("description", "description", html_column="description (HTML)")
    description_html = Column("description (HTML)", "description", readonly=True)
    objectives = TextLinesColumn("objectifs", "objectives", "text")
    publics = ManyToManyColumn(
        "publics", "publics", Public, unknown=gettext_lazy("public(s) inconnu(s) : %(value)s.")
    )
    sectors = ManyToManyColumn(
        "secteurs", "sectors", Sector, unknown=gettext_lazy("secteur(s) inconnu(s) : %(value)s.")
    )
    networks = ManyToManyColumn(
        "réseaux", "networks", Network, unknown=gettext_lazy("réseau(x) inconnu(s) : %(value)s.")
    )
    perimeter_details = Column("précisions sur le périmètre", "perimeter_details")
    partners = ManyToManyColumn(
        "partenaires",
        "partners",
        Organisation,
        unknown=gettext_lazy("structure(s) inconnue(s) : %(value)s."),
    )
    operators = RoleLinksColumn(
        "opérateurs",
        "operator_links",
        target="organisation",
        model=Organisation,
        roles=ActionOperator.Role,
        default_role=ActionOperator.Role.OPERATEUR,
        unknown=gettext_lazy("structure inconnue « %(value)s »."),
        key_hint="identifiant-de-la-structure",
    )
    contacts = RoleLinksColumn(
        "contacts",
        "contact_links",
        target="contact",
        model=Contact,
        roles=ActionContact.Role,
        unknown=gettext_lazy(
            "contact inconnu « %(value)s » (ni identifiant ni e-mail d'un contact)."
        ),
        key_hint="identifiant-ou-e-mail-du-contact",
        email_field="email",
    )
    resources = TitledLinksColumn("ressources", "resources")
    predecessors = PredecessorsColumn(
        "suite de",
        "predecessors",
        Action,
        unknown=gettext_lazy("fiche(s) antérieure(s) inconnue(s) : %(value)s."),
    )
    editorial_note = Column("note éditoriale", "editorial_note")
    is_demo = Column("démonstration", "is_demo", BooleanWidget())
    # When the fiche was last changed as the file was made: an older file refuses to undo
    # later edits unless the coordinator says they mean it (``newer_in_database``).
    updated = Field(column_name="mise à jour", readonly=True)

    required_columns = ("programmation", "numéro", "titre", "axe")
    # Read-only columns of the exports (also the open-data one): a downloaded file imports.
    ignored_columns = ("adresse", "mise à jour", "description (HTML)")
    import_prefetch = ("programmation", "axe", *ACTION_PREFETCH)
    export_prefetch = ACTION_PREFETCH
    export_select_related = ("programmation", "axe")

    class Meta(CatalogueResource.Meta):
        model = Action
        name = "Fiches action"
        fields = (
            "programmation",
            "number",
            "slug",
            "title",
            "axe",
            "status",
            "description",
            "description_html",
            "objectives",
            "publics",
            "sectors",
            "networks",
            "perimeter_details",
            "partners",
            "operators",
            "contacts",
            "resources",
            "predecessors",
            "editorial_note",
            "is_demo",
            "updated",
        )
        import_order = export_order = fields
        import_id_fields = ["slug"]

    def dehydrate_updated(self, action):
        if not action.updated_at:
            return ""
        return timezone.localtime(action.updated_at).strftime(UPDATED_FORMAT)

    def newer_in_database(self, instance, row):
        if instance.pk is None or not cell_text(row.get("mise à jour")):
            return None
        written = parse_moment(row["mise à jour"])
        changed = timezone.localtime(instance.updated_at)
        if isinstance(written, datetime.datetime):
            newer = changed.replace(microsecond=0, tzinfo=None) > written
        else:
            newer = written is not None and changed.date() > written
        if not newer:
            return None
        return _(
            "la fiche a été modifiée sur le site le %(changed)s, après la date de ce fichier "
            "(%(written)s) : l'importer effacerait ces modifications."
        ) % {
            "changed": date_format(changed, "DATETIME_FORMAT"),
            "written": date_format(
                written, "DATETIME_FORMAT" if isinstance(written, datetime.datetime) else None
            ),
        }

    def check_instance(self, instance, row, errors):
        if not instance.slug and instance.title and "slug" not in errors:
            instance.slug = self.unique_slug(instance.title, Action, 80)
        problems = super().check_instance(instance, row, errors)
        if instance.number is None and "numéro" in row and "number" not in errors:
            problems["number"] = _("valeur obligatoire.")
        elif (
            instance.number is not None
            and instance.programmation_id
            and not ({"number", "programmation"} & set(errors))
        ):
            number = self._number_problem(instance)
            if number:
                problems["number"] = number
        return problems

    def not_validated(self, instance):
        # The number's range and uniqueness: checked by ``_number_problem``, with one query.
        return {*super().not_validated(instance), "number"}

    def _number_problem(self, instance):
        if not 1 <= instance.number <= MAX_NUMBER:
            return _("le numéro doit être compris entre 1 et %(max)d.") % {"max": MAX_NUMBER}
        first = self.seen_before("number", (instance.programmation_id, instance.number), self._line)
        if first:
            return _("le numéro %(number)d est aussi celui de la ligne %(line)d du fichier.") % {
                "number": instance.number,
                "line": first,
            }
        other = (
            Action.objects.filter(programmation=instance.programmation_id, number=instance.number)
            .exclude(pk=instance.pk)
            .order_by()
            .values_list("slug", flat=True)
            .first()
        )
        if other:
            return _(
                "le numéro %(number)d est déjà celui de la fiche « %(slug)s » de cette "
                "programmation."
            ) % {"number": instance.number, "slug": other}
        return None


class PublicActionResource(ActionResource):
    """The published catalogue as open data: the same columns less the editorial ones
    (status, editorial note, demo flag), plus each fiche's address and last update."""

    address = Field(column_name="adresse", readonly=True)

    class Meta(ActionResource.Meta):
        name = "Fiches action (données ouvertes)"
        fields = (
            *(
                name
                for name in ActionResource.Meta.fields
                if name not in ("status", "editorial_note", "is_demo", "updated")
            ),
            "address",
            "updated",
        )
        import_order = export_order = fields

    def __init__(self, *, base_url="", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def dehydrate_address(self, action):
        return self.base_url + action.get_absolute_url()

    def dehydrate_updated(self, action):
        return timezone.localdate(action.updated_at).isoformat() if action.updated_at else ""


class PublicResource(CatalogueResource):
    """Target publics, by slug; the ages are what the catalogue's ``age`` filter reads."""

    slug = Column("identifiant", "slug")
    label = Column("libellé", "label")
    kind = Column("type", "kind", ChoiceWidget(Public.Kind, default=Public.Kind.AUTRE))
    age_min = Column("âge minimum", "age_min", IntegerWidget())
    age_max = Column("âge maximum", "age_max", IntegerWidget())

    required_columns = ("libellé",)

    class Meta(CatalogueResource.Meta):
        model = Public
        name = "Publics cibles"
        fields = ("slug", "label", "kind", "age_min", "age_max")
        import_order = export_order = fields
        import_id_fields = ["slug"]

    def check_instance(self, instance, row, errors):
        if not instance.slug and instance.label and "slug" not in errors:
            instance.slug = self.unique_slug(instance.label, Public, 80)
        return super().check_instance(instance, row, errors)


class SectorResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    name = Column("nom", "name")

    required_columns = ("nom",)

    class Meta(CatalogueResource.Meta):
        model = Sector
        name = "Secteurs"
        fields = ("slug", "name")
        import_order = export_order = fields
        import_id_fields = ["slug"]


class NetworkResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    name = Column("nom", "name")
    sector = ForeignKeyColumn(
        "secteur", "sector", Sector, unknown=gettext_lazy("secteur inconnu « %(value)s ».")
    )
    college = Column("collège", "college")
    is_lead = Column("chef de file", "is_lead", BooleanWidget())

    required_columns = ("nom", "secteur")
    import_prefetch = ("sector",)
    export_select_related = ("sector",)

    class Meta(CatalogueResource.Meta):
        model = Network
        name = "Réseaux REP+"
        fields = ("slug", "name", "sector", "college", "is_lead")
        import_order = export_order = fields
        import_id_fields = ["slug"]


class AxeResource(CatalogueResource):
    number = Column("numéro", "number", IntegerWidget())
    slug = Column("identifiant", "slug")
    title = Column("titre", "title")
    subtitle = Column("intitulé long", "subtitle")
    presentation = Column("présentation", "presentation")

    required_columns = ("numéro", "titre")

    class Meta(CatalogueResource.Meta):
        model = Axe
        name = "Axes"
        fields = ("number", "slug", "title", "subtitle", "presentation")
        import_order = export_order = fields
        import_id_fields = ["slug"]


class ProgrammationResource(CatalogueResource):
    slug = Column("identifiant", "slug")
    name = Column("nom", "name")
    start_year = Column("année de début", "start_year", IntegerWidget())
    end_year = Column("année de fin", "end_year", IntegerWidget())

    required_columns = ("nom", "année de début", "année de fin")

    class Meta(CatalogueResource.Meta):
        model = Programmation
        name = "Programmations"
        fields = ("slug", "name", "start_year", "end_year")
        import_order = export_order = fields
        import_id_fields = ["slug"]
