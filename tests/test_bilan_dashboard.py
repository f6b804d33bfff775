"""The bilan dashboard (contract: ``/bilan/`` and ``/bilan/<programmation>/``): public counts
from published fiches, charts with their tables, follow-up totals for coordinators only, a fixed
number of queries, and the visitors' pages cached."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from bilan.rendering import bilan_html
from tests.factories import (
    ActionFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
    many_complete_actions,
)
from tests.factories_bilan import CofundingFactory, FollowUpFactory, followed_action

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("bilan:dashboard", args=["2020-2022"])


def charts_in(page):
    return re.findall(r'<svg class="chart"[^>]*role="img"[^>]*>\s*<title id="[^"]+">', page)


def test_it_shows_the_latest_programmation_with_one_title(client, catalogue):
    page = client.get(reverse("bilan:current"))
    assert page.status_code == 200
    assert len(re.findall(r"<h1[ >]", page.text)) == 1
    assert "Bilan – Programmation 2024-2026" in page.text
    assert "<strong>20</strong> fiches action publiées" in page.text


def test_the_livret_s_programmation_keeps_its_own_bilan(client, catalogue):
    page = client.get(DASHBOARD).text
    assert "Bilan – Programmation 2020-2022" in page
    assert "<strong>27</strong> fiches action publiées" in page


def test_each_chart_has_a_title_a_description_and_its_table(client, catalogue):
    page = client.get(DASHBOARD).text
    assert len(charts_in(page)) == 8
    assert page.count("<desc id=") == 8
    assert page.count('<table class="data-table">') == 8
    assert "Fiches par axe : les données" in page


def test_the_territory_chart_counts_the_whole_city_in_each_sector(client, catalogue):
    page = client.get(DASHBOARD).text
    assert "Secteur Nord : Fiches qui nomment le secteur ou l&#x27;un de ses réseaux 6" in page
    assert "Toute la ville" in page


def test_it_says_where_nothing_is_offered(client):
    action = ActionFactory()
    action.publics.add(PublicFactory(age_min=3, age_max=5))
    action.sectors.add(SectorFactory(slug="nord"))
    page = client.get(DASHBOARD).text
    assert "Aucune fiche pour :" in page
    assert "<li>0-2 ans – Secteur Nord</li>" in page


def test_the_current_programmation_is_the_latest_with_real_fiches(client, catalogue):
    demo = ProgrammationFactory(slug="demo", name="Démonstration", start_year=2030, end_year=2032)
    ActionFactory(programmation=demo, is_demo=True)
    page = client.get(reverse("bilan:current")).text
    assert "Bilan – Programmation 2024-2026" in page
    assert reverse("bilan:dashboard", args=["demo"]) in page  # offered beside it


def test_an_unknown_programmation_is_a_404(client):
    assert client.get(reverse("bilan:dashboard", args=["1999-2001"])).status_code == 404


def test_a_programmation_without_published_fiche_says_so_without_charts(client):
    ActionFactory(status=Action.Status.DRAFT)
    page = client.get(DASHBOARD).text
    assert "Aucune fiche action de cette programmation n'est publiée" in page
    assert charts_in(page) == []


def test_an_empty_catalogue_says_so(client):
    page = client.get(reverse("bilan:current"))
    assert page.status_code == 200
    assert "Aucune fiche action n'est encore publiée" in page.text


def test_visitors_never_see_the_follow_up(client):
    follow_up = followed_action()
    CofundingFactory(follow_up=follow_up, amount=987654)
    page = client.get(DASHBOARD).text
    assert "Le suivi des fiches" not in page
    assert "987" not in page
    assert reverse("bilan:xlsx", args=["2020-2022"]) not in page


def test_a_staff_member_without_the_permission_sees_the_public_page(client):
    followed_action()
    client.force_login(User.objects.create_user("stagiaire", is_staff=True))
    page = client.get(DASHBOARD).text
    assert "Le suivi des fiches" not in page


def test_coordinators_see_the_follow_up_totals(coordinator_client):
    follow_up = followed_action()
    CofundingFactory(follow_up=follow_up, amount=4321)
    page = coordinator_client.get(DASHBOARD).text
    assert "Le suivi des fiches" in page
    assert "Budget par financeur" in page
    assert "16\u00a0821,00\u00a0€" in page  # 10 000 + 2 500 + 4 321
    assert "Bénéficiaires prévus et atteints" in page
    assert reverse("bilan:xlsx", args=["2020-2022"]) in page


def test_the_read_only_group_sees_them_too(reader_client):
    followed_action()
    assert "Budget par financeur" in reader_client.get(DASHBOARD).text


def test_without_follow_up_the_coordinators_are_told_in_french_and_get_no_empty_chart(
    coordinator_client, catalogue
):
    page = coordinator_client.get(DASHBOARD).text
    assert "Aucun suivi n'a encore été saisi pour cette programmation." in page
    assert 'id="budget-par-financeur"' not in page
    assert 'id="etat-des-fiches"' not in page


def test_a_year_narrows_the_follow_up(coordinator_client):
    first = FollowUpFactory(year=2020, cite_amount=1111)
    FollowUpFactory(action=first.action, year=2021, cite_amount=2222)
    page = coordinator_client.get(DASHBOARD, {"annee": "2021"}).text
    assert "2\u00a0222,00\u00a0€" in page
    assert "1\u00a0111,00\u00a0€" not in page
    assert '<option value="2021" selected>' in page


@pytest.mark.parametrize("value", ["2019", "abc", "2021; DROP"])
def test_a_wrong_year_shows_every_year_with_a_french_message(coordinator_client, value):
    FollowUpFactory(year=2020, cite_amount=1111)
    page = coordinator_client.get(DASHBOARD, {"annee": value})
    assert page.status_code == 200
    assert "n&#x27;est pas une année de la programmation" in page.text
    assert "1\u00a0111,00\u00a0€" in page.text


def test_flagged_indicators_are_listed_for_checking(coordinator_client):
    follow_up = FollowUpFactory()
    follow_up.indicators.create(label="Ateliers tenus", target=10, achieved=14)
    page = coordinator_client.get(DASHBOARD).text
    assert "Indicateurs au-dessus de leur cible : à vérifier" in page
    assert "Ateliers tenus" in page
    assert reverse("admin:bilan_followup_change", args=[follow_up.pk]) in page


def test_visitors_are_served_from_the_cache_until_the_catalogue_changes(
    client, django_assert_num_queries
):
    ActionFactory()
    client.get(DASHBOARD)
    with django_assert_num_queries(1):  # the catalogue's version, kept in the database
        client.get(DASHBOARD)
    ActionFactory()
    assert "<strong>2</strong> fiches action publiées" in client.get(DASHBOARD).text


def test_coordinators_pages_are_never_served_from_the_cache(coordinator_client):
    follow_up = followed_action()
    coordinator_client.get(DASHBOARD)
    follow_up.cite_amount = 777
    follow_up.save()
    assert "3\u00a0277,00\u00a0€" in coordinator_client.get(DASHBOARD).text


@pytest.mark.parametrize("size", [3, 300])
def test_the_public_page_costs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    many_complete_actions(size)
    cache.clear()
    with django_assert_num_queries(10):
        page = client.get(DASHBOARD)
    assert f"<strong>{size}</strong> fiches action publiées" in page.text


@pytest.mark.parametrize("size", [3, 300])
def test_the_coordinators_page_costs_a_fixed_number_of_queries(
    coordinator_client, django_assert_num_queries, size
):
    for action in many_complete_actions(size):
        FollowUpFactory(action=action)
    coordinator_client.get(DASHBOARD)  # the session and the permissions, once
    cache.clear()
    with django_assert_num_queries(19):
        page = coordinator_client.get(DASHBOARD)
    assert f"<strong>{size}</strong> suivis annuels saisis" in page.text


@pytest.mark.parametrize("size", [3, 300])
def test_after_a_first_visit_a_page_costs_one_query_whatever_the_size(
    client, django_assert_num_queries, size
):
    many_complete_actions(size)
    client.get(DASHBOARD)
    # The catalogue's version and the programmation; the figures are kept.
    with django_assert_num_queries(2):
        client.get(DASHBOARD, {"autre": "page"})


def test_another_cite_s_bilan_names_it_and_never_the_first(client, settings):
    settings.FIXTURES_DIR = settings.BASE_DIR / "tests" / "fixtures" / "autre-cite"
    call_command("load_catalogue", verbosity=0)
    page = client.get(reverse("bilan:current")).text
    booklet = bilan_html(Action.objects.first().programmation)
    city = json.loads((settings.BASE_DIR / "fixtures" / "territoire.json").read_text())["cite"]
    for text in (page, booklet):
        assert "Cité éducative de Valmont-sur-Lys" in text
        assert city["territory"] not in text
