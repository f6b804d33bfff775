"""The follow-up totals of a programmation, for coordinators: the state of its fiches each
year, the budget by funder, the beneficiaries planned and reached, the indicators met.

Only the follow-ups of published fiches count, as on the public figures. Counted in a fixed
number of queries, and kept like the public figures until the catalogue or a follow-up changes
(``figures.kept``): the coordinators' pages themselves are never cached.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from actions.models import Public

from .figures import kept
from .models import BeneficiaryCount, Cofunding, FollowUp, Indicator

CITE_FUND = _("Crédits Cité éducative")
FLAGGED_INDICATORS = 20


@dataclass
class FollowUpTotals:
    years: list
    # {year: {"follow_ups": n, "cite": Decimal or None, <state>: n…}}
    by_year: dict
    # [(funder name, {year: amount}, total)], the Cité éducative's fund first
    by_funder: list
    # [(public kind label, planned, reached)]
    beneficiaries: list
    # total, measured (target and achieved given), met, exceeded, unreported
    indicators: dict
    # [(fiche number, fiche title, year, label, unit, target, achieved, follow-up pk)]
    flagged: list

    @property
    def follow_ups(self):
        return sum(row["follow_ups"] for row in self.by_year.values())

    @property
    def budget(self):
        return sum((total for _, _, total in self.by_funder), Decimal(0))

    def state_count(self, year, state):
        return self.by_year.get(year, {}).get(state, 0)


def follow_up_totals(programmation, years):
    years = list(years)
    return kept(
        f"totals:{programmation.pk}:{'-'.join(map(str, years))}",
        lambda: count_follow_ups(programmation, years),
    )


def count_follow_ups(programmation, years):
    follow_ups = FollowUp.objects.of_programmation(programmation, years)
    chosen = follow_ups.values("pk")
    by_year = {
        row["year"]: row
        for row in follow_ups.values("year")
        .annotate(
            follow_ups=Count("pk"),
            cite=Sum("cite_amount"),
            **{state.value: Count("pk", filter=Q(state=state)) for state in FollowUp.State},
        )
        .order_by("year")
    }
    funders = {}
    for row in (
        Cofunding.objects.filter(follow_up__in=chosen)
        .values("funder__name", "follow_up__year")
        .annotate(amount=Sum("amount"))
        .order_by("funder__name", "follow_up__year")
    ):
        funders.setdefault(row["funder__name"], {})[row["follow_up__year"]] = row["amount"]
    cite = {year: row["cite"] for year, row in by_year.items() if row["cite"] is not None}
    by_funder = [
        (str(name), amounts, sum(amounts.values(), Decimal(0)))
        for name, amounts in [(CITE_FUND, cite), *funders.items()]
        if amounts
    ]
    beneficiaries = {
        row["public__kind"]: row
        for row in BeneficiaryCount.objects.filter(follow_up__in=chosen)
        .values("public__kind")
        .annotate(planned=Sum("planned"), reached=Sum("reached"))
        .order_by()
    }
    indicators = Indicator.objects.filter(follow_up__in=chosen)
    measured = Q(target__isnull=False, achieved__isnull=False)
    flagged = indicators.filter(measured, achieved__gt=F("target")).order_by(
        "follow_up__action__number", "follow_up__year", "position", "pk"
    )
    return FollowUpTotals(
        years=list(years),
        by_year=by_year,
        by_funder=by_funder,
        beneficiaries=[
            (str(label), beneficiaries[kind]["planned"] or 0, beneficiaries[kind]["reached"] or 0)
            for kind, label in Public.Kind.choices
            if kind in beneficiaries
        ],
        indicators=indicators.aggregate(
            total=Count("pk"),
            measured=Count("pk", filter=measured),
            met=Count("pk", filter=measured & Q(achieved__gte=F("target"))),
            exceeded=Count("pk", filter=measured & Q(achieved__gt=F("target"))),
            unreported=Count("pk", filter=Q(achieved__isnull=True)),
        ),
        flagged=list(
            flagged.values_list(
                "follow_up__action__number",
                "follow_up__action__title",
                "follow_up__year",
                "label",
                "unit",
                "target",
                "achieved",
                "follow_up_id",
            )[:FLAGGED_INDICATORS]
        ),
    )
