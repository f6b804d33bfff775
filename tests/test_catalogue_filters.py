"""/actions/: every filter, the sort, pagination, and bad input that never breaks the page."""

import json
import re
from urllib.parse import parse_qs, urlencode

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.filters import ActionFilterSet
from actions.models import Action
from tests.factories import (
    ActionFactory,
    AxeFactory,
    CiteEducativeFactory,
    ContactFactory,
    OrganisationFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
    many_complete_actions,
)

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


def titles(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [action.title for action in response.context["page"].object_list]


def test_it_filters_by_axe(client):
    ActionFactory(title="Coopération", axe=AxeFactory(number=1))
    ActionFactory(title="Ambition", axe=AxeFactory(number=3))
    assert titles(client, axe="axe-3") == ["Ambition"]


def test_several_values_of_one_filter_add_up(client):
    ActionFactory(title="Un", axe=AxeFactory(number=1))
    ActionFactory(title="Deux", axe=AxeFactory(number=2))
    ActionFactory(title="Trois", axe=AxeFactory(number=3))
    assert titles(client, axe=["axe-1", "axe-3"]) == ["Un", "Trois"]


def test_filters_of_different_kinds_narrow_each_other(client):
    nord = SectorFactory(slug="nord")
    match = ActionFactory(title="Nord axe 2", axe=AxeFactory(number=2))
    match.sectors.add(nord)
    ActionFactory(title="Sud axe 2", axe=AxeFactory(number=2)).sectors.add(
        SectorFactory(slug="sud")
    )
    ActionFactory(title="Nord axe 1", axe=AxeFactory(number=1)).sectors.add(nord)
    assert titles(client, axe="axe-2", secteur="nord") == ["Nord axe 2"]


@pytest.mark.parametrize(
    ("parameter", "relation", "factory"),
    [
        ("public", "publics", PublicFactory),
        ("partenaire", "partners", OrganisationFactory),
    ],
)
def test_it_filters_by_a_linked_record(client, parameter, relation, factory):
    linked = factory()
    getattr(ActionFactory(title="Liée"), relation).add(linked)
    ActionFactory(title="Autre")
    assert titles(client, **{parameter: linked.slug}) == ["Liée"]


def test_it_filters_by_operator(client):
    operator = OrganisationFactory()
    ActionFactory(title="Portée").operator_links.create(organisation=operator)
    ActionFactory(title="Autre")
    assert titles(client, operateur=operator.slug) == ["Portée"]


def test_it_filters_by_contact(client):
    contact = ContactFactory()
    ActionFactory(title="Suivie").contact_links.create(contact=contact, role="ville")
    ActionFactory(title="Autre")
    assert titles(client, contact=contact.slug) == ["Suivie"]


def test_it_filters_by_programmation(client):
    later = ProgrammationFactory(slug="2024-2026", name="2024-2026", start_year=2024, end_year=2026)
    ActionFactory(title="Ancienne")
    ActionFactory(title="Nouvelle", programmation=later)
    assert titles(client, programmation="2024-2026") == ["Nouvelle"]


@pytest.mark.parametrize(("age", "expected"), [("5", []), ("8", ["Primaire"]), ("14", ["Collège"])])
def test_an_age_keeps_the_fiches_whose_publics_cover_it(client, age, expected):
    ActionFactory(title="Primaire").publics.add(PublicFactory(age_min=6, age_max=11))
    ActionFactory(title="Collège").publics.add(PublicFactory(age_min=11, age_max=16))
    ActionFactory(title="Sans âge").publics.add(PublicFactory())
    assert titles(client, age=age) == expected


def test_a_fiche_with_two_matching_publics_is_listed_once(client):
    action = ActionFactory(title="Deux publics")
    action.publics.add(PublicFactory(age_min=6, age_max=11), PublicFactory(age_min=2, age_max=18))
    assert titles(client, age="8") == ["Deux publics"]


@pytest.mark.parametrize(
    ("tri", "expected"),
    [("titre", ["Alpha", "Bravo", "Charlie"]), ("numero", ["Charlie", "Alpha", "Bravo"])],
)
def test_it_sorts(client, tri, expected):
    for number, title in [(1, "Charlie"), (2, "Alpha"), (3, "Bravo")]:
        ActionFactory(number=number, title=title)
    assert titles(client, tri=tri) == expected


def test_the_latest_updated_fiche_comes_first_when_asked(client):
    first = ActionFactory(title="Ancienne")
    ActionFactory(title="Récente")
    first.save()
    assert titles(client, tri="recent") == ["Ancienne", "Récente"]


@override_settings(CATALOGUE_PAGE_SIZE=2)
def test_it_paginates_with_the_total_count(client):
    for _ in range(5):
        ActionFactory()
    response = client.get(URL, {"page": 3})
    assert len(response.context["page"].object_list) == 1
    assert "5 fiches action" in response.text
    assert "page 3 sur 3" in response.text


@override_settings(CATALOGUE_PAGE_SIZE=2)
def test_pagination_links_keep_the_filters(client):
    for _ in range(3):
        ActionFactory(axe=AxeFactory(number=1))
    response = client.get(URL, {"axe": "axe-1"})
    assert 'href="?axe=axe-1&amp;page=2"' in response.text


def test_each_active_filter_is_a_chip_that_removes_it(client):
    ActionFactory(axe=AxeFactory(number=1))
    response = client.get(URL, {"q": "action", "axe": "axe-1"})
    chips = dict(response.context["chips"])
    assert parse_qs(chips["« action »"]) == {"axe": ["axe-1"]}
    assert parse_qs(chips["Axe : Axe 1 – Axe numéro 1"]) == {"q": ["action"]}


def test_the_empty_state_helps(client):
    CiteEducativeFactory(coordination_email="coordination@valmont.example")
    ActionFactory(title="Parentalité")
    response = client.get(URL, {"q": "astronomie"})
    assert "Aucune action ne correspond à ces critères." in response.text
    assert 'href="mailto:coordination@valmont.example"' in response.text


def test_htmx_gets_only_the_results(client):
    ActionFactory(title="Parentalité")
    response = client.get(URL, {"q": "parentalite"}, headers={"HX-Request": "true"})
    assert "Parentalité" in response.text
    assert "<html" not in response.text
    assert 'id="filtres"' not in response.text


def test_a_fiche_opened_from_a_search_links_back_to_it(client):
    action = ActionFactory(title="Parentalité")
    listing = client.get(URL, {"q": "parentalite"}).text
    link = re.search(r'href="([^"]+retour=[^"]+)"', listing).group(1).replace("&amp;", "&")
    detail = client.get(link).text
    assert f'href="{URL}?q=parentalite"' in detail
    assert action.title in detail


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"age": "abc"}, "Saisissez un nombre"),
        ({"age": "-4"}, "supérieure ou égale à 0"),
        ({"age": "999"}, "inférieure ou égale à 120"),
        ({"axe": "inconnu"}, "Sélectionnez un choix valide"),
        ({"q": "x" * 5000}, "au plus 200 caractères"),
        ({"tri": "pirate"}, "Sélectionnez un choix valide"),
    ],
)
def test_a_wrong_parameter_gets_a_french_message_not_an_error(client, params, message):
    ActionFactory(title="Toujours là")
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in response.text
    assert "Toujours là" in response.text


@pytest.mark.parametrize("page", ["9999", "0", "-1", "abc", ""])
def test_an_impossible_page_shows_a_real_page(client, page):
    ActionFactory(title="Seule")
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert "Seule" in response.text


parameter_names = st.sampled_from([*ActionFilterSet.base_filters, "page", "autre"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(parameter_names, st.text(max_size=40)), max_size=6))
def test_no_query_string_breaks_the_catalogue(client, pairs):
    query = urlencode([(name, value.replace("\x00", "")) for name, value in pairs])
    assert client.get(f"{URL}?{query}").status_code == 200


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "action"}, {"secteur": "nord", "age": "8", "tri": "titre"}, {"axe": "axe-1"}],
)
def test_the_catalogue_costs_the_same_queries_for_3_or_300_fiches(
    client, params, django_assert_max_num_queries
):
    many_complete_actions(3)
    # 19: the catalogue's version; the Cité éducative and the search's thesaurus, read once per
    # version; a search reads the words its last word begins.
    with django_assert_max_num_queries(19) as small:
        client.get(URL, params)
    many_complete_actions(297)
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL, params)
    assert response.status_code == 200


def test_drafts_never_appear(client):
    ActionFactory(title="Brouillon", status=Action.Status.DRAFT)
    assert titles(client) == []


def test_the_structure_list_follows_a_renamed_structure(client):
    operator = OrganisationFactory(name="Ancien nom")
    ActionFactory().operator_links.create(organisation=operator)
    assert "Ancien nom" in client.get(URL).text
    operator.name = "Nouveau nom"
    operator.save()
    page = client.get(URL).text
    assert "Nouveau nom" in page
    assert "Ancien nom" not in page


def test_the_contact_list_follows_a_new_link(client):
    action = ActionFactory()
    client.get(URL)
    contact = ContactFactory(first_name="Inès", last_name="Nouvelle")
    action.contact_links.create(contact=contact, role="ville")
    assert "Inès NOUVELLE" in client.get(URL).text


def test_a_chosen_structure_stays_selected_in_the_form(client):
    operator = OrganisationFactory(slug="citeo", name="Citéo")
    ActionFactory().operator_links.create(organisation=operator)
    page = client.get(URL, {"operateur": "citeo"}).text
    assert re.search(r'name="operateur" value="citeo" checked[^>]*>\s*Citéo</label>', page)


def test_a_chosen_public_stays_checked_in_the_form(client):
    ActionFactory().publics.add(PublicFactory(slug="parents", label="Parents"))
    PublicFactory(slug="enseignants", label="Enseignants")
    page = client.get(URL, {"public": "parents"}).text
    assert re.search(r'name="public" value="parents" checked', page)
    assert not re.search(r'name="public" value="enseignants" checked', page)


def test_a_choice_checked_once_is_not_checked_on_the_next_visit(client):
    ActionFactory().publics.add(PublicFactory(slug="parents", label="Parents"))
    client.get(URL, {"public": "parents"})
    assert 'value="parents" checked' not in client.get(URL).text


def test_the_public_list_follows_a_new_public(client):
    action = ActionFactory()
    client.get(URL)
    action.publics.add(PublicFactory(slug="grands-parents", label="Grands-parents"))
    assert 'name="public" value="grands-parents"' in client.get(URL).text


def test_the_options_are_not_queried_again_while_the_catalogue_is_unchanged(
    client, django_assert_num_queries
):
    ActionFactory().publics.add(PublicFactory())
    client.get(URL)
    # The catalogue's version, the fiche count and page, and the publics, sectors and networks
    # of the fiches shown.
    with django_assert_num_queries(6):
        client.get(URL, {"autre": "page"})


@override_settings(CATALOGUE_LISTED_LIMIT=3)
def test_past_the_listed_limit_the_count_says_more_and_how_to_see_them_all(client):
    for _ in range(5):
        ActionFactory()
    response = client.get(URL)
    assert "Plus de 3 fiches action" in response.text
    assert "Seules les 3 premières sont listées" in response.text
    assert response.context["page"].paginator.count == 3


@override_settings(CATALOGUE_LISTED_LIMIT=3, CATALOGUE_PAGE_SIZE=2)
def test_past_the_listed_limit_the_pages_stop_at_the_limit(client):
    for number in range(1, 6):
        ActionFactory(number=number, title=f"Fiche {number}")
    assert titles(client, page="2") == ["Fiche 3"]
    assert titles(client, page="3") == ["Fiche 3"]


@override_settings(CATALOGUE_LISTED_LIMIT=3)
def test_the_export_keeps_every_fiche_past_the_listed_limit(client):
    for _ in range(5):
        ActionFactory()
    export = client.get(reverse("opendata:json"))
    assert len(json.loads(b"".join(export.streaming_content))) == 5


def test_up_to_the_listed_limit_the_count_is_exact(client):
    for _ in range(3):
        ActionFactory()
    response = client.get(URL)
    assert "3 fiches action" in response.text
    assert "Plus de" not in response.text


def test_a_card_shows_what_coordinators_wrote_as_text(client):
    action = ActionFactory(title="<b>Lire</b> & écrire")
    action.publics.add(PublicFactory(label="Parents <i>et</i> enfants"))
    page = client.get(URL).text
    assert "&lt;b&gt;Lire&lt;/b&gt; &amp; écrire" in page
    assert "Parents &lt;i&gt;et&lt;/i&gt; enfants" in page
    assert "<b>Lire</b>" not in page


def test_a_card_gives_the_number_the_axe_and_the_tags(client):
    action = ActionFactory(number=7, title="Ateliers", axe=AxeFactory(number=2))
    action.publics.add(PublicFactory(label="Parents"))
    action.sectors.add(SectorFactory(name="Nord"))
    page = client.get(URL, {"tri": "titre"}).text
    assert '<p class="action-card__number">Fiche n°7 · Axe 2</p>' in page
    assert '<li class="tag">Parents</li><li class="tag tag--sector">Nord</li>' in page
