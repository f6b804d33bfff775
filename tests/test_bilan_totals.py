"""The follow-up totals of a programmation: states by year, budget by funder (the Cité
éducative's fund first), beneficiaries planned and reached, indicators met and flagged."""

from decimal import Decimal

import pytest

from actions.models import Action, Public
from bilan.models import FollowUp
from bilan.totals import count_follow_ups, follow_up_totals
from tests.factories import ActionFactory, ProgrammationFactory, PublicFactory
from tests.factories_bilan import (
    BeneficiaryCountFactory,
    CofundingFactory,
    FollowUpFactory,
    FunderFactory,
    IndicatorFactory,
    followed_action,
)

pytestmark = pytest.mark.django_db

YEARS = [2020, 2021, 2022]


@pytest.fixture
def programmation():
    return ProgrammationFactory()


def test_the_budget_is_added_up_by_funder_and_year(programmation):
    caf = FunderFactory(name="CAF")
    first = FollowUpFactory(year=2020, cite_amount=Decimal(1000))
    second = FollowUpFactory(action=first.action, year=2021, cite_amount=Decimal(500))
    CofundingFactory(follow_up=first, funder=caf, amount=Decimal("250.50"))
    CofundingFactory(follow_up=second, funder=caf, amount=Decimal(100))
    totals = follow_up_totals(programmation, YEARS)
    assert totals.by_funder == [
        ("Crédits Cité éducative", {2020: Decimal(1000), 2021: Decimal(500)}, Decimal(1500)),
        ("CAF", {2020: Decimal("250.50"), 2021: Decimal(100)}, Decimal("350.50")),
    ]
    assert totals.budget == Decimal("1850.50")


def test_one_year_only_counts_its_follow_ups(programmation):
    follow_up = FollowUpFactory(year=2020, cite_amount=Decimal(1000))
    FollowUpFactory(action=follow_up.action, year=2021, cite_amount=Decimal(7))
    totals = follow_up_totals(programmation, [2021])
    assert totals.follow_ups == 1
    assert totals.budget == Decimal(7)


def test_the_states_are_counted_year_by_year(programmation):
    FollowUpFactory(year=2020, state=FollowUp.State.DONE)
    FollowUpFactory(year=2020, state=FollowUp.State.SUSPENDED)
    FollowUpFactory(year=2021, state=FollowUp.State.RUNNING)
    totals = follow_up_totals(programmation, YEARS)
    assert totals.state_count(2020, "terminee") == 1
    assert totals.state_count(2020, "suspendue") == 1
    assert totals.state_count(2021, "en-cours") == 1
    assert totals.state_count(2022, "prevue") == 0


def test_beneficiaries_are_added_up_by_kind_of_public(programmation):
    follow_up = FollowUpFactory()
    parents = PublicFactory(kind=Public.Kind.PARENTS)
    BeneficiaryCountFactory(follow_up=follow_up, public=parents, planned=30, reached=None)
    BeneficiaryCountFactory(follow_up=follow_up, planned=100, reached=120)
    totals = follow_up_totals(programmation, YEARS)
    assert totals.beneficiaries == [("Enfants et jeunes", 100, 120), ("Parents et familles", 30, 0)]


def test_indicators_are_told_met_exceeded_short_or_unreported(programmation):
    follow_up = FollowUpFactory()
    IndicatorFactory(follow_up=follow_up, target=Decimal(10), achieved=Decimal(10))
    IndicatorFactory(follow_up=follow_up, label="Séances", target=Decimal(10), achieved=Decimal(12))
    IndicatorFactory(follow_up=follow_up, target=Decimal(10), achieved=Decimal(4))
    IndicatorFactory(follow_up=follow_up, target=Decimal(10), achieved=None)
    IndicatorFactory(follow_up=follow_up, target=None, achieved=Decimal(3))
    totals = follow_up_totals(programmation, YEARS)
    assert totals.indicators == {
        "total": 5,
        "measured": 3,
        "met": 2,
        "exceeded": 1,
        "unreported": 1,
    }
    [flagged] = totals.flagged
    assert flagged[3:7] == ("Séances", "séances", Decimal(10), Decimal(12))


def test_the_follow_ups_of_drafts_are_left_out(programmation):
    followed_action(action=ActionFactory(status=Action.Status.DRAFT))
    totals = follow_up_totals(programmation, YEARS)
    assert totals.follow_ups == 0
    assert totals.by_funder == []


def test_the_totals_cost_the_same_queries_for_1_and_50_follow_ups(
    programmation, django_assert_num_queries
):
    followed_action()
    with django_assert_num_queries(5):
        count_follow_ups(programmation, YEARS)
    for _ in range(49):
        followed_action()
    with django_assert_num_queries(5):
        assert count_follow_ups(programmation, YEARS).follow_ups == 50


def test_the_totals_are_kept_until_a_follow_up_changes(programmation, django_assert_num_queries):
    follow_up = followed_action()
    assert follow_up_totals(programmation, YEARS).budget == Decimal(12500)
    with django_assert_num_queries(1):  # the catalogue's version, kept in the database
        follow_up_totals(programmation, YEARS)
    line = follow_up.cofundings.get()
    line.amount = Decimal(500)
    line.save()
    assert follow_up_totals(programmation, YEARS).budget == Decimal(10500)
    line.delete()
    assert follow_up_totals(programmation, YEARS).budget == Decimal(10000)
