"""Demo follow-ups, so that the bilan of the demo programmation has figures: for most years of
each demo fiche, a state, made-up amounts from made-up funders (« … (démo) », slugs ``demo-…``),
beneficiaries for its publics and indicators. Written in bulk, like the demo fiches."""

from decimal import Decimal

from bilan.models import BeneficiaryCount, Cofunding, FollowUp, Funder, Indicator

from .draw import DEMO_PREFIX

FUNDERS = (
    "État – politique de la ville",
    "Caisse d'allocations familiales",
    "Conseil départemental",
    "Conseil régional",
    "Fondation d'entreprise",
)
MEASURES = (
    ("Enfants inscrits", "enfants"),
    ("Familles touchées", "familles"),
    ("Séances réalisées", "séances"),
    ("Professionnels formés", "professionnels"),
    ("Participants satisfaits", "%"),
)
# How likely a fiche has a follow-up for the first, second and third year of the programmation.
FOLLOWED = (0.9, 0.75, 0.5)


def demo_funders():
    existing = {
        funder.slug: funder for funder in Funder.objects.filter(slug__startswith=DEMO_PREFIX)
    }
    missing = [
        Funder(slug=f"{DEMO_PREFIX}financeur-{index}", name=f"{name} (démo)")
        for index, name in enumerate(FUNDERS, start=1)
        if f"{DEMO_PREFIX}financeur-{index}" not in existing
    ]
    return [*existing.values(), *Funder.objects.bulk_create(missing)]


def demo_follow_ups(drafts, rng, funders, years):
    """Follow-ups of the fiches of ``drafts`` (each with its saved ``action`` and its
    ``publics``), and their lines; returns how many follow-ups."""
    plans = []
    for draft in drafts:
        for index, year in enumerate(years):
            if rng.random() < FOLLOWED[min(index, len(FOLLOWED) - 1)]:
                plans.append((draft, index, year))
    follow_ups = FollowUp.objects.bulk_create(
        FollowUp(
            action_id=draft["action"].pk,
            year=year,
            state=_state(rng, index),
            cite_amount=Decimal(rng.randrange(20, 600) * 100),
            dauphin_number=f"DEMO-{year}-{draft['action'].number:05d}",
            summary="Bilan de démonstration : texte synthétique.",
        )
        for draft, index, year in plans
    )
    cofundings, beneficiaries, indicators = [], [], []
    for follow_up, (draft, index, _year) in zip(follow_ups, plans, strict=True):
        for position, funder in enumerate(rng.sample(funders, rng.randint(0, 3)), start=1):
            cofundings.append(
                Cofunding(
                    follow_up_id=follow_up.pk,
                    funder_id=funder.pk,
                    amount=Decimal(rng.randrange(5, 300) * 100),
                    position=position,
                )
            )
        for position, public in enumerate(draft["publics"], start=1):
            planned = rng.randrange(10, 400)
            reached = round(planned * rng.uniform(0.5, 1.2)) if index < 2 else None
            beneficiaries.append(
                BeneficiaryCount(
                    follow_up_id=follow_up.pk,
                    public_id=public.pk,
                    planned=planned,
                    reached=reached,
                    position=position,
                )
            )
        for position, (label, unit) in enumerate(rng.sample(MEASURES, rng.randint(1, 3)), start=1):
            target = Decimal(80) if unit == "%" else Decimal(rng.randrange(10, 200))
            achieved = None
            if index < 2:
                achieved = (target * Decimal(rng.uniform(0.6, 1.25))).quantize(Decimal(1))
            indicators.append(
                Indicator(
                    follow_up_id=follow_up.pk,
                    label=label,
                    unit=unit,
                    target=target,
                    achieved=achieved,
                    position=position,
                )
            )
    Cofunding.objects.bulk_create(cofundings)
    BeneficiaryCount.objects.bulk_create(beneficiaries)
    Indicator.objects.bulk_create(indicators)
    return len(follow_ups)


def _state(rng, index):
    if index == 0:
        return FollowUp.State.SUSPENDED if rng.random() < 0.05 else FollowUp.State.DONE
    if index == 1:
        return FollowUp.State.RUNNING
    return FollowUp.State.PLANNED


def demo_follow_ups_delete(actions, raw_delete):
    """The follow-ups of ``actions`` and their lines, then the demo funders nothing uses."""
    follow_ups = FollowUp.objects.filter(action__in=actions).values("pk")
    for model in (Cofunding, BeneficiaryCount, Indicator):
        raw_delete(model.objects.filter(follow_up__in=follow_ups))
    raw_delete(FollowUp.objects.filter(action__in=actions))
    raw_delete(Funder.objects.filter(slug__startswith=DEMO_PREFIX, cofundings__isnull=True))
