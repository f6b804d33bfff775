"""A programmation's published fiches with what the booklet and the revue de projet show of
each, in a fixed number of queries."""

from django.db.models import Prefetch

from actions.models import Action, ActionOperator, Axe

from .models import BeneficiaryCount, Cofunding, FollowUp


def fiches_of(programmation, *, with_follow_up=False):
    fiches = (
        Action.objects.published()
        .filter(programmation=programmation)
        .select_related("axe")
        .order_by("axe_id", "number")
        .prefetch_related(
            "publics",
            "sectors",
            "networks",
            Prefetch("operator_links", ActionOperator.objects.select_related("organisation")),
        )
    )
    if with_follow_up:
        fiches = fiches.prefetch_related(
            Prefetch(
                "follow_ups",
                FollowUp.objects.order_by("year").prefetch_related(
                    Prefetch("cofundings", Cofunding.objects.select_related("funder")),
                    Prefetch("beneficiaries", BeneficiaryCount.objects.select_related("public")),
                    "indicators",
                ),
            )
        )
    return fiches


def by_axe(fiches):
    """[(axe, [its fiches])] for the axes that have fiches, in order."""
    fiches = list(fiches)
    return [
        (axe, [fiche for fiche in fiches if fiche.axe_id == axe.pk])
        for axe in Axe.objects.filter(pk__in={fiche.axe_id for fiche in fiches})
    ]
