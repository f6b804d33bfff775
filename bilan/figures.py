"""The public figures of a programmation: its published fiches counted by axe, territory,
public, age band and structure, and the coverage of each age band in each sector.

Counted by the database in a fixed number of queries whatever the number of fiches, and kept in
the cache until the catalogue or a follow-up changes (``kept``): the first visit after an edit
counts again, the others read plain values.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, Max, Q, Value, When

from actions.models import Action, ActionOperator, Axe, Network, Public, Sector
from citeeducative.caching import PAGE_TIMEOUT, catalogue_version

from .coverage import AGE_BANDS, naming_network, naming_sector, placed

TOP_STRUCTURES = 10


@dataclass
class Structure:
    slug: str
    name: str
    fiches: int


@dataclass
class CatalogueFigures:
    fiches: int
    city_wide: int
    by_axe: list  # [(axe number, title, slug, fiches)]
    by_sector: list  # [(name, slug, fiches naming it, fiches for the whole city)]
    by_network: list  # [(name, sector name, fiches naming it)]
    by_public_kind: list  # [(label, fiches)]
    without_public: int
    by_age_band: list  # [(label, fiches)]
    without_age: int
    operators: int
    partners: int
    top_operators: list  # [Structure]
    top_partners: list
    coverage_sectors: list  # [sector name]
    coverage: list  # [(age band label, [fiches for each of coverage_sectors])]

    @property
    def coverage_gaps(self):
        """(age band, sector) pairs without any fiche."""
        return [
            (band, sector)
            for band, counts in self.coverage
            for sector, count in zip(self.coverage_sectors, counts, strict=True)
            if not count
        ]


def kept(name, compute):
    """``compute()``, kept in the cache under ``name`` until the catalogue changes; a change to
    a follow-up counts as one (``BilanConfig.ready``)."""
    key = f"bilan:{name}:{catalogue_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def catalogue_figures(programmation):
    return kept(f"figures:{programmation.pk}", lambda: count_catalogue(programmation))


def count_catalogue(programmation):
    fiches = Action.objects.published().filter(programmation=programmation).order_by()
    axes = list(Axe.objects.all())
    sectors = list(Sector.objects.all())
    networks = list(Network.objects.select_related("sector"))
    kinds = Public.Kind.choices
    flags = {
        "has_public": Q(publics__isnull=False),
        "placed": placed(),
        **{f"band_{index}": band.publics() for index, band in enumerate(AGE_BANDS)},
        **{f"kind_{index}": Q(publics__kind=kind) for index, (kind, _) in enumerate(kinds)},
        **{f"sector_{sector.pk}": naming_sector(sector.pk) for sector in sectors},
        **{f"network_{network.pk}": naming_network(network.pk) for network in networks},
    }
    totals = _count_fiches(
        fiches,
        flags,
        {
            "city_wide": "placed = 0",
            "with_age": " OR ".join(f"band_{index} = 1" for index in range(len(AGE_BANDS))),
            **{f"axe_{axe.pk}": f"axe_id = {int(axe.pk)}" for axe in axes},
            **{
                f"cell_{index}_{sector.pk}": f"band_{index} = 1 AND "
                f"(sector_{sector.pk} = 1 OR placed = 0)"
                for index in range(len(AGE_BANDS))
                for sector in sectors
            },
        },
    )
    operators, top_operators = _structures(
        ActionOperator.objects.filter(action__in=fiches.values("pk"))
    )
    partners, top_partners = _structures(
        Action.partners.through.objects.filter(action__in=fiches.values("pk"))
    )
    return CatalogueFigures(
        fiches=totals["fiches"],
        city_wide=totals["city_wide"],
        by_axe=[(axe.number, axe.title, axe.slug, totals[f"axe_{axe.pk}"]) for axe in axes],
        by_sector=[
            (sector.name, sector.slug, totals[f"sector_{sector.pk}"], totals["city_wide"])
            for sector in sectors
        ],
        by_network=[
            (network.name, network.sector.name, totals[f"network_{network.pk}"])
            for network in networks
        ],
        by_public_kind=[
            (str(label), totals[f"kind_{index}"]) for index, (_, label) in enumerate(kinds)
        ],
        without_public=totals["fiches"] - totals["has_public"],
        by_age_band=[
            (str(band.label), totals[f"band_{index}"]) for index, band in enumerate(AGE_BANDS)
        ],
        without_age=totals["fiches"] - totals["with_age"],
        operators=operators,
        partners=partners,
        top_operators=top_operators,
        top_partners=top_partners,
        coverage_sectors=[sector.name for sector in sectors],
        coverage=[
            (str(band.label), [totals[f"cell_{index}_{sector.pk}"] for sector in sectors])
            for index, band in enumerate(AGE_BANDS)
        ],
    )


def _count_fiches(fiches, flags, combinations):
    """How many of ``fiches`` meet each of ``flags`` (conditions on a fiche's rows joined with
    its relations) and each of ``combinations`` (SQL conditions on the flags, and ``axe_id``).

    One query, two levels: one row per fiche with a 0/1 column per flag (the ORM's SQL), then
    the sums. Django cannot aggregate aggregates, so the outer level is written here; counting
    each flag with ``COUNT(DISTINCT …)`` or a subquery per fiche costs ten times as much."""
    per_fiche = fiches.values("pk", "axe_id").annotate(
        **{
            name: Max(Case(When(condition, then=Value(1)), default=Value(0)))
            for name, condition in flags.items()
        }
    )
    sql, params = per_fiche.query.sql_with_params()
    sums = {
        "fiches": "COUNT(*)",
        **{name: f"SUM({name})" for name in flags},
        **{
            name: f"SUM(CASE WHEN {where} THEN 1 ELSE 0 END)"
            for name, where in combinations.items()
        },
    }
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(sums.values())} FROM ({sql}) per_fiche", params)
        row = cursor.fetchone()
    return {name: value or 0 for name, value in zip(sums, row, strict=True)}


def _structures(links):
    """How many structures ``links`` name, and the most named with their fiche counts."""
    rows = list(
        links.values("organisation__slug", "organisation__name")
        .annotate(fiches=Count("action_id"))
        .order_by("-fiches", "organisation__name")
    )
    return len(rows), [
        Structure(row["organisation__slug"], row["organisation__name"], row["fiches"])
        for row in rows[:TOP_STRUCTURES]
    ]
