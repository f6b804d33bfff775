"""Livrets made ahead of need, by the worker: a download is always served at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citeeducative.models import CiteEducative
from contacts.models import Contact
from editions.models import Edition
from livret.documents import FICHE, LIVRET
from livret.models import ProgrammeItem, Seminar
from livret.tasks import prepare_livrets
from pdfs.render import PdfError
from tests.editions_kind import run_queued_tasks
from tests.factories import ActionFactory, ObjectiveFactory, ProgrammationFactory
from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db

LIVRET_URL = "/livret/seminaire-2022-10-11.pdf"


@pytest.fixture
def seminar(catalogue):
    return Seminar.objects.get()


@pytest.fixture
def first_edition(seminar, fake_render):
    """The livret as it was before the edit."""
    return LIVRET.request(str(seminar.pk))


def run_due_and_deferred_tasks():
    DBTaskResult.objects.update(run_after=timezone.now())
    Edition.objects.update(scheduled_for=timezone.now())
    run_queued_tasks()


def edit(what):
    if what == "fiche":
        action = livret_fiche(1)
        action.title = "Nouveau titre de la fiche"
        action.save()
    elif what == "objectif":
        ObjectiveFactory(action=livret_fiche(2), text="Un objectif de plus")
    elif what == "contact":
        contact = Contact.objects.get(slug="julia-camus")
        contact.phone = "03 00 00 00 00"
        contact.save()
    elif what == "séminaire":
        seminar = Seminar.objects.get()
        seminar.place = "Hôtel de ville"
        seminar.save()
    elif what == "programme":
        item = ProgrammeItem.objects.first()
        item.title = "Plénière d'ouverture"
        item.save()
    else:
        cite = CiteEducative.objects.current()
        cite.name = "Cité éducative renommée"
        cite.save()


@pytest.mark.parametrize("what", ["fiche", "objectif", "contact", "séminaire", "programme", "cité"])
def test_an_edit_renders_the_livret_again_once_committed(
    seminar, first_edition, fake_render, django_capture_on_commit_callbacks, what
):
    with django_capture_on_commit_callbacks(execute=True):
        edit(what)
    assert fake_render.calls == 2
    fresh = LIVRET.freshest(str(seminar.pk))
    assert fresh != first_edition
    assert fresh.rendered


def test_an_edit_the_livret_does_not_show_renders_nothing(
    seminar, first_edition, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        later = ProgrammationFactory(slug="2027-2029", start_year=2027, end_year=2029)
        ActionFactory(programmation=later, number=1)
    assert fake_render.calls == 1
    assert LIVRET.freshest(str(seminar.pk)).file.name == first_edition.file.name


def test_a_livret_nobody_asked_for_is_not_rendered_on_an_edit(
    seminar, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit("fiche")
    assert fake_render.calls == 0


def test_a_download_serves_the_freshest_edition_without_rendering(
    client, seminar, first_edition, fake_render, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit("fiche")
    response = client.get(LIVRET_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == first_edition.file.read()
    assert fake_render.calls == 1
    run_due_and_deferred_tasks()
    fresh = client.get(LIVRET_URL)
    assert b"Nouveau titre de la fiche" in b"".join(fresh.streaming_content)
    assert fake_render.calls == 2


def test_a_second_download_of_the_same_edition_is_not_modified(client, seminar, first_edition):
    response = client.get(LIVRET_URL)
    again = client.get(LIVRET_URL, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert 'filename="livret-seminaire-2022-10-11.pdf"' in response["Content-Disposition"]


def test_the_livret_page_says_an_updated_edition_is_coming(
    client, seminar, first_edition, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edit("contact")
    page = client.get("/livret/").text
    assert "Une édition mise à jour est en préparation" in page
    assert "Édition du" in page


def test_the_livret_page_says_nothing_is_coming_when_all_is_made(client, seminar, first_edition):
    page = client.get("/livret/").text
    assert "en préparation" not in page
    assert "Édition du" in page


def test_without_any_edition_the_public_page_says_the_livret_is_being_prepared(
    client, seminar, database_tasks
):
    response = client.get(LIVRET_URL)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Livret en préparation" in response.text
    assert "En attente : la préparation commence" in response.text
    assert 'hx-trigger="load delay:2s"' in response.text
    assert f'href="{LIVRET_URL}"' in response.text  # the refresh link, without JavaScript
    assert "<script>" not in response.text
    client.get(LIVRET_URL)
    assert LIVRET.editions(str(seminar.pk)).count() == 1


def test_the_waiting_page_follows_the_render_then_opens_the_file(
    client, seminar, fake_render, database_tasks
):
    client.get(LIVRET_URL)
    fragment = client.get(LIVRET_URL, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert "edition-progress" in fragment.text
    run_queued_tasks()
    done = client.get(LIVRET_URL, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == LIVRET_URL


def test_a_livret_that_cannot_be_made_shows_the_public_no_technical_detail(
    client, seminar, fake_render
):
    fake_render.failure = PdfError("Le rendu du document a échoué : ValueError: secret")
    response = client.get(LIVRET_URL)
    assert response.status_code == 503
    assert "La préparation a échoué." in response.text
    assert "Réessayez dans quelques minutes." in response.text
    assert "secret" not in response.text


def test_the_list_of_livrets_runs_a_fixed_number_of_queries(
    client, seminar, first_edition, django_assert_max_num_queries
):
    for day in range(1, 4):
        Seminar.objects.create(
            slug=f"seminaire-2023-0{day}",
            title="Autre séminaire",
            date=seminar.date + timedelta(days=365 + day),
            programmation=seminar.programmation,
        )
    with django_assert_max_num_queries(4):
        assert client.get("/livret/").status_code == 200


def test_the_worker_prepares_the_livret_of_a_seminar_without_one(seminar, fake_render):
    prepare_livrets.enqueue()
    assert LIVRET.freshest(str(seminar.pk)) is not None
    prepare_livrets.enqueue()
    assert fake_render.calls == 1
    assert LIVRET.editions(str(seminar.pk)).count() == 1


# The fiche alone.


def test_a_fiche_pdf_is_refreshed_when_the_fiche_changes(
    client, fake_render, django_capture_on_commit_callbacks
):
    action = ActionFactory(title="Ateliers parents")
    url = f"/actions/{action.slug}/fiche.pdf"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        ObjectiveFactory(action=action, text="Accueillir les familles")
    assert fake_render.calls == 2
    assert b"Accueillir les familles" in FICHE.freshest(str(action.pk)).file.read()


def test_a_fiche_pdf_not_made_yet_has_a_waiting_page(client, database_tasks):
    action = ActionFactory(number=4)
    response = client.get(f"/actions/{action.slug}/fiche.pdf")
    assert response.status_code == 503
    assert "Fiche n°4 en préparation" in response.text


def test_a_deleted_fiche_takes_its_pdf_away(
    client, fake_render, django_capture_on_commit_callbacks
):
    action = ActionFactory()
    client.get(f"/actions/{action.slug}/fiche.pdf")
    key = str(action.pk)
    file = FICHE.freshest(key).file
    with django_capture_on_commit_callbacks(execute=True):
        action.delete()
    assert not FICHE.editions(key).exists()
    assert not file.storage.exists(file.name)
