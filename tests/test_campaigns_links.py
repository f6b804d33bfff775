"""The personal link of a campaign: the fiche's form, "Rien à changer", a proposal that changes
nothing public, and the links that are forged, altered or expired."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse

from actions.models import Action
from campaigns.models import Proposal
from tests.factories_campaigns import invitation_of, path_of, started_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    started_campaign()
    return invitation_of("lea@ville.example", "Ateliers parents")


def form_data(client, invitation, **changes):
    """The form as the page fills it, with ``changes``."""
    form = client.get(path_of(invitation)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return {**data, **changes, "reponse": "proposer"}


def test_the_link_opens_the_fiche_filled_in_without_an_account(client, invitation):
    response = client.get(path_of(invitation))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fiche n°1 : Ateliers parents" in page
    assert "Bonjour Léa Durand" in page
    assert "Soutenir les parents\nCréer du lien" in page
    assert 'value="karim@ville.example"' in page
    assert "Rien à changer" in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_rien_a_changer_records_the_check_and_no_new_version(client, invitation):
    versions = invitation.action.history.count()
    updated_at = invitation.action.updated_at
    response = client.post(path_of(invitation), {"reponse": "rien"})
    assert "La fiche n°1 est notée vérifiée" in response.content.decode()
    fiche = Action.objects.get(pk=invitation.action_id)
    assert fiche.last_checked_at is not None
    assert fiche.updated_at == updated_at
    assert fiche.history.count() == versions
    invitation.refresh_from_db()
    assert invitation.confirmed_at and invitation.answered_at


def test_a_proposal_waits_and_changes_nothing_public(client, invitation):
    data = form_data(client, invitation, title="Ateliers des parents", objectives="Soutenir")
    response = client.post(path_of(invitation), data)
    assert "transmises à la coordination" in response.content.decode()
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.changes == {"title": "Ateliers des parents", "objectives": ["Soutenir"]}
    fiche = Action.objects.get(pk=invitation.action_id)
    assert fiche.title == "Ateliers parents"
    assert fiche.last_checked_at is None
    public_page = client.get(fiche.get_absolute_url()).content.decode()
    assert "Ateliers parents" in public_page
    assert "Ateliers des parents" not in public_page


def test_a_contacts_new_phone_is_proposed_not_applied(client, invitation):
    karim = next(c for c in invitation.action.contacts.all() if c.first_name == "Karim")
    client.post(
        path_of(invitation),
        form_data(client, invitation, **{f"contact-{karim.pk}-phone": "06 12 34 56 78"}),
    )
    assert Proposal.objects.get().changes == {
        "contacts": {str(karim.pk): {"phone": "06 12 34 56 78"}}
    }
    karim.refresh_from_db()
    assert karim.phone == "03.59.57.31.00"


def test_proposed_html_is_sanitised_like_the_admin(client, invitation):
    description = (
        '<p onclick="x()">Le mardi <script>alert(1)</script><a href="javascript:x">ici</a></p>'
    )
    client.post(path_of(invitation), form_data(client, invitation, description=description))
    stored = Proposal.objects.get().changes["description"]
    assert "script" not in stored
    assert "onclick" not in stored
    assert "javascript" not in stored
    assert stored.startswith("<p>Le mardi")


def test_proposing_nothing_says_so_and_records_nothing(client, invitation):
    response = client.post(path_of(invitation), form_data(client, invitation))
    assert response.status_code == 400
    assert "Vous n&#x27;avez rien modifié" in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_invalid_email_is_refused_in_french(client, invitation):
    karim = next(c for c in invitation.action.contacts.all() if c.first_name == "Karim")
    data = form_data(client, invitation, **{f"contact-{karim.pk}-email": "pas une adresse"})
    response = client.post(path_of(invitation), data)
    assert response.status_code == 400
    assert "Saisissez une adresse de courriel valide" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_second_proposal_replaces_the_pending_one(client, invitation):
    client.post(path_of(invitation), form_data(client, invitation, title="Premier essai"))
    client.post(path_of(invitation), form_data(client, invitation, title="Second essai"))
    assert Proposal.objects.get().changes == {"title": "Second essai"}


def test_a_message_alone_is_a_proposal(client, invitation):
    client.post(path_of(invitation), form_data(client, invitation, comment="Ajouter les CM2"))
    proposal = Proposal.objects.get()
    assert (proposal.changes, proposal.comment) == ({}, "Ajouter les CM2")


def test_a_forged_link_is_a_french_404_that_reveals_nothing(client, invitation):
    token = signing.dumps("une-cle-inventee", salt="autre-chose")
    response = client.get(reverse("campaigns:answer", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "Ateliers parents" not in response.content.decode()


def test_an_altered_link_is_a_404(client, invitation):
    path = path_of(invitation)
    altered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.get(altered)
    assert response.status_code == 404
    assert "Ateliers parents" not in response.content.decode()


def test_an_expired_link_is_a_french_410_that_reveals_nothing(client, invitation, settings):
    settings.CAMPAIGN_LINK_MAX_AGE_DAYS = 30
    signed_at = time.time() - timedelta(days=31).total_seconds()
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(signing.time, "time", lambda: signed_at)
        path = path_of(invitation)
    response = client.get(path)
    assert response.status_code == 410
    page = response.content.decode()
    assert "Ce lien ne sert plus" in page
    assert "Ateliers parents" not in page
    assert client.post(path, {"reponse": "rien"}).status_code == 410
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_a_link_within_its_days_still_works(client, invitation, settings):
    settings.CAMPAIGN_LINK_MAX_AGE_DAYS = 30
    signed_at = time.time() - timedelta(days=29).total_seconds()
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(signing.time, "time", lambda: signed_at)
        path = path_of(invitation)
    assert client.get(path).status_code == 200


def test_a_link_whose_fiche_is_gone_is_a_410(client, invitation):
    path = path_of(invitation)
    invitation.action.delete()
    assert client.get(path).status_code == 410
