"""The tasks that make and tidy editions, run by the worker."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify

from pdfs import render as pdf_render

from .kinds import DocumentError, delete_editions, registry
from .models import Edition

logger = logging.getLogger(__name__)

Status, Stage = Edition.Status, Edition.Stage


@task(takes_context=True)
def make_edition(context, edition_id):
    """Build the document's HTML, render it to PDF and store the file; the edition is marked
    ready only once its file is whole, so a reader never gets half a file, and the previous
    edition serves until then. A failure is recorded in French and retried
    ``EDITIONS_MAX_ATTEMPTS`` times in all. An edition whose task was interrupted (worker
    stopped or killed) is taken up again when that task runs again; any other task for an
    edition already under way does nothing."""
    task_id = context.task_result.id
    claimed = Edition.objects.filter(pk=edition_id).filter(
        Q(status=Status.QUEUED) | Q(status=Status.RENDERING, task_id=task_id)
    )
    if not claimed.update(
        status=Status.RENDERING,
        stage=Stage.HTML,
        task_id=task_id,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    ):
        return
    edition = Edition.objects.get(pk=edition_id)
    kind = registry.get(edition.kind)
    try:
        if kind is None:
            raise DocumentError(f"Type de document inconnu : {edition.kind}.")
        if edition.attempts > settings.EDITIONS_MAX_ATTEMPTS:
            # Each attempt stopped the worker itself (killed, out of memory…).
            raise DocumentError("Le rendu du document s'est interrompu à chaque essai.")
        _make(kind, edition)
    except Exception as error:
        logger.exception("Édition %s (%s %s) en échec", edition.pk, edition.kind, edition.key)
        _failed(edition, error)
    else:
        _prune(kind, edition.key)


def _make(kind, edition):
    document = kind.build(edition.key, **edition.params)
    digest = hashlib.sha256(document.html.encode()).hexdigest()
    _update(edition, items=document.items, html_hash=digest)
    previous = kind.freshest(edition.key)
    if previous is not None and previous.html_hash == digest:
        # Nothing it shows has changed: the same file serves, no render.
        _finish(edition, file=previous.file.name, pages=previous.pages, size=previous.size)
        return
    _update(edition, stage=Stage.LAYOUT)
    pdf = pdf_render.render_pdf(
        document.html,
        stylesheet=document.stylesheet,
        on_laid_out=lambda pages: _update(edition, stage=Stage.PDF, pages=pages),
    )
    storage = Edition.file.field.storage
    name = f"{kind.name}/{slugify(edition.key)[:80] or 'document'}/{edition.pk}.pdf"
    storage.delete(name)  # what an interrupted attempt may have left
    name = storage.save(name, ContentFile(pdf.content))
    _finish(edition, file=name, pages=pdf.pages, size=len(pdf.content), rendered=True)


def _update(edition, **fields):
    Edition.objects.filter(pk=edition.pk).update(**fields)
    for name, value in fields.items():
        setattr(edition, name, value)


def _finish(edition, *, status=Status.READY, **fields):
    _update(edition, status=status, stage="", finished_at=timezone.now(), **fields)


def _failed(edition, error):
    if isinstance(error, pdf_render.PdfError | DocumentError):
        message = str(error)
    else:
        message = f"Erreur inattendue pendant la préparation du document ({type(error).__name__})."
    if isinstance(error, DocumentError) or edition.attempts >= settings.EDITIONS_MAX_ATTEMPTS:
        _finish(edition, status=Status.FAILED, error=message)
        return
    retry_at = timezone.now() + timedelta(seconds=settings.EDITIONS_RETRY_DELAY * edition.attempts)
    try:
        with transaction.atomic():
            _update(
                edition,
                status=Status.QUEUED,
                stage="",
                task_id="",
                error=message,
                scheduled_for=retry_at,
            )
    except IntegrityError:
        # A newer edition of the document already waits: it is the one to make.
        _finish(edition, status=Status.FAILED, error=message)
        return
    from .kinds import _enqueue

    _enqueue(edition)


def _prune(kind, key):
    """Keep the ``keep`` newest ready editions of the document and the failures since the
    newest; delete the rest, with the files no remaining edition uses."""
    editions = kind.editions(key)
    kept = list(editions.ready().order_by("-requested_at")[: kind.keep])
    if kept:
        older_ready = editions.ready().exclude(pk__in=[edition.pk for edition in kept])
        older_failures = editions.filter(
            status=Status.FAILED, requested_at__lt=kept[0].requested_at
        )
        delete_editions(older_ready | older_failures)


@task
def prune_editions():
    """Delete the finished editions of one-off documents (``keep_days``) older than that."""
    for kind in registry.values():
        if kind.keep_days is not None:
            cutoff = timezone.now() - timedelta(days=kind.keep_days)
            finished = Edition.objects.filter(
                kind=kind.name, status__in=[Status.READY, Status.FAILED]
            )
            delete_editions(finished.filter(requested_at__lt=cutoff))
