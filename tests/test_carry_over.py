"""Carrying fiches over into the next programmation, and the lineage a fiche page shows."""

import pytest
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action
from actions.services import carry_over
from tests.factories import ActionFactory, ProgrammationFactory, complete_action

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:actions_action_changelist")


@pytest.fixture
def next_programmation():
    return ProgrammationFactory(
        slug="2024-2026", name="Programmation 2024-2026", start_year=2024, end_year=2026
    )


def test_a_carried_over_fiche_is_a_draft_copy_linked_to_its_predecessor(next_programmation):
    fiche = complete_action(number=12)
    [copy] = carry_over(
        actions=Action.objects.filter(pk=fiche.pk), programmation=next_programmation
    )
    assert copy.status == Action.Status.DRAFT
    assert copy.programmation == next_programmation
    assert copy.title == fiche.title
    assert copy.description == fiche.description
    assert list(copy.predecessors.all()) == [fiche]
    assert list(fiche.successors.all()) == [copy]
    assert copy.editorial_note == "Reconduite de la fiche n°12 (2020-2022)."


def test_everything_linked_is_copied(next_programmation):
    fiche = complete_action()
    [copy] = carry_over(
        actions=Action.objects.filter(pk=fiche.pk), programmation=next_programmation
    )
    for relation in ("publics", "sectors", "networks", "partners"):
        assert list(getattr(copy, relation).all()) == list(getattr(fiche, relation).all())
    assert [o.text for o in copy.objectives.all()] == [o.text for o in fiche.objectives.all()]
    assert [r.url for r in copy.resources.all()] == [r.url for r in fiche.resources.all()]
    assert [(link.organisation_id, link.role) for link in copy.operator_links.all()] == [
        (link.organisation_id, link.role) for link in fiche.operator_links.all()
    ]
    assert [(link.contact_id, link.role) for link in copy.contact_links.all()] == [
        (link.contact_id, link.role) for link in fiche.contact_links.all()
    ]


def test_copies_take_the_next_free_numbers_of_the_programmation(next_programmation):
    ActionFactory(programmation=next_programmation, number=4)
    fiches = [ActionFactory(number=7), ActionFactory(number=2)]
    copies = carry_over(
        actions=Action.objects.filter(pk__in=[fiche.pk for fiche in fiches]),
        programmation=next_programmation,
    )
    assert [(copy.number, copy.predecessors.get().number) for copy in copies] == [(5, 2), (6, 7)]


def test_a_fiche_carried_over_before_is_refused_and_nothing_is_copied(next_programmation):
    first, second = ActionFactory(number=1), ActionFactory(number=2)
    carry_over(actions=Action.objects.filter(pk=first.pk), programmation=next_programmation)
    count = Action.objects.count()
    with pytest.raises(ValidationError, match="déjà reconduite"):
        carry_over(
            actions=Action.objects.filter(pk__in=[first.pk, second.pk]),
            programmation=next_programmation,
        )
    assert Action.objects.count() == count


def test_a_fiche_cannot_be_carried_over_into_its_own_programmation(db):
    fiche = ActionFactory()
    with pytest.raises(ValidationError, match="n°"):
        carry_over(actions=Action.objects.filter(pk=fiche.pk), programmation=fiche.programmation)


def _post_action(client, fiches, **data):
    return client.post(
        CHANGELIST,
        {
            "action": "carry_over",
            helpers.ACTION_CHECKBOX_NAME: [fiche.pk for fiche in fiches],
            **data,
        },
        follow=True,
    )


def test_the_admin_action_asks_for_the_programmation_first(coordinator_client, next_programmation):
    fiche = ActionFactory(number=3)
    response = _post_action(coordinator_client, [fiche])
    assert "Reconduire dans une autre programmation" in response.text
    assert "Programmation d&#x27;arrivée" in response.text
    assert Action.objects.count() == 1


def test_the_admin_action_carries_over_into_the_chosen_programmation(
    coordinator_client, next_programmation
):
    fiche = ActionFactory(number=3)
    response = _post_action(
        coordinator_client, [fiche], apply="1", programmation=next_programmation.pk
    )
    assert "1 fiche reconduite en brouillon dans Programmation 2024-2026." in response.text
    assert fiche.successors.get().programmation == next_programmation


def test_the_admin_action_refuses_a_second_carry_over_with_a_message(
    coordinator_client, next_programmation
):
    fiche = ActionFactory(number=3)
    _post_action(coordinator_client, [fiche], apply="1", programmation=next_programmation.pk)
    response = _post_action(
        coordinator_client, [fiche], apply="1", programmation=next_programmation.pk
    )
    assert "Rien n&#x27;a été reconduit" in response.text
    assert fiche.successors.count() == 1


def test_the_read_only_group_cannot_carry_over(reader_client, next_programmation):
    fiche = ActionFactory()
    _post_action(reader_client, [fiche], apply="1", programmation=next_programmation.pk)
    assert not fiche.successors.exists()


def test_a_fiche_page_says_what_it_continues(client, next_programmation):
    fiche = ActionFactory(number=12, title="Partage d'informations")
    [copy] = carry_over(
        actions=Action.objects.filter(pk=fiche.pk), programmation=next_programmation
    )
    copy.status = Action.Status.PUBLISHED
    copy.save()
    page = client.get(copy.get_absolute_url()).text
    assert "Suite de la fiche n°12, 2020-2022" in page
    assert f'<a href="{fiche.get_absolute_url()}">Partage d&#x27;informations</a>' in page
    page = client.get(fiche.get_absolute_url()).text
    assert "Reconduite en 2024-2026" in page
    assert copy.get_absolute_url() in page


def test_the_public_does_not_see_a_draft_successor(client, coordinator, next_programmation):
    fiche = ActionFactory()
    [copy] = carry_over(
        actions=Action.objects.filter(pk=fiche.pk), programmation=next_programmation
    )
    assert "Reconduite en" not in client.get(fiche.get_absolute_url()).text
    client.force_login(coordinator)
    assert copy.get_absolute_url() in client.get(fiche.get_absolute_url()).text


def test_a_fiche_page_says_when_it_was_last_updated(client):
    fiche = ActionFactory()
    Action.objects.filter(pk=fiche.pk).update(updated_at="2026-03-05T10:00:00+01:00")
    assert "Mise à jour le 5 mars 2026" in client.get(fiche.get_absolute_url()).text
