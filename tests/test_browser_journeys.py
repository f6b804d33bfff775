"""What people do on the portal, in a real browser."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from actions.models import Action
from actions.search.query import matching
from citeeducative.loading import catalogue_load
from tests.livret_fiches import livret_fiche, livret_fiches

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


def test_a_professional_finds_a_fiche_and_whom_to_call(page, live_server, livret):
    page.goto(live_server.url)
    page.get_by_role("link", name="Les actions").click()
    page.get_by_role("link", name="Soutien aux missions liaisons familles-écoles-quartier").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fiche n°1")
    # The 2024-2026 fiche continues the livret's, where whom to call is written.
    page.get_by_role("link", name="Poste liaison Familles-Écoles-Quartier").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fiche n°2")
    email = page.get_by_role("link", name="abelgaid@ville-roubaix.fr")
    assert email.get_attribute("href") == "mailto:abelgaid@ville-roubaix.fr"
    page.get_by_role("link", name="Fiche n°3").click()
    assert "Commission Écoles-Collège-Quartier" in page.get_by_role("heading", level=1).inner_text()


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page, live_server, livret):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_the_fiche_page_reads_on_a_phone(page, live_server, livret):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + livret_fiche(9).get_absolute_url())
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False


def test_a_coordinator_edits_a_fiche_and_finds_the_change_in_history(
    page, live_server, livret, coordinator
):
    action = livret_fiche(1)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()
    page.goto(live_server.url + f"/admin/actions/action/{action.pk}/change/")
    page.locator("#id_title").fill("Partage d'informations (titre revu)")
    page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    assert "a été modifié avec succès" in page.locator(".messagelist").inner_text()
    page.goto(live_server.url + f"/admin/actions/action/{action.pk}/history/")
    assert "titre revu" in page.content()


def test_a_coordinator_opens_the_list_of_fiches_to_complete(page, live_server, livret, coordinator):
    page.goto(live_server.url + "/admin/login/?next=/admin/actions/action/")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("link", name="Fiches à compléter").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Qualité des données")
    incomplete = page.locator("#content-main table").first.locator("tbody tr")
    assert incomplete.count() == Action.objects.incomplete().count()


def test_the_results_refresh_in_place_as_filters_change(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Secteur Sud", exact=True).check()
    page.wait_for_url("**/actions/?*secteur=sud*")
    page.locator("#id_q").fill("croisement")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=croisement**")
    # The fiche of the Secteur Sud, and one of the whole city (n°18).
    expect(page.locator("#nombre-resultats")).to_contain_text("2 fiches action")
    assert page.evaluate("window.notReloaded") is True
    assert page.get_by_role("link", name="Secteur : Secteur Sud (retirer ce filtre)").is_visible()
    page.get_by_role("link", name="Secteur : Secteur Sud (retirer ce filtre)").click()
    expect(page.locator("#nombre-resultats")).to_contain_text("3 fiches action")


def test_the_catalogue_works_without_javascript(browser, live_server, livret):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/actions/")
    page.get_by_label("Secteur Nord", exact=True).check()
    page.get_by_role("button", name="Afficher les actions").click()
    assert "secteur=nord" in page.url
    assert "Secteur : Secteur Nord" in page.locator(".chips").inner_text()
    context.close()


def test_on_a_phone_the_results_come_before_the_folded_filters(page, live_server, livret):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/actions/?q=parents")
    assert page.get_by_label("Secteur Nord", exact=True).is_visible() is False
    assert page.locator(".action-card").first.is_visible()
    page.get_by_text("Affiner :").click()
    assert page.get_by_label("Secteur Nord", exact=True).is_visible()


def test_a_broad_search_lists_title_matches_first_and_says_when_there_are_more(
    page, live_server, livret, settings
):
    settings.CATALOGUE_PAGE_SIZE = 3
    settings.CATALOGUE_LISTED_LIMIT = 5
    matches = matching("parents").apply(livret_fiches().published())
    matches = matches.order_by("-search_rank", "axe_id", "number")
    in_title = [action.title for action in matches if action.search_rank][:3]
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.locator("#id_q").fill("parents")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=parents**")
    expect(page.locator("#nombre-resultats")).to_contain_text("Plus de 5 fiches action")
    expect(page.locator(".results__more")).to_contain_text("Seules les 5 premières")
    titles = page.locator(".action-card__title").all_inner_texts()
    assert titles[: len(in_title)] == in_title
    page.get_by_role("link", name="Page suivante").click()
    expect(page.locator("#nombre-resultats")).to_contain_text("page 2 sur 2")
    assert page.locator(".action-card").count() == 2
    assert "q=parents" in page.get_by_role("link", name="tableur CSV").get_attribute("href")
