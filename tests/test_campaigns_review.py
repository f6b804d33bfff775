"""The coordinators' side: the queue "Propositions à valider", the side-by-side review, accept
(a new version by the coordinator naming the proposer) or refuse (a message mailed back), the
campaign's page with its one reminder, and the fiches due for a check."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from campaigns import review
from campaigns.fiches import cleaned, snapshot
from campaigns.models import Invitation, Proposal
from campaigns.services import campaign_start, invitation_confirm, proposal_submit
from contacts.models import Contact
from tests.factories import ActionContactFactory, ActionFactory, ContactFactory
from tests.factories_campaigns import invitation_of, programmation_to_check, started_campaign

pytestmark = pytest.mark.django_db


def propose(invitation, comment="", **changes):
    proposed = snapshot(invitation.action)
    contacts = changes.pop("contacts", {})
    proposed.update(changes)
    for pk, details in contacts.items():
        proposed["contacts"][str(pk)].update(details)
    return proposal_submit(invitation=invitation, proposed=cleaned(proposed), comment=comment)


@pytest.fixture
def invitation():
    started_campaign()
    return invitation_of("lea@ville.example", "Ateliers parents")


def review_url(proposal):
    return reverse("admin:campaigns_proposal_change", args=[proposal.pk])


def test_the_queue_lists_the_proposals_waiting_for_a_review(coordinator_client, invitation):
    waiting = propose(invitation, title="Ateliers des parents")
    done = propose(invitation_of("karim@ville.example", "Ateliers parents"), title="Autre")
    done.status = Proposal.Status.REJECTED
    done.save()
    page = coordinator_client.get(reverse("admin:campaigns_proposal_changelist"))
    assert page.context["cl"].result_list[:] == [waiting]
    assert "Propositions à valider" in page.content.decode()


def test_the_review_shows_before_and_after_side_by_side(coordinator_client, invitation):
    proposal = propose(invitation, title="Ateliers des parents", objectives=["Soutenir"])
    page = coordinator_client.get(review_url(proposal)).content.decode()
    assert "Actuellement" in page and "Proposé" in page
    assert "Ateliers <ins>des</ins> parents" in page
    assert "<li><del>Créer du lien</del></li>" in page
    assert "Proposée par Léa Durand (lea@ville.example)" in page
    assert "modifiée depuis l'envoi du lien" not in page


def test_a_fiche_changed_since_the_link_was_sent_is_flagged(coordinator_client, invitation):
    proposal = propose(invitation, title="Ateliers des parents")
    fiche = Action.objects.get(pk=invitation.action_id)
    fiche.title = "Ateliers parents-enfants"
    fiche.save()
    page = coordinator_client.get(review_url(proposal)).content.decode()
    assert "la fiche a été modifiée depuis l'envoi du lien" in page
    assert "⚠" in page


def test_accepting_applies_it_as_a_version_by_the_coordinator_naming_the_proposer(
    coordinator_client, coordinator, invitation
):
    karim = Contact.objects.get(first_name="Karim")
    proposal = propose(
        invitation,
        title="Ateliers des parents",
        objectives=["Soutenir les parents", "Créer du lien", "Ouvrir l'école"],
        contacts={karim.pk: {"phone": "06 12 34 56 78"}},
    )
    response = coordinator_client.post(review_url(proposal), {"accepter": "1"})
    assert response.status_code == 302
    fiche = Action.objects.get(pk=invitation.action_id)
    assert fiche.title == "Ateliers des parents"
    assert [o.text for o in fiche.objectives.all()][-1] == "Ouvrir l'école"
    assert fiche.last_checked_at is not None
    karim.refresh_from_db()
    assert karim.phone == "06 12 34 56 78"
    version = fiche.history.first()
    assert version.history_user == coordinator
    assert "Léa Durand (lea@ville.example)" in version.history_change_reason
    assert karim.history.first().history_user == coordinator
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewed_by) == (Proposal.Status.ACCEPTED, coordinator)


def test_fewer_objectives_remove_the_last_ones(coordinator, invitation):
    review.accept(propose(invitation, objectives=["Créer du lien"]), coordinator)
    fiche = Action.objects.get(pk=invitation.action_id)
    assert [o.text for o in fiche.objectives.all()] == ["Créer du lien"]


def test_an_address_taken_by_another_contact_is_refused_and_nothing_changes(
    coordinator_client, invitation
):
    ContactFactory(email="deja@ville.example")
    karim = Contact.objects.get(first_name="Karim")
    proposal = propose(
        invitation, title="Nouveau titre", contacts={karim.pk: {"email": "Deja@ville.example"}}
    )
    response = coordinator_client.post(review_url(proposal), {"accepter": "1"}, follow=True)
    assert "Un contact a déjà cette adresse e-mail." in response.content.decode()
    assert Action.objects.get(pk=invitation.action_id).title == "Ateliers parents"
    assert Proposal.objects.get().status == Proposal.Status.PENDING


def test_refusing_mails_the_message_back(coordinator_client, invitation):
    proposal = propose(invitation, title="Ateliers des parents")
    coordinator_client.post(
        review_url(proposal), {"refuser": "1", "message": "Le titre est celui du livret."}
    )
    assert Proposal.objects.get().status == Proposal.Status.REJECTED
    assert Action.objects.get(pk=invitation.action_id).title == "Ateliers parents"
    [message] = mail.outbox
    assert message.to == ["lea@ville.example"]
    assert "Le titre est celui du livret." in message.body
    assert "fiche n°1 « Ateliers parents »" in message.body


def test_refusing_without_a_message_is_refused(coordinator_client, invitation):
    proposal = propose(invitation, title="Ateliers des parents")
    response = coordinator_client.post(review_url(proposal), {"refuser": "1", "message": " "})
    assert "Écrivez au porteur pourquoi" in response.content.decode()
    assert Proposal.objects.get().status == Proposal.Status.PENDING
    assert mail.outbox == []


def test_a_proposal_is_reviewed_once(coordinator, invitation):
    proposal = propose(invitation, title="Ateliers des parents")
    review.accept(proposal, coordinator)
    with pytest.raises(review.ReviewError, match="déjà été examinée"):
        review.reject(proposal, coordinator, "Non")


def test_the_read_only_group_sees_the_review_but_cannot_decide(reader_client, invitation):
    proposal = propose(invitation, title="Ateliers des parents")
    page = reader_client.get(review_url(proposal))
    assert page.status_code == 200
    assert "Accepter et modifier la fiche" not in page.content.decode()
    assert reader_client.post(review_url(proposal), {"accepter": "1"}).status_code == 403
    assert Action.objects.get(pk=invitation.action_id).title == "Ateliers parents"


def test_the_campaign_page_shows_who_answered_and_who_did_not(coordinator_client, invitation):
    invitation_confirm(invitation=invitation)
    propose(invitation_of("lea@ville.example", "Coup de pouce lecture"), title="Coup de pouce")
    campaign = invitation.recipient.campaign
    page = coordinator_client.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    text = page.content.decode()
    assert "1 a répondu, 2 pas encore." in text
    assert "« rien à changer » le" in text
    assert "modifications proposées le" in text
    assert text.count("pas de réponse") == 2


def test_the_reminder_goes_once_to_those_who_did_not_answer(coordinator_client, invitation):
    invitation_confirm(invitation=invitation)  # Léa answers for "Ateliers parents"
    campaign = invitation.recipient.campaign
    url = reverse("admin:campaigns_campaign_remind", args=[campaign.pk])
    coordinator_client.post(url)
    # Karim's only fiche has an answer (Léa's); ADEP's has none. Léa answered.
    assert [message.to for message in mail.outbox] == [["contact@adep.example"]]
    assert mail.outbox[0].subject.startswith("Rappel :")
    assert "Coup de pouce lecture" in mail.outbox[0].body
    coordinator_client.post(url)
    assert len(mail.outbox) == 1
    page = coordinator_client.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    assert "Relance envoyée le" in page.content.decode()


def test_the_reminder_is_a_post(coordinator_client, invitation):
    url = reverse("admin:campaigns_campaign_remind", args=[invitation.recipient.campaign.pk])
    assert coordinator_client.get(url).status_code == 405


def test_a_campaign_starts_from_the_admin_after_its_dry_run(coordinator_client, invitation):
    programmation = invitation.action.programmation
    programmation.campaigns.all().delete()
    url = reverse("admin:campaigns_campaign_add")
    preview = coordinator_client.post(url, {"programmation": programmation.pk, "apercu": "1"})
    assert "3 destinataires (rien n'est encore envoyé)" in preview.content.decode()
    assert mail.outbox == []
    coordinator_client.post(url, {"programmation": programmation.pk, "envoyer": "1"})
    assert len(mail.outbox) == 3


def test_fiches_not_checked_for_longer_than_their_frequency_are_to_complete(
    coordinator_client, settings
):
    settings.FICHE_CHECK_EVERY_MONTHS = 12
    now = timezone.now()
    ActionFactory(title="Jamais vérifiée")
    ActionFactory(title="Vérifiée il y a 13 mois", last_checked_at=now - timedelta(days=400))
    ActionFactory(title="Vérifiée il y a 2 mois", last_checked_at=now - timedelta(days=60))
    ActionFactory(
        title="Trimestrielle vérifiée il y a 4 mois",
        last_checked_at=now - timedelta(days=120),
        check_every_months=3,
    )
    page = coordinator_client.get(reverse("admin:actions_action_quality"))
    overdue = [fiche.title for fiche in page.context["overdue"]]
    assert overdue == [
        "Jamais vérifiée",
        "Vérifiée il y a 13 mois",
        "Trimestrielle vérifiée il y a 4 mois",
    ]
    assert "À vérifier auprès des porteurs" in page.content.decode()


def test_the_admin_offers_no_second_campaign_while_one_is_open(coordinator_client, invitation):
    url = reverse("admin:campaigns_campaign_add")
    programmation = invitation.action.programmation
    page = coordinator_client.post(url, {"programmation": programmation.pk, "apercu": "1"})
    text = page.content.decode()
    assert "Une campagne de cette programmation est en cours" in text
    assert 'name="envoyer"' not in text


@pytest.mark.parametrize("extra_fiches", [0, 12])
def test_the_campaign_page_and_the_queue_cost_a_fixed_number_of_queries(
    coordinator_client, django_assert_num_queries, extra_fiches
):
    programmation = programmation_to_check()
    lea = Contact.objects.get(first_name="Léa")
    for number in range(10, 10 + extra_fiches):
        ActionContactFactory(action=ActionFactory(number=number), contact=lea)
    campaign = campaign_start(programmation=programmation)
    for invitation in Invitation.objects.all():
        propose(invitation, comment="Vu")
    campaign_url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    queue_url = reverse("admin:campaigns_proposal_changelist")
    coordinator_client.get(campaign_url)  # the session and permissions, read once
    # Each counts one query for the catalogue's version (citeeducative.caching).
    with django_assert_num_queries(7):
        coordinator_client.get(campaign_url)
    with django_assert_num_queries(8):
        coordinator_client.get(queue_url)


def test_the_read_only_group_cannot_start_nor_remind(reader_client, invitation):
    campaign = invitation.recipient.campaign
    assert reader_client.get(reverse("admin:campaigns_campaign_add")).status_code == 403
    remind = reverse("admin:campaigns_campaign_remind", args=[campaign.pk])
    assert reader_client.post(remind).status_code == 403
    assert mail.outbox == []
