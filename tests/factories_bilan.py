"""Follow-ups for the bilan tests: invented figures for invented fiches (tests.factories)."""

from decimal import Decimal

import factory

from bilan.models import BeneficiaryCount, Cofunding, FollowUp, Funder, Indicator
from tests.factories import ActionFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"financeur-{n}")
    name = factory.Sequence(lambda n: f"Financeur {n}")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    action = factory.SubFactory(ActionFactory)
    year = 2021
    state = FollowUp.State.RUNNING
    cite_amount = Decimal("10000.00")


class CofundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cofunding

    follow_up = factory.SubFactory(FollowUpFactory)
    funder = factory.SubFactory(FunderFactory)
    amount = Decimal("2500.00")


class BeneficiaryCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BeneficiaryCount

    follow_up = factory.SubFactory(FollowUpFactory)
    public = factory.SubFactory("tests.factories.PublicFactory")
    planned = 100
    reached = 80


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    follow_up = factory.SubFactory(FollowUpFactory)
    label = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "séances"
    target = Decimal(20)
    achieved = Decimal(15)


def followed_action(year=2021, **kwargs):
    """A published fiche with a complete follow-up for ``year``: the Cité's fund, a co-funder,
    beneficiaries and an indicator."""
    follow_up = FollowUpFactory(year=year, **kwargs)
    CofundingFactory(follow_up=follow_up)
    BeneficiaryCountFactory(follow_up=follow_up)
    IndicatorFactory(follow_up=follow_up)
    return follow_up
