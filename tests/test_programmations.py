"""Programmations over time: the public pages show the current one, earlier ones are archives."""

import pytest
from django.urls import reverse

from actions.models import Action, Programmation
from alerts.searches import canonical_query, criteria, search
from tests.factories import ActionFactory, ProgrammationFactory, many_complete_actions

pytestmark = pytest.mark.django_db

URL = reverse("actions:list")


@pytest.fixture
def two_programmations():
    old = ActionFactory(title="Ancienne action", slug="ancienne")
    new_programmation = ProgrammationFactory(
        slug="2024-2026", name="Programmation 2024-2026", start_year=2024, end_year=2026
    )
    new = ActionFactory(programmation=new_programmation, title="Nouvelle action", slug="nouvelle")
    return old, new


def test_the_current_programmation_is_the_latest_with_published_fiches(two_programmations):
    assert Programmation.objects.current().slug == "2024-2026"


def test_a_programmation_with_drafts_only_is_not_current(two_programmations):
    later = ProgrammationFactory(slug="2027", name="2027", start_year=2027, end_year=2027)
    ActionFactory(programmation=later, status=Action.Status.DRAFT)
    assert Programmation.objects.current().slug == "2024-2026"


def test_demonstration_fiches_do_not_make_a_programmation_current(two_programmations):
    demo = ProgrammationFactory(slug="demo", name="Démo", start_year=2030, end_year=2032)
    ActionFactory(programmation=demo, is_demo=True)
    assert Programmation.objects.current().slug == "2024-2026"


def test_nothing_published_means_no_current_programmation(db):
    ActionFactory(status=Action.Status.DRAFT)
    assert Programmation.objects.current() is None


def test_the_catalogue_shows_the_current_programmation_by_default(client, two_programmations):
    page = client.get(URL).text
    assert "Nouvelle action" in page
    assert "Ancienne action" not in page


def test_an_earlier_programmation_is_browsable_as_an_archive(client, two_programmations):
    page = client.get(URL, {"programmation": "2020-2022"}).text
    assert "Ancienne action" in page
    assert "Nouvelle action" not in page
    assert 'class="badge badge--archive">Archive 2020-2022</p>' in page
    assert "Archive 2020-2022 : ces fiches sont celles d'une programmation passée." in page


def test_the_switch_offers_each_programmation_with_the_shown_one_checked(
    client, two_programmations
):
    page = client.get(URL, {"programmation": "2020-2022"}).text
    assert '<input type="radio" name="programmation" value=""> 2024-2026 (en cours)' in page
    assert 'value="2020-2022" checked> 2020-2022 (archive)' in page
    page = client.get(URL).text
    assert 'value="" checked> 2024-2026 (en cours)' in page


def test_one_programmation_only_needs_no_switch(client):
    ActionFactory()
    assert 'name="programmation"' not in client.get(URL).text


def test_fiches_of_the_current_programmation_are_not_marked_archive(client, two_programmations):
    page = client.get(URL, {"programmation": "2024-2026"}).text
    assert "Nouvelle action" in page
    assert "badge--archive" not in page


def test_a_wrong_programmation_says_so_in_french_and_shows_the_current_one(
    client, two_programmations
):
    response = client.get(URL, {"programmation": "1999<b>"})
    assert response.status_code == 200
    assert (
        "« 1999&lt;b&gt; » n&#x27;est pas une programmation du catalogue : "
        "la programmation en cours est montrée." in response.text
    )
    assert "Nouvelle action" in response.text


def test_a_programmation_with_drafts_only_cannot_be_browsed(client, two_programmations):
    later = ProgrammationFactory(slug="2027", name="2027", start_year=2027, end_year=2027)
    ActionFactory(programmation=later, status=Action.Status.DRAFT, title="Brouillon secret")
    page = client.get(URL, {"programmation": "2027"}).text
    assert "n&#x27;est pas une programmation du catalogue" in page
    assert "Brouillon secret" not in page


def test_an_archived_fiche_keeps_its_address_and_says_it_is_an_archive(client, two_programmations):
    old, _new = two_programmations
    response = client.get(old.get_absolute_url())
    assert response.status_code == 200
    assert 'class="badge badge--archive">Archive 2020-2022</p>' in response.text


def test_the_archive_chip_leads_back_to_the_current_programmation(client, two_programmations):
    chips = client.get(URL, {"programmation": "2020-2022"}).context["chips"]
    assert chips == [("Archive 2020-2022", "")]


def test_the_home_page_counts_the_current_programmation(client, two_programmations):
    ActionFactory(programmation=two_programmations[1].programmation)
    page = client.get(reverse("home")).text
    assert "<strong>2</strong> fiches action en 2024-2026" in page


def test_the_key_figures_are_those_of_the_current_programmation(client, two_programmations):
    page = client.get(reverse("bilan:current")).text
    assert "Bilan – Programmation 2024-2026" in page


def test_the_catalogue_costs_as_many_queries_with_archives_as_without(
    client, two_programmations, django_assert_num_queries
):
    many_complete_actions(30)
    client.get(URL, {"programmation": "2020-2022"})
    # The catalogue's version, the fiche count and page, and the publics, sectors and networks
    # of the fiches shown.
    with django_assert_num_queries(6):
        client.get(URL, {"programmation": "2020-2022", "autre": "page"})
    with django_assert_num_queries(6):
        client.get(URL, {"autre": "page"})


def test_a_followed_search_keeps_its_programmation(two_programmations):
    query = canonical_query(search("programmation=2020-2022&q=action").data)
    assert query == "q=action&programmation=2020-2022"
    assert criteria(query) == ["« action »", "Archive 2020-2022"]
    assert [fiche.title for fiche in search(query).qs] == ["Ancienne action"]


def test_a_followed_search_without_programmation_follows_the_current_one(two_programmations):
    assert [fiche.title for fiche in search("q=action").qs] == ["Nouvelle action"]


def test_the_alert_form_carries_the_programmation(client, two_programmations):
    page = client.get(URL, {"programmation": "2020-2022"}).text
    assert '<input type="hidden" name="recherche" value="programmation=2020-2022">' in page


def test_an_archived_fiche_can_join_the_selection(client, two_programmations):
    old, _new = two_programmations
    client.post(reverse("selection:add"), {"fiche": old.slug})
    assert "Ancienne action" in client.get(reverse("selection:page")).text
