"""Browsing earlier programmations and carrying fiches over, in a real browser."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from actions.models import Action
from actions.services import carry_over
from citeeducative.loading import catalogue_load
from tests.factories import ProgrammationFactory
from tests.livret_fiches import livret_fiche, livret_fiches

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


@pytest.fixture
def next_programmation(livret):
    return ProgrammationFactory(
        slug="2027-2029", name="Programmation 2027-2029", start_year=2027, end_year=2029
    )


def test_a_professional_switches_to_the_archives_and_back(page, live_server, next_programmation):
    for copy in carry_over(
        actions=livret_fiches().filter(number__in=[1, 2]), programmation=next_programmation
    ):
        copy.status = Action.Status.PUBLISHED
        copy.save()
    page.goto(live_server.url + "/actions/")
    expect(page.locator("#nombre-resultats")).to_contain_text("2 fiches action")
    page.get_by_label("2020-2022 (archive)").check()
    expect(page).to_have_url(re.compile(r"/actions/\?programmation=2020-2022"))
    expect(page.locator("#nombre-resultats")).to_contain_text("27 fiches action")
    expect(page.locator(".action-card .badge--archive").first).to_have_text("Archive 2020-2022")
    old = Action.objects.get(programmation__slug="2020-2022", number=1)
    page.get_by_role("link", name=old.title, exact=True).click()
    expect(page.locator(".fiche__header .badge--archive")).to_have_text("Archive 2020-2022")
    expect(page.locator(".fiche__lineage")).to_contain_text("Reconduite en 2027-2029")
    page.locator(".fiche__lineage a").click()
    expect(page.locator(".fiche__lineage")).to_contain_text("Suite de la fiche n°1, 2020-2022")
    expect(page.locator(".fiche__header .badge--archive")).to_have_count(0)
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.get_by_label("2027-2029 (en cours)").check()
    expect(page.locator("#nombre-resultats")).to_contain_text("2 fiches action")
    expect(page.locator(".badge--archive")).to_have_count(0)


def test_a_coordinator_carries_fiches_over_into_the_next_programmation(
    page, live_server, next_programmation, coordinator
):
    page.goto(live_server.url + "/admin/login/?next=/admin/actions/action/")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()
    for number in (3, 5):
        pk = livret_fiche(number).pk
        page.locator(f'input[name="_selected_action"][value="{pk}"]').check()
    page.locator('select[name="action"]').select_option("carry_over")
    page.locator('button[name="index"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Reconduire dans une autre programmation"
    )
    page.get_by_label("Programmation d'arrivée").select_option(label="Programmation 2027-2029")
    page.get_by_role("button", name="Reconduire").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "2 fiches reconduites en brouillon dans Programmation 2027-2029."
    )
    copies = Action.objects.filter(programmation=next_programmation).order_by("number")
    assert [(copy.number, copy.predecessors.get().number) for copy in copies] == [(1, 3), (2, 5)]
    assert {copy.status for copy in copies} == {Action.Status.DRAFT}
