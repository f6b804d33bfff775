"""A coordinator writes a fiche in the back office, in a real browser: the description's
editor under the site's Content Security Policy, the list of fiches on a laptop's screen."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from actions.resources import ActionResource
from citeeducative.loading import catalogue_load
from tests.factories_import import csv_bytes
from tests.livret_fiches import livret_fiche

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where a developer asks for screenshots to look at (never in CI): CITE_SHOTS=/some/folder.
SHOTS = os.environ.get("CITE_SHOTS")


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


def shot(page, name):
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


def log_in(page, live_server, next_url):
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()


def watch_csp(page):
    """The CSP violations and script errors of the page, as the browser reports them."""
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', event =>"
        " console.error('CSP: ' + event.violatedDirective + ' ' + event.blockedURI));"
    )
    return problems


def test_the_description_editor_runs_under_the_csp(page, live_server, livret, coordinator):
    problems = watch_csp(page)
    action = livret_fiche(1)
    log_in(page, live_server, f"/admin/actions/action/{action.pk}/change/")
    editor = page.locator(".prose-editor").first
    editor.scroll_into_view_if_needed()
    shot(page, "editeur")
    assert problems == [], "\n".join(problems)


def test_a_coordinator_writes_a_description_with_the_editor(page, live_server, livret, coordinator):
    action = livret_fiche(1)
    log_in(page, live_server, f"/admin/actions/action/{action.pk}/change/")
    editor = page.locator(".prose-editor .ProseMirror").first
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.press("Control+b")
    page.keyboard.type("Des rencontres")
    page.keyboard.press("Control+b")
    page.keyboard.type(" avec les familles.")
    page.keyboard.press("Enter")
    # Typing "- " starts a bulleted list, as in a word processor.
    page.keyboard.type("- au collège")
    page.keyboard.press("Enter")
    page.keyboard.type("à l'école")
    page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    assert "a été modifié avec succès" in page.locator(".messagelist").inner_text()
    action.refresh_from_db()
    assert action.description.startswith("<p><strong>Des rencontres</strong>")
    assert "<ul><li>au collège</li><li>à l'école</li></ul>" in action.description
    page.goto(live_server.url + action.get_absolute_url())
    description = page.locator(".richtext").first
    assert description.locator("strong").inner_text() == "Des rencontres"
    assert description.locator("li").all_inner_texts() == ["au collège", "à l'école"]


def test_the_list_of_fiches_fits_a_laptop_screen(page, live_server, livret, coordinator):
    log_in(page, live_server, "/admin/actions/action/")
    header = page.locator("#result_list thead").inner_text()
    for column in ("N°", "TITRE", "AXE", "STATUT", "COMPLÉTUDE"):
        assert column in header.upper()
    shot(page, "liste-des-fiches")
    overflow = page.evaluate(
        "document.querySelector('#changelist .results').scrollWidth"
        " > document.querySelector('#changelist .results').clientWidth"
    )
    assert overflow is False
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def exported_with(tmp_path, **changes):
    rows = ActionResource().export().dict
    rows[0].update(changes)
    path = tmp_path / "fiches.csv"
    path.write_bytes(csv_bytes(*rows))
    return path


def test_the_import_preview_fits_a_laptop_screen(page, live_server, livret, coordinator, tmp_path):
    long_text = "Une description réécrite dans le tableur, " * 30
    path = exported_with(tmp_path, description=long_text)
    log_in(page, live_server, "/admin/actions/action/import/")
    page.locator("#id_import_file").set_input_files(str(path))
    page.locator("#id_format").select_option(label="csv")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("heading", name="Aperçu").wait_for()
    shot(page, "import-apercu")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_old_file_is_refused_on_a_page_that_fits_the_screen(
    page, live_server, livret, coordinator, tmp_path
):
    path = exported_with(
        tmp_path, titre="Titre d'un vieux fichier", **{"mise à jour": "2020-01-01"}
    )
    log_in(page, live_server, "/admin/actions/action/import/")
    page.locator("#id_import_file").set_input_files(str(path))
    page.locator("#id_format").select_option(label="csv")
    page.get_by_role("button", name="Envoyer").click()
    problems = page.locator(".import-problems").inner_text()
    assert "modifiée sur le site le" in problems
    shot(page, "import-refuse")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
