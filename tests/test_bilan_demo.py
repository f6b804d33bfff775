"""generate_demo_data gives the demo fiches follow-ups, so that the bilan has figures, and
removes them with the fiches."""

import pytest
from django.core.management import call_command

from actions.models import Action
from bilan.models import Cofunding, FollowUp, Funder
from bilan.totals import follow_up_totals

pytestmark = pytest.mark.django_db


def test_demo_fiches_get_follow_ups_in_their_programmation_s_years():
    call_command("generate_demo_data", "--actions", "30", "--seed", "1", verbosity=0)
    follow_ups = FollowUp.objects.filter(action__is_demo=True)
    assert follow_ups.exists()
    assert set(follow_ups.values_list("year", flat=True)) <= {2030, 2031, 2032}
    assert all(funder.name.endswith("(démo)") for funder in Funder.objects.all())
    programmation = Action.objects.filter(is_demo=True).first().programmation
    totals = follow_up_totals(programmation, [2030, 2031, 2032])
    assert totals.budget > 0
    assert totals.indicators["total"] > 0


def test_the_same_seed_gives_the_same_fiches_as_without_follow_ups():
    call_command("generate_demo_data", "--actions", "10", "--seed", "7", verbosity=0)
    titles = list(Action.objects.order_by("number").values_list("title", flat=True))
    amounts = list(FollowUp.objects.order_by("action__number", "year").values_list("cite_amount"))
    call_command("generate_demo_data", "--actions", "10", "--seed", "7", "--replace", verbosity=0)
    assert list(Action.objects.order_by("number").values_list("title", flat=True)) == titles
    assert (
        list(FollowUp.objects.order_by("action__number", "year").values_list("cite_amount"))
        == amounts
    )


def test_replacing_the_demo_data_replaces_its_follow_ups(catalogue):
    call_command("generate_demo_data", "--actions", "10", "--seed", "2", verbosity=0)
    call_command("generate_demo_data", "--actions", "2", "--seed", "3", "--replace", verbosity=0)
    assert not FollowUp.objects.exclude(action__is_demo=True).exists()
    assert FollowUp.objects.filter(action__number__gt=2).count() == 0
    assert Cofunding.objects.exclude(follow_up__action__number__lte=2).count() == 0
