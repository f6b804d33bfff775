"""A whole campaign through a real SMTP server (aiosmtpd on the loopback), every mail sent by
the worker: the invitations, a person's answer through the link, the reminder, a refusal."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from actions.models import Action
from campaigns import review
from campaigns.models import Campaign, Proposal
from campaigns.services import campaign_remind
from tests.editions_kind import run_queued_tasks
from tests.factories import CiteEducativeFactory
from tests.factories_campaigns import programmation_to_check
from tests.smtp import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(local_smtp, settings, database_tasks):
    settings.SITE_URL = "https://catalogue.example"
    return local_smtp


def links_in(message):
    return re.findall(r"https://catalogue\.example(/mise-a-jour/\S+/)", text_of(message))


def test_a_campaign_goes_out_through_smtp_and_its_links_work(inbox, coordinator):
    CiteEducativeFactory()
    programmation_to_check()
    call_command("start_update_campaign", "--programmation", "2020-2022", verbosity=0)
    assert inbox.messages == []  # queued for the worker, not sent in the command
    assert DBTaskResult.objects.filter(task_path="mailing.tasks.send_email").count() == 3
    run_queued_tasks()

    assert sorted(recipients[0] for _sender, recipients, _ in inbox.messages) == [
        "contact@adep.example",
        "karim@ville.example",
        "lea@ville.example",
    ]
    [to_lea] = inbox.to("lea@ville.example")
    assert to_lea["Subject"] == "Vos fiches action : à vérifier avant le séminaire"
    assert to_lea["Reply-To"] == "cite@valmont.example"
    assert to_lea.get_content_type() == "multipart/alternative"
    html = to_lea.get_body(preferencelist=("html",)).get_content()
    assert "Fiche n°1 : Ateliers parents" in html
    ateliers, _coup_de_pouce = links_in(to_lea)

    person = Client()
    assert "Fiche n°1 : Ateliers parents" in person.get(ateliers).content.decode()
    person.post(ateliers, {"reponse": "rien"})
    assert Action.objects.get(number=1).last_checked_at is not None

    # The one reminder: ADEP only (Léa answered, Karim's fiche has Léa's answer).
    campaign_remind(campaign=Campaign.objects.get())
    run_queued_tasks()
    [reminder] = inbox.to("contact@adep.example")[1:]
    assert reminder["Subject"].startswith("Rappel :")
    [adep_link] = links_in(reminder)
    form = person.get(adep_link).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    person.post(adep_link, {**data, "title": "Coup de pouce lecture CP", "reponse": "proposer"})

    review.reject(Proposal.objects.get(), coordinator, "Le nom de l'action ne change pas.")
    run_queued_tasks()
    [refusal] = inbox.to("contact@adep.example")[2:]
    assert refusal["Subject"] == "Votre proposition pour la fiche n°2"
    assert "Le nom de l'action ne change pas." in text_of(refusal)
    assert Action.objects.get(number=2).title == "Coup de pouce lecture"
