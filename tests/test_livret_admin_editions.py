"""The coordinators follow a livret, a preview or a selection while the worker makes it."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.admin import SELECTION_SESSION_KEY
from editions.models import Edition
from livret.documents import LIVRET, PREVIEW, SELECTION
from livret.models import Seminar
from pdfs.render import PdfError
from tests.editions_kind import run_queued_tasks
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seminar(catalogue):
    return Seminar.objects.get()


def livret_url(seminar, suffix=""):
    return reverse("admin:livret_seminar_livret", args=[seminar.pk]) + suffix


def edition_url(edition):
    return reverse("admin:livret_edition", args=[edition.pk])


def test_the_livret_downloads_at_once_when_nothing_newer_is_coming(
    coordinator_client, seminar, fake_render
):
    LIVRET.request(str(seminar.pk))
    response = coordinator_client.get(livret_url(seminar))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_while_a_newer_edition_is_made_the_admin_shows_its_progress(
    coordinator_client, seminar, fake_render, database_tasks
):
    current = LIVRET.request(str(seminar.pk))
    run_queued_tasks()
    coming = LIVRET.request(str(seminar.pk))
    Edition.objects.filter(pk=coming.pk).update(status="rendering", stage="layout", items=27)
    response = coordinator_client.get(livret_url(seminar), follow=True)
    assert response.redirect_chain[-1][0] == edition_url(coming)
    page = response.text
    assert "Étape 2 sur 3 : mise en page de 27 fiches…" in page
    assert "télécharger l'édition actuelle" in page
    assert reverse("admin:livret_edition_pdf", args=[current.pk]) in page
    assert 'hx-trigger="load delay:2s"' in page
    assert "Actualiser la page" in page


def test_the_progress_page_offers_the_new_edition_when_ready(
    coordinator_client, seminar, fake_render, database_tasks
):
    coming = LIVRET.request(str(seminar.pk))
    fragment = coordinator_client.get(edition_url(coming), headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert "En attente" in fragment.text
    run_queued_tasks()
    ready = coordinator_client.get(edition_url(coming), headers={"HX-Request": "true"})
    pdf_url = reverse("admin:livret_edition_pdf", args=[coming.pk])
    assert ready["HX-Redirect"] == pdf_url
    page = coordinator_client.get(edition_url(coming)).text
    assert "Prêt." in page
    assert pdf_url in page
    download = coordinator_client.get(pdf_url)
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="livret-seminaire-2022-10-11.pdf"' in download["Content-Disposition"]


def test_the_admin_sees_why_an_edition_failed_in_french(coordinator_client, seminar, fake_render):
    fake_render.failure = PdfError("Le rendu du document a dépassé 120 secondes.")
    response = coordinator_client.get(livret_url(seminar), follow=True)
    assert "La préparation a échoué." in response.text
    assert "Le rendu du document a dépassé 120 secondes." in response.text
    assert "Préparer une nouvelle édition maintenant" in response.text


def test_a_coordinator_asks_for_a_new_edition(coordinator_client, seminar, database_tasks):
    url = reverse("admin:livret_seminar_new_livret", args=[seminar.pk])
    assert coordinator_client.get(url).status_code == 405
    response = coordinator_client.post(url)
    edition = LIVRET.coming(str(seminar.pk))
    assert response.url == edition_url(edition)


def test_the_preview_with_drafts_is_made_by_a_task(
    coordinator_client, seminar, fake_render, database_tasks
):
    ActionFactory(programmation=seminar.programmation, number=28, status="draft", title="Projet")
    response = coordinator_client.get(livret_url(seminar, "?brouillons=1"))
    preview = PREVIEW.coming(str(seminar.pk))
    assert response.url == edition_url(preview)
    run_queued_tasks()
    assert "Projet" in fake_render.htmls[-1]
    pdf = coordinator_client.get(reverse("admin:livret_edition_pdf", args=[preview.pk]))
    assert 'filename="livret-seminaire-2022-10-11-apercu.pdf"' in pdf["Content-Disposition"]


def test_the_selection_livret_is_made_by_a_task(coordinator_client, fake_render, database_tasks):
    chosen = ActionFactory(title="Choisie")
    session = coordinator_client.session
    session[SELECTION_SESSION_KEY] = [chosen.pk]
    session.save()
    response = coordinator_client.get(reverse("admin:livret_selection"))
    edition = Edition.objects.get(kind=SELECTION.name)
    assert response.url == edition_url(edition)
    assert edition.params == {"ids": [chosen.pk]}


def test_an_edition_page_is_for_staff_with_the_right_to_see_it(
    seminar, fake_render, reader_client, django_user_model
):
    edition = LIVRET.request(str(seminar.pk))
    assert reader_client.get(edition_url(edition)).status_code == 200
    assert Client().get(edition_url(edition)).status_code == 302
    stranger = django_user_model.objects.create_user("sans-droit", is_staff=True)
    client = Client()
    client.force_login(stranger)
    assert client.get(edition_url(edition)).status_code == 403
    assert client.get(reverse("admin:livret_edition_pdf", args=[edition.pk])).status_code == 403


def test_an_unknown_edition_is_a_404(coordinator_client):
    url = reverse("admin:livret_edition", args=["00000000-0000-0000-0000-000000000000"])
    assert coordinator_client.get(url).status_code == 404


def test_the_seminar_form_says_a_new_edition_is_coming(
    coordinator_client, seminar, fake_render, database_tasks
):
    LIVRET.request(str(seminar.pk))
    run_queued_tasks()
    coming = LIVRET.request(str(seminar.pk))
    page = coordinator_client.get(reverse("admin:livret_seminar_change", args=[seminar.pk])).text
    assert "Livret : édition du" in page
    assert edition_url(coming) in page


def test_the_editions_are_listed_read_only_in_the_admin(coordinator_client, seminar, fake_render):
    LIVRET.request(str(seminar.pk))
    response = coordinator_client.get(reverse("admin:editions_edition_changelist"))
    assert response.status_code == 200
    assert "prête" in response.text
    assert coordinator_client.get(reverse("admin:editions_edition_add")).status_code == 403
