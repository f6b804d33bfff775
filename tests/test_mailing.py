"""E-mail goes out as HTML and plain text, in French, with absolute links to the site."""

import pytest
from django.core import mail

import mailing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], "tests/templates"]}
    ]
    settings.SITE_URL = "https://catalogue.example"


def test_one_mail_goes_to_each_address_with_both_parts(mailoutbox):
    mailing.send(
        to=["a@example.org", "b@example.org"],
        subject="Bonjour",
        template="mailing/exemple",
        context={"name": "Léa"},
        headers={"List-Unsubscribe": "<https://catalogue.example/desabonner/>"},
    )
    assert [message.to for message in mailoutbox] == [["a@example.org"], ["b@example.org"]]
    message = mailoutbox[0]
    assert message.subject == "Bonjour"
    assert message.body == "Bonjour Léa, voir https://catalogue.example/actions/\n"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://catalogue.example/actions/">' in html
    assert message.extra_headers["List-Unsubscribe"] == "<https://catalogue.example/desabonner/>"


def test_the_context_is_escaped_in_the_html_part(mailoutbox):
    mailing.send(
        to=["a@example.org"],
        subject="S",
        template="mailing/exemple",
        context={"name": "<b>Léa</b>"},
    )
    assert "&lt;b&gt;Léa&lt;/b&gt;" in mail.outbox[0].alternatives[0][0]
