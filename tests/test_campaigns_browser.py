"""A campaign in a browser: an operator proposes changes through the mailed link; a
coordinator reviews them side by side and accepts; the public fiche changes then, not before."""

import pytest
from django.urls import reverse

from actions.models import Action
from campaigns.models import Proposal
from contacts.models import Contact
from tests.factories_campaigns import invitation_of, path_of, started_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "mot-de-passe-solide")
    page.click("input[type=submit]")


@pytest.fixture
def invitation():
    started_campaign()
    return invitation_of("lea@ville.example", "Ateliers parents")


def test_an_operator_proposes_changes_through_the_link(page, live_server, invitation):
    page.goto(live_server.url + path_of(invitation))
    assert page.locator("h1").inner_text() == "Fiche n°1 : Ateliers parents"
    page.get_by_label("Titre", exact=True).fill("Ateliers des parents")
    page.get_by_label("Objectifs").fill("Soutenir les parents\nCréer du lien\nOuvrir l'école")
    karim = page.get_by_role("group", name="Contact : Karim BENALI")
    karim.get_by_label("téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Proposer ces modifications").click()
    assert "transmises à la coordination" in page.locator("main").inner_text()

    proposal = Proposal.objects.get()
    karim_pk = str(Contact.objects.get(first_name="Karim").pk)
    assert proposal.changes == {
        "title": "Ateliers des parents",
        "objectives": ["Soutenir les parents", "Créer du lien", "Ouvrir l'école"],
        "contacts": {karim_pk: {"phone": "06 12 34 56 78"}},
    }
    page.goto(live_server.url + invitation.action.get_absolute_url())
    assert page.locator("h1").inner_text().endswith("Ateliers parents")


def test_an_operator_with_nothing_to_change_says_so_in_one_click(page, live_server, invitation):
    page.goto(live_server.url + path_of(invitation))
    page.get_by_role("button", name="Rien à changer").click()
    assert "notée vérifiée" in page.locator("main").inner_text()
    assert Action.objects.get(pk=invitation.action_id).last_checked_at is not None


def test_a_coordinator_accepts_a_proposal_and_the_public_fiche_changes(
    browser, page, live_server, invitation, coordinator
):
    page.goto(live_server.url + path_of(invitation))
    page.get_by_label("Titre", exact=True).fill("Ateliers des parents")
    page.get_by_role("button", name="Proposer ces modifications").click()

    visitor = browser.new_page()
    fiche_url = live_server.url + invitation.action.get_absolute_url()
    visitor.goto(fiche_url)
    assert "Ateliers des parents" not in visitor.locator("h1").inner_text()

    coordination = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(coordination, live_server, coordinator)
    coordination.goto(live_server.url + reverse("admin:campaigns_proposal_changelist"))
    coordination.get_by_role("link", name="Proposition de Léa Durand sur la fiche n°1").click()
    diff = coordination.locator("table.proposal-diff")
    assert diff.locator("ins").inner_text() == "des"
    coordination.get_by_role("button", name="Accepter et modifier la fiche").click()
    assert "Proposition acceptée" in coordination.locator(".messagelist").inner_text()

    visitor.goto(fiche_url)
    assert visitor.locator("h1").inner_text().endswith("Ateliers des parents")
    assert Action.objects.get(pk=invitation.action_id).history.first().history_user == coordinator
