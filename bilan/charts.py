"""The bilan's figures as charts (``charts``), the same for the dashboard and the PDF."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from charts import BarChart, GridChart, Series
from citeeducative.models import CiteEducative

from .models import FollowUp

# The axes' colours, as on the site and in the livret.
AXE_COLOURS = ("#0b6e4f", "#a23b2a", "#5b3c9a")
CITY_WIDE_COLOUR = "#b35900"
STATE_COLOURS = ("#5b6474", "#0b4f8a", "#2e7d4f", "#a2352a", "#b35900")


def brand_colour(cite):
    """The Cité's colour for the charts; before its first load, the model's default."""
    if cite is None:
        return CiteEducative._meta.get_field("brand_colour").default
    return cite.brand_colour


def format_money(value):
    return f"{number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)}\u00a0€"


def catalogue_charts(figures, *, colour, font_family=None):
    """The public charts, by name, in the order the dashboard shows them."""
    common = {"font_family": font_family}
    fiches = _("Fiches")
    charts = {
        "axes": BarChart(
            chart_id="fiches-par-axe",
            title=_("Fiches par axe"),
            categories=[
                f"{_('Axe')} {number} – {title}" for number, title, _slug, _n in figures.by_axe
            ],
            series=[Series(fiches, [count for *_rest, count in figures.by_axe])],
            colours=AXE_COLOURS,
            category_header=_("Axe"),
            **common,
        ),
        "territory": BarChart(
            chart_id="fiches-par-secteur",
            title=_("Fiches par secteur, avec celles pour toute la ville"),
            categories=[_("Toute la ville"), *(name for name, *_rest in figures.by_sector)],
            series=[
                Series(
                    _("Fiches qui nomment le secteur ou l'un de ses réseaux"),
                    [0, *(named for _name, _slug, named, _city in figures.by_sector)],
                    colour,
                ),
                Series(
                    _("Fiches pour toute la ville"),
                    [figures.city_wide] * (len(figures.by_sector) + 1),
                    CITY_WIDE_COLOUR,
                ),
            ],
            stacked=True,
            category_header=_("Territoire"),
            total_header=_("Fiches pour ce territoire"),
            **common,
        ),
        "networks": BarChart(
            chart_id="fiches-par-reseau",
            title=_("Fiches qui nomment chaque réseau REP+"),
            categories=[f"{name} ({sector})" for name, sector, _n in figures.by_network],
            series=[Series(fiches, [count for *_rest, count in figures.by_network], colour)],
            category_header=_("Réseau REP+"),
            **common,
        ),
        "publics": _fiches_by(
            "fiches-par-public",
            _("Fiches par type de public"),
            _("Public"),
            figures.by_public_kind,
            colour,
            **common,
        ),
        "ages": _fiches_by(
            "fiches-par-age",
            _("Fiches par tranche d'âge"),
            _("Tranche d'âge"),
            figures.by_age_band,
            colour,
            **common,
        ),
        "coverage": GridChart(
            chart_id="couverture-age-secteur",
            title=_("Fiches par tranche d'âge et par secteur"),
            rows=[band for band, _counts in figures.coverage],
            columns=figures.coverage_sectors,
            values=[counts for _band, counts in figures.coverage],
            row_header=_("Tranche d'âge"),
            empty_label=_("aucune"),
            colour=colour,
            **common,
        ),
    }
    for name, structures, title in (
        ("operators", figures.top_operators, _("Les opérateurs les plus présents")),
        ("partners", figures.top_partners, _("Les partenaires les plus cités")),
    ):
        if structures:
            charts[name] = _fiches_by(
                f"structures-{name}",
                title,
                _("Structure"),
                [(structure.name, structure.fiches) for structure in structures],
                colour,
                **common,
            )
    return charts


def _fiches_by(chart_id, title, header, counts, colour, **common):
    """Bars of fiches counted by ``counts``' labels: [(label, fiches)]."""
    return BarChart(
        chart_id=chart_id,
        title=title,
        categories=[label for label, _count in counts],
        series=[Series(_("Fiches"), [count for _label, count in counts], colour)],
        category_header=header,
        **common,
    )


def follow_up_charts(totals, *, published, colour, font_family=None):
    """The coordinators' charts: only those with something to show."""
    common = {"font_family": font_family}
    charts = {}
    years = totals.years
    states = [
        *(
            (label, [totals.state_count(year, value) for year in years])
            for value, label in FollowUp.State.choices
        ),
        (
            _("Sans suivi"),
            [published - totals.by_year.get(year, {}).get("follow_ups", 0) for year in years],
        ),
    ]
    if totals.follow_ups:
        charts["states"] = BarChart(
            chart_id="etat-des-fiches",
            title=_("État des fiches, année par année"),
            categories=[str(year) for year in years],
            series=[
                Series(label, values, STATE_COLOURS[index])
                for index, (label, values) in enumerate(states)
            ],
            stacked=True,
            category_header=_("Année"),
            total_header=_("Fiches publiées"),
            **common,
        )
    if totals.by_funder:
        charts["budget"] = BarChart(
            chart_id="budget-par-financeur",
            title=_("Budget par financeur"),
            categories=[name for name, _amounts, _total in totals.by_funder],
            series=[
                Series(str(year), [amounts.get(year, 0) for _n, amounts, _t in totals.by_funder])
                for year in years
            ],
            stacked=True,
            format_value=format_money,
            category_header=_("Financeur"),
            total_header=_("Total"),
            **common,
        )
    if totals.beneficiaries:
        charts["beneficiaries"] = BarChart(
            chart_id="beneficiaires",
            title=_("Bénéficiaires prévus et atteints, par type de public"),
            categories=[label for label, _planned, _reached in totals.beneficiaries],
            series=[
                Series(_("Prévus"), [planned for _l, planned, _r in totals.beneficiaries], colour),
                Series(_("Atteints"), [reached for _l, _p, reached in totals.beneficiaries]),
            ],
            category_header=_("Public"),
            **common,
        )
    counts = totals.indicators
    if counts["total"]:
        charts["indicators"] = BarChart(
            chart_id="indicateurs",
            title=_("Indicateurs et leur cible"),
            categories=[
                _("Cible dépassée"),
                _("Cible atteinte"),
                _("Cible non atteinte"),
                _("Sans valeur réalisée ou sans cible"),
            ],
            series=[
                Series(
                    _("Indicateurs"),
                    [
                        counts["exceeded"],
                        counts["met"] - counts["exceeded"],
                        counts["measured"] - counts["met"],
                        counts["total"] - counts["measured"],
                    ],
                    colour,
                )
            ],
            category_header=_("Résultat"),
            **common,
        )
    return charts
