"""Starting an update campaign: whom it mails, one mail per address, the dry run, refusals."""

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from actions.models import Action
from campaigns.models import Campaign, Invitation
from campaigns.services import CampaignError, campaign_start
from tests.factories import (
    ActionContactFactory,
    ActionFactory,
    ContactFactory,
    OrganisationFactory,
    ProgrammationFactory,
)
from tests.factories_campaigns import programmation_to_check

pytestmark = pytest.mark.django_db


def mails_by_address():
    return {message.to[0]: message for message in mail.outbox}


def test_it_mails_each_address_once_listing_its_fiches(settings):
    settings.SITE_URL = "https://catalogue.example"
    programmation_to_check()
    call_command("start_update_campaign", "--programmation", "2020-2022", verbosity=0)

    sent = mails_by_address()
    assert sorted(sent) == ["contact@adep.example", "karim@ville.example", "lea@ville.example"]
    lea = sent["lea@ville.example"].body
    assert "Bonjour Léa Durand," in lea
    assert "Fiche n°1 : Ateliers parents" in lea
    assert "Fiche n°2 : Coup de pouce lecture" in lea
    assert len(re.findall(r"https://catalogue\.example/mise-a-jour/\S+/", lea)) == 2
    assert "Ateliers parents" not in sent["contact@adep.example"].body
    html = sent["lea@ville.example"].alternatives[0].content
    assert 'href="https://catalogue.example/mise-a-jour/' in html


def test_each_link_is_its_own_for_one_fiche_and_one_recipient():
    programmation_to_check()
    call_command("start_update_campaign", "--programmation", "2020-2022", verbosity=0)
    links = re.findall(r"/mise-a-jour/\S+/", "".join(message.body for message in mail.outbox))
    assert len(links) == len(set(links)) == Invitation.objects.count() == 4


def test_an_address_is_one_recipient_whatever_its_case():
    fiche = ActionFactory()
    ActionContactFactory(action=fiche, contact=ContactFactory(email="Lea@Ville.example"))
    fiche.operator_links.create(organisation=OrganisationFactory(email="lea@ville.example"))
    campaign_start(programmation=fiche.programmation)
    assert len(mail.outbox) == 1


def test_the_dry_run_lists_recipients_and_fiches_and_sends_nothing(capsys):
    programmation_to_check()
    call_command("start_update_campaign", "--programmation", "2020-2022", "--dry-run")
    output = capsys.readouterr().out
    assert "3 destinataire(s) (rien n'est envoyé)" in output
    assert "- Léa Durand <lea@ville.example>" in output
    assert "fiche n°2 : Coup de pouce lecture" in output
    assert "1 fiche(s) sans aucune adresse" in output
    assert "Fiche sans adresse" in output
    assert mail.outbox == []
    assert not Campaign.objects.exists()


def test_an_unknown_programmation_is_refused_in_french():
    with pytest.raises(CommandError, match="Programmation inconnue : '2099'"):
        call_command("start_update_campaign", "--programmation", "2099")


def test_a_second_campaign_is_refused_while_the_first_ones_links_work():
    programmation = programmation_to_check()
    campaign_start(programmation=programmation)
    mail.outbox.clear()
    with pytest.raises(CommandError, match="déjà en cours"):
        call_command("start_update_campaign", "--programmation", programmation.slug)
    assert mail.outbox == []
    assert Campaign.objects.count() == 1


def test_a_programmation_that_reaches_nobody_starts_no_campaign():
    ActionFactory()
    with pytest.raises(CampaignError, match="Aucune fiche"):
        campaign_start(programmation=ProgrammationFactory())
    assert not Campaign.objects.exists()


def test_demonstration_fiches_are_left_out():
    fiche = ActionFactory(is_demo=True)
    ActionContactFactory(action=fiche)
    with pytest.raises(CampaignError):
        campaign_start(programmation=fiche.programmation)


def test_the_link_remembers_the_fiche_as_it_was_sent():
    programmation_to_check()
    campaign_start(programmation=Action.objects.first().programmation)
    invitation = Invitation.objects.filter(action__title="Ateliers parents").first()
    assert invitation.sent_snapshot["objectives"] == ["Soutenir les parents", "Créer du lien"]
    assert invitation.sent_snapshot["title"] == "Ateliers parents"
