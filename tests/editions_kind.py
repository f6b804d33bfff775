"""A kind of document for the tests of the editions machinery: a note whose text the test sets."""

import pytest

from editions.kinds import Document, DocumentError, DocumentKind
from pdfs import render as pdf_render
from pdfs.child import RenderedPdf

TEXTS = {}


def build_note(key, **params):
    if key not in TEXTS:
        raise DocumentError("Cette note n'existe plus.")
    return Document(
        html=f"<!DOCTYPE html><html lang='fr'><body><p>{TEXTS[key]}</p></body></html>",
        stylesheet="livret/livret.css",
        items=params.get("items", 1),
    )


NOTE = DocumentKind("note-essai", build_note)
ONE_OFF = DocumentKind("note-ponctuelle", build_note, keep=1, keep_days=1)


class FakeRender(list):
    """Stands for WeasyPrint: the HTML of each render, in order; reports the layout, fails when
    told to."""

    failure = None

    @property
    def htmls(self):
        return self

    @property
    def calls(self):
        return len(self)

    def __call__(self, html, *, stylesheet, on_laid_out=None, **options):
        self.append(html)
        if self.failure is not None:
            raise self.failure
        if on_laid_out is not None:
            on_laid_out(3)
        return RenderedPdf(b"%PDF-1.7 " + html.encode(), 3)


@pytest.fixture
def fake_render(monkeypatch):
    render = FakeRender()
    monkeypatch.setattr(pdf_render, "render_pdf", render)
    return render


@pytest.fixture
def note():
    TEXTS.clear()
    TEXTS["a"] = "Première version"
    yield "a"
    TEXTS.clear()


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as in production, for a test to run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def in_process_worker(worker_id="test-worker"):
    """The project's worker, to run here: ``run_task`` or a batch."""
    from worker.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_queued_tasks():
    """What a worker would do now: run every task that is due, in order, here (without the
    worker's companion thread, whose connection would not see the test's transaction, and
    without closing the test's connection between tasks as a worker does)."""
    from unittest import mock

    from django_tasks_db.management.commands import db_worker

    with mock.patch.object(db_worker, "close_old_connections"):
        db_worker.Worker.run(in_process_worker())
