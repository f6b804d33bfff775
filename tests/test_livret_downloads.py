"""Where the livret comes from: the site, the admin and the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from actions.models import Action
from livret.models import Seminar
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_the_livret_page_lists_the_seminars(client, catalogue):
    response = client.get(reverse("livret:list"))
    assert response.status_code == 200
    assert "Séminaire des acteurs et des actrices de la Cité éducative" in response.text
    assert reverse("livret:pdf", args=["seminaire-2022-10-11"]) in response.text
    assert "27 fiches" in response.text


def test_a_livret_downloads_as_a_pdf(client, catalogue, fake_render):
    response = client.get(reverse("livret:pdf", args=["seminaire-2022-10-11"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="livret-seminaire-2022-10-11.pdf"' in response["Content-Disposition"]
    assert "Poste liaison Familles-Écoles-Quartier" in fake_render[0]


def test_an_unknown_seminar_is_a_404(client):
    assert client.get(reverse("livret:pdf", args=["inconnu"])).status_code == 404


def test_a_fiche_downloads_alone_as_a_pdf(client, fake_render):
    action = ActionFactory(title="Ateliers parents")
    response = client.get(reverse("livret:fiche_pdf", args=[action.slug]))
    assert response.status_code == 200
    assert "Ateliers parents" in fake_render[0]
    assert "Sommaire" not in fake_render[0]


def test_a_draft_fiche_pdf_is_hidden_from_the_public(client, fake_render):
    draft = ActionFactory(status=Action.Status.DRAFT)
    assert client.get(reverse("livret:fiche_pdf", args=[draft.slug])).status_code == 404


def test_the_fiche_page_links_to_its_pdf(client):
    action = ActionFactory()
    page = client.get(action.get_absolute_url()).text
    assert reverse("livret:fiche_pdf", args=[action.slug]) in page


def test_a_coordinator_downloads_a_seminar_livret_from_the_admin(
    coordinator_client, catalogue, fake_render
):
    seminar = Seminar.objects.get()
    change_page = coordinator_client.get(reverse("admin:livret_seminar_change", args=[seminar.pk]))
    url = reverse("admin:livret_seminar_livret", args=[seminar.pk])
    assert url in change_page.text
    response = coordinator_client.get(url, follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_admin_preview_includes_drafts_visibly(coordinator_client, catalogue, fake_render):
    seminar = Seminar.objects.get()
    ActionFactory(
        programmation=seminar.programmation,
        number=28,
        title="En préparation",
        status=Action.Status.DRAFT,
    )
    url = reverse("admin:livret_seminar_livret", args=[seminar.pk])
    coordinator_client.get(url + "?brouillons=1")
    assert "En préparation" in fake_render[-1]
    assert "Brouillon – fiche non publiée" in fake_render[-1]


def test_the_admin_livret_is_for_staff_only(catalogue):
    seminar = Seminar.objects.get()
    response = Client().get(reverse("admin:livret_seminar_livret", args=[seminar.pk]))
    assert response.status_code == 302


def test_a_coordinator_exports_the_selected_fiches_as_a_livret(coordinator_client, fake_render):
    chosen = ActionFactory(title="Choisie")
    ActionFactory(title="Laissée")
    response = coordinator_client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "export_livret", "_selected_action": [chosen.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Choisie" in fake_render[0]
    assert "Laissée" not in fake_render[0]


def test_the_command_writes_the_pdf_and_the_html(catalogue, fake_render, tmp_path):
    pdf, html = tmp_path / "livret.pdf", tmp_path / "livret.html"
    call_command("build_livret", "-o", str(pdf), "--html", str(html))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert html.read_text(encoding="utf-8") == fake_render[0]


def test_the_command_names_the_seminar_it_cannot_find(catalogue):
    with pytest.raises(CommandError, match="Séminaire introuvable : inconnu"):
        call_command("build_livret", "--seminar", "inconnu")
