"""Waiting for a PDF in a real browser: the page follows the render and opens the file."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from citeeducative.loading import catalogue_load
from editions.models import Edition
from livret.documents import LIVRET
from livret.models import Seminar
from tests.editions_kind import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVRET_URL = "/livret/seminaire-2022-10-11.pdf"
# Where to keep screenshots of these pages, when set (to look at them).
SHOTS = os.getenv("SCREENSHOTS_DIR")


def is_pdf(response):
    return response.status == 200 and response.headers["content-type"] == "application/pdf"


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def seminar(transactional_db, database_tasks, fake_render):
    catalogue_load(directory=settings.FIXTURES_DIR)
    return Seminar.objects.get()


def test_the_public_waiting_page_opens_the_livret_once_made(page, live_server, seminar):
    page.goto(live_server.url + LIVRET_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Livret en préparation")
    expect(page.get_by_role("status")).to_contain_text("En attente")
    shot(page, "public-livret-en-preparation")
    with page.expect_response(is_pdf, timeout=15000) as response:
        run_queued_tasks()
    assert "livret-seminaire-2022-10-11.pdf" in response.value.headers["content-disposition"]


def test_without_javascript_the_refresh_link_gets_the_livret(browser, live_server, seminar):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + LIVRET_URL)
    run_queued_tasks()
    with page.expect_response(is_pdf):
        page.get_by_role("link", name="Actualiser la page").click()
    context.close()


def test_the_livret_page_says_a_new_edition_is_coming(page, live_server, seminar):
    LIVRET.request(str(seminar.pk))
    run_queued_tasks()
    LIVRET.request(str(seminar.pk))
    page.goto(live_server.url + "/livret/")
    expect(page.get_by_role("status")).to_contain_text("Une édition mise à jour est en préparation")
    shot(page, "public-livrets-mise-a-jour")


def test_a_coordinator_follows_a_new_edition_until_it_is_ready(
    page, live_server, seminar, coordinator
):
    LIVRET.request(str(seminar.pk))
    run_queued_tasks()
    coming = LIVRET.request(str(seminar.pk))
    Edition.objects.filter(pk=coming.pk).update(status="rendering", stage="layout", items=27)
    page.goto(live_server.url + f"/admin/login/?next=/admin/livret/seminar/{seminar.pk}/livret/")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("status")).to_contain_text("mise en page de 27 fiches")
    expect(page.get_by_role("link", name="télécharger l'édition actuelle")).to_be_visible()
    shot(page, "admin-livret-en-preparation")
    Edition.objects.filter(pk=coming.pk).update(status="queued", stage="", task_id="")
    with page.expect_response(is_pdf, timeout=15000) as response:
        run_queued_tasks()
    assert f"/admin/livret/seminar/edition/{coming.pk}.pdf" in response.value.url
