"""The seminar's bilan booklet: the dashboard's charts with their tables, then a summary of each
axe with its fiches (and, for coordinators, what became of them year by year), as a PDF.

``bilan_html`` is the booklet to render; the task worker makes it a PDF (``bilan.documents``).
"""

from collections import Counter
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from citeeducative.models import CiteEducative

from .charts import brand_colour, catalogue_charts, follow_up_charts, format_money
from .figures import catalogue_figures
from .listing import by_axe, fiches_of
from .totals import follow_up_totals

STYLESHEET = "bilan/bilan.css"
# Written on each chart: WeasyPrint gives an inline SVG none of the page's fonts.
PRINT_FONT = "Lato, sans-serif"
LISTED_PUBLICS = 4


def bilan_html(programmation, *, with_follow_up=False):
    cite = CiteEducative.objects.current()
    colour = brand_colour(cite)
    figures = catalogue_figures(programmation)
    axes = by_axe(fiches_of(programmation, with_follow_up=with_follow_up))
    for _axe, fiches in axes:
        for fiche in fiches:
            fiche.territory = territory_label(fiche)
    context = {
        "cite": cite,
        "programmation": programmation,
        "seminar": programmation.seminars.order_by("-date").first(),
        "figures": figures,
        "charts": catalogue_charts(figures, colour=colour, font_family=PRINT_FONT),
        "axes": [(axe, fiches, axe_summary(fiches, with_follow_up)) for axe, fiches in axes],
        "with_follow_up": with_follow_up,
        # The day, not the time: the HTML is the cache key, and must not change every second.
        "generated_on": timezone.localdate(),
    }
    if with_follow_up:
        years = list(range(programmation.start_year, programmation.end_year + 1))
        totals = follow_up_totals(programmation, years)
        context["totals"] = totals
        context["budget"] = format_money(totals.budget)
        context["follow_up_charts"] = follow_up_charts(
            totals, published=figures.fiches, colour=colour, font_family=PRINT_FONT
        )
    return render_to_string("bilan/bilan.html", context)


def territory_label(fiche):
    """Where a fiche is for, as the bilan counts it (``coverage``)."""
    places = [sector.name for sector in fiche.sectors.all()]
    places += [f"REP+ {network.name}" for network in fiche.networks.all()]
    return ", ".join(places) or _("Toute la ville")


def is_city_wide(fiche):
    return not fiche.sectors.all() and not fiche.networks.all()


def axe_summary(fiches, with_follow_up):
    """What an axe's fiches add up to: how many, for the whole city, their commonest publics and
    their operators; with the follow-up, their budget and beneficiaries."""
    publics = Counter(public.label for fiche in fiches for public in fiche.publics.all())
    operators = sorted(
        {link.organisation.name for fiche in fiches for link in fiche.operator_links.all()},
        key=str.casefold,
    )
    summary = {
        "fiches": len(fiches),
        "city_wide": sum(1 for fiche in fiches if is_city_wide(fiche)),
        "publics": [label for label, _count in publics.most_common(LISTED_PUBLICS)],
        "operators": operators,
    }
    if with_follow_up:
        follow_ups = [follow_up for fiche in fiches for follow_up in fiche.follow_ups.all()]
        summary.update(
            follow_ups=len(follow_ups),
            budget=format_money(sum((item.budget for item in follow_ups), Decimal(0))),
            planned=sum(item.planned or 0 for item in follow_ups),
            reached=sum(item.reached or 0 for item in follow_ups),
        )
    return summary
