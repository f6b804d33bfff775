"""French full-text search: same answers on PostgreSQL and SQLite."""

import pytest
from django.test import override_settings
from django.urls import reverse

from actions.models import Action
from actions.search.query import matching, terms
from tests.factories import (
    ActionFactory,
    AxeFactory,
    ContactFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PublicFactory,
)
from tests.livret_fiches import livret_fiches

pytestmark = pytest.mark.django_db


def found(text):
    return list(
        matching(text)
        .apply(Action.objects.published())
        .order_by("-search_rank", "number")
        .values_list("title", flat=True)
    )


def test_it_folds_accents_case_and_plurals_into_stems():
    assert terms("Évitements SCOLAIRES") == terms("evitement scolaire")


def test_it_drops_french_stop_words():
    assert terms("la lutte et le sport pour des enfants") == terms("lutte sport enfants")


def test_accents_never_matter():
    ActionFactory(title="Prévention de l'évitement scolaire")
    assert found("evitement") == ["Prévention de l'évitement scolaire"]
    assert found("ÉVITEMENT") == ["Prévention de l'évitement scolaire"]


def test_singular_finds_plural():
    ActionFactory(title="Ateliers pour les parents")
    assert found("parent") == ["Ateliers pour les parents"]


def test_every_word_must_match():
    ActionFactory(title="Sport au collège")
    ActionFactory(title="Sport et culture")
    assert found("sport collège") == ["Sport au collège"]


def test_it_searches_the_description():
    ActionFactory(title="Action A", description="<p>Des <strong>cafés des parents</strong></p>")
    assert found("cafés") == ["Action A"]


def test_it_searches_objectives_publics_partners_operators_and_contacts():
    action = ActionFactory(title="Action liée")
    ObjectiveFactory(action=action, text="Favoriser l'interconnaissance")
    action.publics.add(PublicFactory(label="Jeunes adultes"))
    action.partners.add(OrganisationFactory(name="Mission locale"))
    action.operator_links.create(organisation=OrganisationFactory(name="Citéo"))
    action.contact_links.create(contact=ContactFactory(last_name="Belgaïd"), role="troika")
    for text in ["interconnaissance", "jeune adulte", "mission locale", "citeo", "belgaid"]:
        assert found(text) == ["Action liée"], text


def test_a_renamed_contact_is_found_under_the_new_name():
    action = ActionFactory(title="Action suivie")
    contact = ContactFactory(last_name="Durand")
    action.contact_links.create(contact=contact, role="ville")
    contact.last_name = "Lefebvre"
    contact.save()
    assert found("lefebvre") == ["Action suivie"]
    assert found("durand") == []


def test_a_removed_objective_is_no_longer_found():
    objective = ObjectiveFactory(text="Développer la robotique")
    objective.delete()
    assert found("robotique") == []


def test_title_matches_rank_first():
    ActionFactory(title="Sorties culturelles", description="<p>Pour les familles.</p>")
    ActionFactory(title="Familles et écoles", description="<p>Un lien.</p>")
    assert found("familles") == ["Familles et écoles", "Sorties culturelles"]


def test_drafts_are_never_found():
    ActionFactory(title="Projet numérique", status=Action.Status.DRAFT)
    assert found("numérique") == []


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("evitement", {5, 11}),
        ("numerique", {10, 16, 22}),
        ("médiation sociale", {5, 16, 26}),
        ("CAMUS", {1, 9, 10, 16, 21, 25, 27}),
        ("citéo", {5, 8}),
    ],
)
def test_the_livret_answers_the_same_on_both_databases(catalogue, query, numbers):
    found_numbers = set(
        matching(query).apply(livret_fiches().published()).values_list("number", flat=True)
    )
    assert found_numbers == numbers


def test_the_catalogue_page_shows_the_best_match_first(client, catalogue):
    response = client.get(
        reverse("actions:list"), {"q": "évitement scolaire", "programmation": "2020-2022"}
    )
    page = response.context["page"]
    assert page.paginator.count == 2
    assert page.object_list[0].number == 5


def test_a_title_holding_only_some_of_the_words_does_not_rank_first():
    ActionFactory(number=1, title="Sport", description="<p>Au collège.</p>")
    ActionFactory(number=2, title="Sport au collège")
    assert found("sport collège") == ["Sport au collège", "Sport"]


def listed_numbers(client, **params):
    response = client.get(reverse("actions:list"), params)
    return [action.number for action in response.context["page"].object_list]


@override_settings(CATALOGUE_PAGE_SIZE=2)
def test_by_relevance_title_matches_come_first_then_the_catalogue_order(client):
    first, second = AxeFactory(number=1), AxeFactory(number=2)
    ActionFactory(number=1, axe=first, title="Sorties", description="<p>Pour les familles</p>")
    ActionFactory(number=2, axe=first, title="Familles et écoles")
    ActionFactory(number=3, axe=second, title="Café des familles")
    ActionFactory(number=4, axe=second, title="Musique", description="<p>Les familles</p>")
    ActionFactory(number=5, axe=second, title="Jeux", description="<p>Des familles</p>")
    ActionFactory(number=6, axe=second, title="Sans rapport")
    pages = [listed_numbers(client, q="famille", page=page) for page in ("1", "2", "3")]
    assert pages == [[2, 3], [1, 4], [5]]
