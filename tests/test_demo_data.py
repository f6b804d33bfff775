"""generate_demo_data: synthetic fiches for benchmarks, marked, apart from the real ones."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import Action
from actions.search.query import matching

pytestmark = pytest.mark.django_db


def test_it_creates_marked_demo_fiches_in_their_own_programmation():
    call_command("generate_demo_data", "--actions", "40", "--seed", "1")
    demo = Action.objects.filter(programmation__slug="demo")
    assert demo.count() == 40
    assert not demo.filter(is_demo=False).exists()
    assert all(title.startswith("[Démo]") for title in demo.values_list("title", flat=True))
    assert sorted(demo.values_list("number", flat=True)) == list(range(1, 41))


def test_demo_fiches_are_complete_and_searchable(client):
    call_command("generate_demo_data", "--actions", "20", "--seed", "2")
    action = Action.objects.filter(is_demo=True).for_detail().first()
    assert action.objectives.exists()
    assert action.publics.exists()
    assert action.contact_links.exists()
    word = action.title.split()[1]
    assert matching(word).apply(Action.objects.published()).filter(pk=action.pk).exists()
    assert client.get(action.get_absolute_url()).status_code == 200


def test_the_same_seed_gives_the_same_fiches():
    call_command("generate_demo_data", "--actions", "15", "--seed", "7")
    first = list(Action.objects.filter(is_demo=True).order_by("number").values_list("title"))
    call_command("generate_demo_data", "--actions", "15", "--seed", "7", "--replace")
    again = list(Action.objects.filter(is_demo=True).order_by("number").values_list("title"))
    assert first == again


def test_it_refuses_to_add_to_existing_demo_data_without_replace():
    call_command("generate_demo_data", "--actions", "5", "--seed", "3")
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_demo_data", "--actions", "5")
    assert Action.objects.filter(is_demo=True).count() == 5


def test_replace_leaves_the_real_catalogue_alone(catalogue):
    real = set(Action.objects.filter(is_demo=False).values_list("pk", flat=True))
    call_command("generate_demo_data", "--actions", "10", "--seed", "4")
    call_command("generate_demo_data", "--actions", "3", "--seed", "5", "--replace")
    assert set(Action.objects.filter(is_demo=False).values_list("pk", flat=True)) == real
    assert Action.objects.filter(is_demo=True).count() == 3


@pytest.mark.parametrize("count", ["0", "-3", "abc"])
def test_a_wrong_count_is_refused_with_a_french_message(count):
    with pytest.raises(CommandError, match="actions"):
        call_command("generate_demo_data", "--actions", count)


def test_demo_fiches_show_in_the_catalogue(client):
    call_command("generate_demo_data", "--actions", "5", "--seed", "6")
    response = client.get(reverse("actions:list"), {"programmation": "demo"})
    assert response.context["page"].paginator.count == 5
