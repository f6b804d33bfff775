"""A coordinator (Coordination group, not a superuser) edits an objective, reads the change in
the fiche's history and goes back to the version before it, in a browser."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import complete_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where to keep screenshots of these pages, when set (to look at them).
SHOTS = os.getenv("SCREENSHOTS_DIR")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mot-de-passe-solide")
    page.click("input[type=submit]")


def test_a_coordinator_edits_an_objective_reads_the_history_and_reverts(
    page, live_server, coordinator
):
    fiche = complete_action(title="Lire ensemble")
    fiche.objectives.update(text="Donner le goût de lire")
    assert not coordinator.is_superuser
    sign_in(page, live_server, coordinator)

    page.goto(live_server.url + reverse("admin:actions_action_change", args=[fiche.pk]))
    page.fill("#id_objectives-0-text", "Faire lire les parents et les enfants")
    page.get_by_label("Motif de la modification").fill("Relecture avec l'opérateur")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.get_by_role("link", name="Historique").click()
    change = page.get_by_text(
        "Objectif 1 : « Donner le goût de lire » → « Faire lire les parents et les enfants »"
    )
    expect(change).to_be_visible()
    expect(page.get_by_text("Relecture avec l'opérateur")).to_be_visible()
    content = page.locator("#content").inner_text()
    for noise in ["None", "CHANGES", "Historical", "draft", "published"]:
        assert noise not in content
    shot(page, "historique")

    older = page.locator(".fiche-version").nth(1)
    older.get_by_label("Motif (facultatif)").fill("Retour au texte validé")
    older.get_by_role("button", name="Revenir à cette version").click()
    expect(page.locator(".messagelist")).to_contain_text("est revenue à cette version")
    latest = page.locator(".fiche-version").first
    assert "Retour à la version du" in latest.inner_text()
    assert (
        "Objectif 1 : « Faire lire les parents et les enfants » → « Donner le goût de lire »"
        in (latest.inner_text())
    )
    shot(page, "retour-a-une-version")

    page.goto(live_server.url + fiche.get_absolute_url())
    expect(page.get_by_text("Donner le goût de lire")).to_be_visible()
    assert page.get_by_text("Faire lire les parents et les enfants").count() == 0
