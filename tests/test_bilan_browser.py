"""The bilan in a browser: a visitor reads it and opens another programmation's, a coordinator
narrows the follow-up to a year; axe-core finds no violation, on a phone and a desktop."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests import test_accessibility as accessibility
from tests.factories_bilan import FollowUpFactory, IndicatorFactory, followed_action
from tests.livret_fiches import livret_fiche
from tests.test_accessibility import violations

# The accessibility tests' fixtures: a page that lets axe-core in, and the livret's catalogue.
audited_page, livret = accessibility.audited_page, accessibility.livret

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mot-de-passe-solide")
    page.click("input[type=submit]")


@pytest.fixture
def follow_ups(livret):
    for number, year in ((1, 2020), (2, 2021), (5, 2021), (12, 2022)):
        follow_up = followed_action(action=livret_fiche(number), year=year)
        IndicatorFactory(follow_up=follow_up, label="Familles venues", target=10, achieved=13)
    FollowUpFactory(action=livret_fiche(3), year=2021, cite_amount=Decimal(4200))


def test_a_visitor_reads_the_bilan_and_opens_another_programmation(page, live_server, livret):
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Bilan").click()
    page.get_by_role("link", name="Programmation 2020-2022").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bilan – Programmation 2020-2022"
    assert page.locator("svg.chart[role=img]").count() == 8
    chart = page.get_by_role("img", name="Fiches par axe")
    assert chart.is_visible()
    assert page.get_by_role("table", name="Fiches par axe : les données").is_visible()
    page.get_by_role("link", name="Programmation 2024-2026").click()
    assert "<strong>20</strong> fiches action publiées" in page.content()


def test_a_coordinator_narrows_the_follow_up_to_a_year(page, live_server, follow_ups, coordinator):
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + reverse("bilan:dashboard", args=["2020-2022"]))
    assert page.get_by_role("heading", name="Le suivi des fiches").is_visible()
    page.get_by_label("Année", exact=True).select_option("2022")
    page.get_by_role("button", name="Afficher").click()
    assert "annee=2022" in page.url
    figures = page.locator(".bilan-follow-up .key-figures").inner_text()
    assert "1\nsuivi annuel saisi" in figures


@pytest.mark.parametrize("width", [375, 1280])
def test_the_public_bilan_has_no_accessibility_violation(audited_page, live_server, livret, width):
    assert violations(audited_page, live_server.url + reverse("bilan:current"), width) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_coordinators_bilan_has_no_accessibility_violation(
    audited_page, live_server, follow_ups, coordinator, width
):
    sign_in(audited_page, live_server, coordinator)
    assert violations(audited_page, live_server.url + reverse("bilan:current"), width) == []


def test_the_page_does_not_scroll_sideways_on_a_phone(page, live_server, follow_ups, coordinator):
    sign_in(page, live_server, coordinator)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("bilan:current"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
