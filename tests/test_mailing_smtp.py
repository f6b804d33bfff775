"""E-mail goes out through a real SMTP server (aiosmtpd on the loopback), sent by the worker."""

import pytest
from django_tasks_db.models import DBTaskResult

import mailing
from tests.editions_kind import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_server(local_smtp, settings, database_tasks):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], "tests/templates"]}
    ]
    settings.SITE_URL = "https://catalogue.example"
    settings.DEFAULT_FROM_EMAIL = "coordination@catalogue.example"
    return local_smtp


def send_update_notice():
    mailing.send(
        to=["lea@example.org"],
        subject="Fiche mise à jour : « Ateliers parents »",
        template="mailing/mise_a_jour",
        context={"name": "Léa", "title": "Ateliers parents", "path": "/actions/ateliers-parents/"},
    )


def test_a_mail_is_queued_and_left_to_the_worker(smtp_server):
    send_update_notice()
    assert smtp_server.messages == []
    assert DBTaskResult.objects.get().task_path == "mailing.tasks.send_email"


def test_the_worker_sends_it_through_smtp_in_french_as_text_and_html(smtp_server):
    send_update_notice()
    run_queued_tasks()
    [(sender, recipients, message)] = smtp_server.messages
    assert sender == "coordination@catalogue.example"
    assert recipients == ["lea@example.org"]
    assert message["Subject"] == "Fiche mise à jour : « Ateliers parents »"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Bonjour Léa," in text
    assert (
        "La fiche « Ateliers parents » a été mise à jour : "
        "https://catalogue.example/actions/ateliers-parents/"
    ) in text
    assert '<a href="https://catalogue.example/actions/ateliers-parents/">' in html
    assert "a été mise à jour." in html
    assert message.get_content_type() == "multipart/alternative"


def test_a_mail_the_server_refuses_is_recorded_as_a_failed_task(smtp_server, settings):
    settings.MAILERS["default"]["OPTIONS"]["port"] = 1  # nothing listens there
    send_update_notice()
    run_queued_tasks()
    assert DBTaskResult.objects.get().status == "FAILED"
