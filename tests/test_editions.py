"""Editions: a document rendered to PDF by a task, the last good one always served."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from editions.models import Edition
from editions.tasks import make_edition, prune_editions
from pdfs import render as pdf_render
from pdfs.render import PdfError
from tests.editions_kind import NOTE, ONE_OFF, TEXTS, run_queued_tasks

pytestmark = pytest.mark.django_db

Status = Edition.Status


def test_a_request_makes_a_ready_edition_with_its_file(note, fake_render):
    edition = NOTE.request(note)
    assert edition.status == Status.READY
    assert edition.file.read().startswith(b"%PDF")
    assert (edition.pages, edition.items, edition.attempts) == (3, 1, 1)
    assert len(edition.html_hash) == 64
    assert edition.rendered
    assert NOTE.freshest(note) == edition


def test_a_document_without_edition_has_no_freshest_one(note):
    assert NOTE.freshest(note) is None
    assert NOTE.coming(note) is None


def test_unchanged_html_reuses_the_file_without_a_render(note, fake_render):
    first = NOTE.request(note)
    second = NOTE.request(note)
    assert fake_render.calls == 1
    assert not second.rendered
    assert second.file.name == first.file.name
    assert NOTE.freshest(note) == second


def test_changed_html_is_rendered_again(note, fake_render):
    NOTE.request(note)
    TEXTS[note] = "Deuxième version"
    edition = NOTE.request(note)
    assert fake_render.calls == 2
    assert b"Deuxi" in edition.file.read()


def test_a_failing_render_is_retried_then_recorded_in_french(note, fake_render, settings):
    settings.EDITIONS_MAX_ATTEMPTS = 3
    fake_render.failure = PdfError("Le rendu du document a dépassé 120 secondes.")
    edition = NOTE.request(note)
    assert fake_render.calls == 3
    assert edition.status == Status.FAILED
    assert edition.attempts == 3
    assert edition.error == "Le rendu du document a dépassé 120 secondes."


def test_a_render_that_succeeds_on_a_second_try_is_ready(note, fake_render, monkeypatch):
    def once_then_fine(html, **options):
        if fake_render.calls == 0:
            fake_render.htmls.append(html)
            raise PdfError("Le rendu du document s'est interrompu.")
        return fake_render(html, **options)

    monkeypatch.setattr(pdf_render, "render_pdf", once_then_fine)
    edition = NOTE.request(note)
    assert edition.status == Status.READY
    assert edition.attempts == 2


def test_an_unexpected_error_gets_a_french_message(note, fake_render):
    fake_render.failure = MemoryError()
    edition = NOTE.request(note)
    assert edition.status == Status.FAILED
    assert edition.error == ("Erreur inattendue pendant la préparation du document (MemoryError).")


def test_the_last_good_edition_stays_when_a_newer_one_fails(note, fake_render):
    good = NOTE.request(note)
    TEXTS[note] = "Version qui ne passe pas"
    fake_render.failure = PdfError("Le rendu du document a échoué : ValueError: non.")
    failed = NOTE.request(note)
    assert failed.status == Status.FAILED
    assert NOTE.freshest(note) == good
    assert good.file.read().startswith(b"%PDF")


def test_a_failure_while_the_file_is_written_serves_the_previous_edition(
    note, fake_render, monkeypatch
):
    good = NOTE.request(note)
    TEXTS[note] = "Nouvelle version"
    storage = Edition.file.field.storage

    def broken_save(name, content, **kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr(storage, "save", broken_save)
    newer = NOTE.request(note)
    assert newer.status == Status.FAILED
    assert not newer.file
    assert NOTE.freshest(note) == good


def test_a_document_that_is_gone_fails_at_once(note, fake_render):
    TEXTS.clear()
    edition = NOTE.request("disparue")
    assert edition.status == Status.FAILED
    assert edition.attempts == 1
    assert edition.error == "Cette note n'existe plus."


def test_an_edition_of_an_unknown_kind_fails(note):
    edition = Edition.objects.create(kind="inconnu", key="x")
    make_edition.enqueue(str(edition.pk))
    edition.refresh_from_db()
    assert edition.status == Status.FAILED
    assert edition.error == "Type de document inconnu : inconnu."


def test_only_the_newest_editions_are_kept_with_their_files(
    note, fake_render, django_capture_on_commit_callbacks
):
    storage = Edition.file.field.storage
    files = []
    for version in range(4):
        TEXTS[note] = f"Version {version}"
        with django_capture_on_commit_callbacks(execute=True):
            files.append(NOTE.request(note).file.name)
    assert NOTE.editions(note).count() == NOTE.keep == 2
    assert [storage.exists(name) for name in files] == [False, False, True, True]


def test_a_file_shared_by_a_kept_edition_is_not_deleted(note, fake_render):
    first = NOTE.request(note)
    for _ in range(3):
        NOTE.request(note)  # unchanged: the same file
    assert Edition.file.field.storage.exists(first.file.name)


def test_old_one_off_editions_are_pruned(note, fake_render, django_capture_on_commit_callbacks):
    old = ONE_OFF.request(note)
    Edition.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=2))
    TEXTS["b"] = "Récente"
    recent = ONE_OFF.request("b")
    with django_capture_on_commit_callbacks(execute=True):
        prune_editions.enqueue()
    assert list(Edition.objects.filter(kind=ONE_OFF.name)) == [recent]
    assert not Edition.file.field.storage.exists(old.file.name)


# Coalescing, with the tasks queued in the database as in production.


def test_refreshes_in_one_transaction_give_one_edition(
    note, fake_render, database_tasks, django_capture_on_commit_callbacks
):
    NOTE.request(note)
    run_queued_tasks()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(10):
            NOTE.refresh(note)
        assert NOTE.coming(note) is None  # nothing before the commit
    assert NOTE.editions(note).filter(status=Status.QUEUED).get().requests == 1


def test_refreshes_until_the_edition_starts_join_it(
    note, fake_render, database_tasks, django_capture_on_commit_callbacks
):
    NOTE.request(note)
    run_queued_tasks()
    for _ in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            NOTE.refresh(note)
    waiting = NOTE.coming(note)
    assert waiting.requests == 10
    assert NOTE.editions(note).count() == 2


def test_ten_edits_give_one_render(
    note, fake_render, database_tasks, django_capture_on_commit_callbacks, settings
):
    settings.EDITIONS_DELAY = 0
    NOTE.request(note)
    run_queued_tasks()
    for version in range(10):
        TEXTS[note] = f"Version {version}"
        with django_capture_on_commit_callbacks(execute=True):
            NOTE.refresh(note)
    Edition.objects.filter(status=Status.QUEUED).update(scheduled_for=timezone.now())
    DBTaskResult.objects.update(run_after=timezone.now())
    run_queued_tasks()
    assert fake_render.calls == 2  # the first edition, then one for the ten edits
    assert b"Version 9" in NOTE.freshest(note).file.read()


def test_a_refresh_waits_the_delay_and_the_minimum_interval(
    note, fake_render, database_tasks, settings, django_capture_on_commit_callbacks
):
    settings.EDITIONS_DELAY, settings.EDITIONS_MIN_INTERVAL = 2, 60
    first = NOTE.request(note)
    run_queued_tasks()
    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        NOTE.refresh(note)
    waiting = NOTE.coming(note)
    assert waiting.scheduled_for == first.started_at + timedelta(seconds=60)
    Edition.objects.filter(pk=first.pk).update(
        started_at=timezone.now() - timedelta(minutes=5), rendered=True
    )
    Edition.objects.filter(pk=waiting.pk).delete()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        NOTE.refresh(note)
    delay = NOTE.coming(note).scheduled_for - before
    assert timedelta(seconds=2) <= delay < timedelta(seconds=3)
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert task.run_after == NOTE.coming(note).scheduled_for


def test_a_document_without_editions_is_not_refreshed(
    note, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        NOTE.refresh(note)
    assert not Edition.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_refresh_all_refreshes_every_document_of_the_kind(
    note, fake_render, database_tasks, django_capture_on_commit_callbacks
):
    TEXTS["b"] = "Autre note"
    NOTE.request(note)
    NOTE.request("b")
    run_queued_tasks()
    with django_capture_on_commit_callbacks(execute=True):
        NOTE.refresh_all()
    assert {edition.key for edition in Edition.objects.filter(status=Status.QUEUED)} == {
        note,
        "b",
    }


def test_someone_waiting_starts_a_deferred_edition_now(
    note, fake_render, database_tasks, django_capture_on_commit_callbacks
):
    NOTE.request(note)
    run_queued_tasks()
    TEXTS[note] = "Nouvelle"
    with django_capture_on_commit_callbacks(execute=True):
        NOTE.refresh(note)
    deferred = NOTE.coming(note)
    assert deferred.scheduled_for > timezone.now()
    started = NOTE.request(note)
    assert started.pk == deferred.pk
    assert started.scheduled_for <= timezone.now()
    run_queued_tasks()  # the task due now; the deferred one will find the edition made
    assert NOTE.freshest(note).pk == deferred.pk
    DBTaskResult.objects.update(run_after=timezone.now())
    run_queued_tasks()
    assert fake_render.calls == 2


def test_a_second_task_for_an_edition_under_way_does_nothing(note, fake_render, database_tasks):
    edition = NOTE.request(note)
    Edition.objects.filter(pk=edition.pk).update(status=Status.RENDERING, task_id="autre")
    DBTaskResult.objects.all().delete()
    make_edition.enqueue(str(edition.pk))
    run_queued_tasks()
    edition.refresh_from_db()
    assert edition.status == Status.RENDERING
    assert fake_render.calls == 0


def test_the_task_of_an_interrupted_edition_resumes_it(note, fake_render, database_tasks):
    edition = NOTE.request(note)
    task = DBTaskResult.objects.get()
    # Its worker died during the layout; the task was put back in the queue.
    Edition.objects.filter(pk=edition.pk).update(
        status=Status.RENDERING, stage="layout", task_id=str(task.pk), attempts=1
    )
    run_queued_tasks()
    edition.refresh_from_db()
    assert edition.status == Status.READY
    assert edition.attempts == 2


def test_an_edition_that_kills_its_worker_every_time_fails(
    note, fake_render, database_tasks, settings
):
    settings.EDITIONS_MAX_ATTEMPTS = 3
    edition = NOTE.request(note)
    task = DBTaskResult.objects.get()
    Edition.objects.filter(pk=edition.pk).update(
        status=Status.RENDERING, task_id=str(task.pk), attempts=3
    )
    run_queued_tasks()
    edition.refresh_from_db()
    assert edition.status == Status.FAILED
    assert edition.error == "Le rendu du document s'est interrompu à chaque essai."


def test_a_real_render_past_the_time_limit_fails_in_french(note, settings):
    settings.PDF_RENDER_TIMEOUT = 0.01
    settings.EDITIONS_MAX_ATTEMPTS = 1
    edition = NOTE.request(note)
    assert edition.status == Status.FAILED
    assert edition.error == "Le rendu du document a dépassé 0.01 secondes."


def test_a_real_render_reports_its_pages(note):
    edition = NOTE.request(note)
    assert edition.status == Status.READY
    assert edition.pages == 1
    assert edition.file.read().startswith(b"%PDF")
