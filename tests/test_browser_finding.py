"""Finding in a real browser: long lists searched and ticked, the form following the chips,
typos put right, whom to call reached from the top of a fiche on a phone."""

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from actions.models import Action
from citeeducative.loading import catalogue_load
from tests.livret_fiches import livret_fiche

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def livret(transactional_db):
    catalogue_load(directory=settings.FIXTURES_DIR)


def test_a_long_list_is_searched_then_ticked_without_a_key_held(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    operators = page.get_by_role("group", name="Opérateur")
    search = operators.get_by_role("searchbox", name="Chercher dans la liste : Opérateur")
    search.fill("citeo")
    expect(operators.locator("li:visible")).to_have_count(1)
    expect(operators.get_by_text("1 choix affichés")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    operators.get_by_label("Citéo").check()
    page.wait_for_url("**operateur=citeo**")
    expect(page.locator(".action-card")).to_have_count(
        Action.objects.filter(programmation__slug="2020-2022", operators__slug="citeo").count()
    )
    search.fill("")
    expect(operators.locator("li:visible")).to_have_count(operators.locator("li").count())
    assert page.evaluate("window.notReloaded") is True


def test_the_publics_are_grouped_by_kind(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    publics = page.get_by_role("group", name="Public cible")
    for kind in ["Enfants et jeunes", "Parents et familles", "Professionnels"]:
        expect(publics.get_by_role("group", name=kind)).to_be_visible()
    publics.get_by_role("searchbox").fill("parent")
    expect(publics.get_by_role("group", name="Professionnels")).to_be_hidden()


def test_a_removed_chip_unticks_its_filter(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.get_by_label("Secteur Sud", exact=True).check()
    page.wait_for_url("**secteur=sud**")
    page.get_by_role("link", name="Secteur : Secteur Sud (retirer ce filtre)").click()
    expect(page.get_by_label("Secteur Sud", exact=True)).not_to_be_checked()
    page.get_by_label("Secteur Nord", exact=True).check()
    page.wait_for_url("**secteur=nord**")
    assert "secteur=sud" not in page.url


def test_a_typo_is_put_right_in_one_click(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.locator("#id_q").fill("decrochaje")
    page.locator("#id_q").press("Enter")
    page.get_by_role("link", name="« décrochage »").click()
    expect(page.locator("#id_q")).to_have_value("décrochage")
    expect(page.locator("#nombre-resultats")).to_contain_text("4 fiches action")


def test_results_come_as_the_person_types(page, live_server, livret):
    page.goto(live_server.url + "/actions/?programmation=2020-2022")
    page.locator("#id_q").press_sequentially("bibliot", delay=30)
    page.wait_for_url("**q=bibliot**")
    expect(page.locator(".action-card", has_text="lecture à voix haute")).to_be_visible()


def test_whom_to_call_is_one_tap_from_the_top_of_a_fiche_on_a_phone(page, live_server, livret):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + livret_fiche(2).get_absolute_url())
    page.get_by_role("link", name="Qui contacter ?").click()
    expect(page.get_by_role("heading", name="Qui contacter", exact=True)).to_be_in_viewport()
    expect(page.get_by_role("link", name="abelgaid@ville-roubaix.fr")).to_be_in_viewport()


def test_a_printed_fiche_has_no_buttons(page, live_server, livret):
    page.goto(live_server.url + livret_fiche(2).get_absolute_url())
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Ajouter à ma sélection")).to_be_hidden()
    expect(page.get_by_role("link", name="Télécharger la fiche (PDF)")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_professional_follows_a_search_by_e_mail(page, live_server, livret, mailoutbox):
    page.goto(live_server.url + "/actions/?q=parents&secteur=nord")
    page.get_by_text("Recevoir les nouveautés de cette recherche").click()
    page.get_by_label("Votre adresse e-mail").fill("lea@example.org")
    page.get_by_role("button", name="M'abonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse")
    expect(page.get_by_text("Secteur : Secteur Nord")).to_be_visible()
    (message,) = mail.outbox
    confirm_url = next(line for line in message.body.splitlines() if "/alertes/confirmer/" in line)
    page.goto(live_server.url + confirm_url[confirm_url.index("/alertes/") :])
    page.get_by_role("button", name="Confirmer l'abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abonnement confirmé")
