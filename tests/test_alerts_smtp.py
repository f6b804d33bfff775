"""The alert's whole flow through a real SMTP server (aiosmtpd on a local port)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from alerts.models import Subscription
from tests.factories import ActionFactory, CiteEducativeFactory
from tests.smtp import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(local_smtp, settings):
    settings.SITE_URL = "https://catalogue.example"
    return local_smtp


def site_path(url):
    return url.removeprefix("https://catalogue.example")


def test_subscribe_confirm_receive_a_digest_and_unsubscribe_in_one_click(inbox):
    CiteEducativeFactory()
    person = Client()
    person.post(reverse("alerts:subscribe"), {"email": "lea@example.org", "recherche": "q=parents"})

    ((_sender, recipients, confirmation),) = inbox.messages
    assert recipients == ["lea@example.org"]
    assert confirmation["Subject"] == "Confirmez votre abonnement aux nouveautés du catalogue"
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirm_url = re.search(r"https://\S+/alertes/confirmer/\S+/", text_of(confirmation)).group()
    person.post(site_path(confirm_url))
    assert Subscription.objects.get().confirmed_at is not None

    ActionFactory(title="Café des parents")
    ActionFactory(title="Sport au collège")
    call_command("send_search_alerts", verbosity=0)

    (_sender, recipients, digest) = inbox.messages[1]
    assert recipients == ["lea@example.org"]
    body = text_of(digest)
    assert "Café des parents (nouvelle)" in body
    assert "Sport au collège" not in body
    html = digest.get_body(preferencelist=("html",)).get_content()
    assert "Café des parents" in html
    unsubscribe_url = digest["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # What a mail client does for "Se désabonner": a POST of RFC 8058, without the site's token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        site_path(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
