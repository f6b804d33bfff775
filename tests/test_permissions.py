"""Who may do what in the back office: anonymous, the read-only group, the Coordination group."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from actions.versions import record_version
from livret.models import Seminar
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiche():
    return ActionFactory(title="Fiche d'origine", status=Action.Status.DRAFT)


@pytest.fixture
def clients(coordinator, reader):
    anonymous, reading, coordinating = Client(), Client(), Client()
    reading.force_login(reader)
    coordinating.force_login(coordinator)
    return {"anonyme": anonymous, "lecture": reading, "coordination": coordinating}


@pytest.mark.parametrize(
    ("who", "expected"), [("anonyme", 302), ("lecture", 200), ("coordination", 200)]
)
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:actions_action_changelist",
        "admin:actions_action_quality",
        "admin:contacts_contact_changelist",
        "admin:partners_organisation_changelist",
        "admin:livret_seminar_changelist",
    ],
)
def test_who_sees_the_back_office_lists(clients, who, expected, url_name):
    assert clients[who].get(reverse(url_name)).status_code == expected


@pytest.mark.parametrize(("who", "expected"), [("lecture", 403), ("coordination", 200)])
def test_only_coordination_may_add_a_fiche(clients, who, expected):
    assert clients[who].get(reverse("admin:actions_action_add")).status_code == expected


def test_the_read_only_group_cannot_change_a_fiche(clients, fiche):
    url = reverse("admin:actions_action_change", args=[fiche.pk])
    page = clients["lecture"].get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    clients["lecture"].post(url, {"title": "Modifiée"})
    fiche.refresh_from_db()
    assert fiche.title == "Fiche d'origine"


@pytest.mark.parametrize(("who", "expected"), [("lecture", 403), ("coordination", 200)])
def test_only_coordination_may_delete_a_fiche(clients, fiche, who, expected):
    url = reverse("admin:actions_action_delete", args=[fiche.pk])
    assert clients[who].get(url).status_code == expected


@pytest.mark.parametrize("action", ["duplicate_as_draft", "publish", "unpublish"])
def test_the_read_only_group_cannot_run_changing_admin_actions(clients, fiche, action):
    clients["lecture"].post(
        reverse("admin:actions_action_changelist"),
        {"action": action, "_selected_action": [fiche.pk]},
    )
    assert Action.objects.count() == 1
    fiche.refresh_from_db()
    assert fiche.status == Action.Status.DRAFT


def test_coordination_runs_the_changing_admin_actions(clients, fiche):
    clients["coordination"].post(
        reverse("admin:actions_action_changelist"),
        {"action": "publish", "_selected_action": [fiche.pk]},
    )
    fiche.refresh_from_db()
    assert fiche.status == Action.Status.PUBLISHED


@pytest.mark.parametrize(
    ("who", "expected"), [("anonyme", "text/html; charset=utf-8"), ("lecture", "application/pdf")]
)
def test_who_may_download_a_seminar_livret(clients, catalogue, who, expected, monkeypatch):
    from pdfs import render as pdf_render
    from pdfs.child import RenderedPdf

    monkeypatch.setattr(pdf_render, "render_pdf", lambda html, **options: RenderedPdf(b"%PDF", 1))
    seminar = Seminar.objects.get()
    url = reverse("admin:livret_seminar_livret", args=[seminar.pk])
    assert clients[who].get(url, follow=True)["Content-Type"] == expected


def test_the_history_is_readable_but_not_revertible_for_the_read_only_group(clients, fiche):
    first = record_version(fiche)
    fiche.title = "Deuxième version"
    fiche.save()
    record_version(fiche)
    history = clients["lecture"].get(reverse("admin:actions_action_history", args=[fiche.pk]))
    assert history.status_code == 200
    assert "Revenir à cette version" not in history.text
    revert = reverse("admin:actions_action_revert", args=[fiche.pk, first.pk])
    assert clients["lecture"].post(revert).status_code == 403
    fiche.refresh_from_db()
    assert fiche.title == "Deuxième version"
