"""Ma sélection in a real browser: in place with JavaScript, by forms without it."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from citeeducative.loading import catalogue_load
from tests.livret_fiches import livret_fiche

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


def card(page, number):
    return page.locator(".action-card").filter(has_text=f"Fiche n°{number}").first


def test_fiches_are_added_from_cards_and_pages_without_leaving_them(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.evaluate("window.notReloaded = true")
    card(page, 2).get_by_role("button", name="Ajouter à ma sélection").click()
    expect(card(page, 2).get_by_role("button")).to_contain_text("Retirer de ma sélection")
    expect(page.locator("[data-selection-count]")).to_have_text(" (1)")
    assert page.evaluate("window.notReloaded") is True

    page.goto(live_server.url + livret_fiche(9).get_absolute_url())
    page.get_by_role("button", name="Ajouter à ma sélection").click()
    expect(page.locator("[data-selection-count]")).to_have_text(" (2)")

    page.get_by_role("link", name="Ma sélection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma sélection")
    assert page.locator(".selection-item h2").all_inner_texts() == [
        "Poste liaison Familles-Écoles-Quartier",
        "Equipe mobile médico-sociale",
    ]
    page.evaluate("window.notReloaded = true")
    page.locator(".selection-item").first.get_by_role("button", name="Retirer").click()
    expect(page.locator(".selection-item")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True
    slug = livret_fiche(9).slug
    assert (
        page.locator("[data-share-url]").input_value().endswith(f"/actions/selection/?fiche={slug}")
    )
    assert page.get_by_role("link", name="Télécharger le livret (PDF)").get_attribute("href") == (
        f"/actions/selection.pdf?fiche={slug}"
    )


def test_a_chosen_fiche_shows_as_chosen_on_every_page(page, live_server, livret):
    page.goto(live_server.url + "/actions/")
    card(page, 3).get_by_role("button", name="Ajouter à ma sélection").click()
    expect(card(page, 3).get_by_role("button")).to_contain_text("Retirer")
    page.locator("#id_q").fill("commission")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=commission**")
    expect(card(page, 3).get_by_role("button")).to_contain_text("Retirer de ma sélection")
    card(page, 3).get_by_role("button", name="Retirer de ma sélection").click()
    expect(card(page, 3).get_by_role("button")).to_contain_text("Ajouter à ma sélection")
    expect(page.locator("[data-selection-count]")).to_be_hidden()


def test_the_selection_works_without_javascript(browser, live_server, livret):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/actions/?q=parents")
    card(page, 2).get_by_role("button", name="Ajouter à ma sélection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma sélection")
    expect(page.get_by_text("1 fiche ajoutée à votre sélection.")).to_be_visible()
    page.get_by_role("button", name="Retirer de ma sélection").click()
    expect(page.get_by_text("Votre sélection est vide.").first).to_be_visible()
    page.get_by_role("link", name="Retour à la page précédente").click()
    assert page.url.endswith("/actions/?q=parents")
    context.close()


def test_a_shared_link_gives_the_same_fiches_to_a_colleague(browser, page, live_server, livret):
    page.goto(live_server.url + "/actions/")
    for number in (2, 11):
        card(page, number).get_by_role("button", name="Ajouter à ma sélection").click()
        expect(card(page, number).get_by_role("button")).to_contain_text("Retirer")
    page.get_by_role("link", name="Ma sélection").click()
    shared = page.locator("[data-share-url]").input_value()

    colleague = browser.new_context(locale="fr-FR").new_page()
    colleague.goto(shared)
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Sélection partagée")
    expect(colleague.locator(".selection-item")).to_have_count(2)
    colleague.get_by_role("button", name="Ajouter ces fiches à ma sélection").click()
    expect(colleague.get_by_text("2 fiches ajoutées à votre sélection.")).to_be_visible()
    expect(colleague.locator("[data-selection-count]")).to_have_text(" (2)")
    colleague.context.close()


def test_the_selection_downloads_as_a_booklet(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    card(page, 24).get_by_role("button", name="Ajouter à ma sélection").click()
    expect(page.locator("[data-selection-count]")).to_have_text(" (1)")
    page.goto(live_server.url + "/actions/selection/")
    href = page.get_by_role("link", name="Télécharger le livret (PDF)").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_the_printed_selection_has_no_buttons(page, live_server, livret):
    slug = livret_fiche(2).slug
    page.goto(live_server.url + f"/actions/selection/?fiche={slug}")
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Télécharger le livret (PDF)")).to_be_hidden()
    expect(page.get_by_role("button", name="Ajouter ces fiches à ma sélection")).to_be_hidden()
    expect(page.locator(".selection-item h2")).to_be_visible()
    expect(page.get_by_role("link", name="abelgaid@ville-roubaix.fr")).to_be_visible()
