"""Kinds of document, and how an edition of one is asked for and found."""

import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from .models import Edition

registry = {}


class DocumentError(Exception):
    """The document cannot be built (it no longer exists…): the message is French, for the
    coordinators, and the edition fails without another try."""


@dataclass(frozen=True)
class Document:
    """What a builder returns: the HTML to render, the static stylesheet its relative URLs
    resolve against, and how many items (fiches) it holds when that means something."""

    html: str
    stylesheet: str
    items: int | None = None


class DocumentKind:
    """A kind of document, made by ``build(key, **params) -> Document`` in the task worker.

    ``key`` names one document of the kind (a seminar's slug, a fiche's slug…): editions of the
    same kind and key are editions of the same document. ``keep`` ready editions of a document
    are kept (the newest serves); with ``keep_days``, the editions of a document nobody asked for
    that long are deleted (one-off documents: previews, selections).
    """

    def __init__(self, name, build, *, keep=2, keep_days=None):
        if name in registry:
            raise ValueError(f"Type de document déjà déclaré : {name}")
        self.name, self.build, self.keep, self.keep_days = name, build, keep, keep_days
        registry[name] = self

    def __repr__(self):
        return f"<DocumentKind {self.name}>"

    def editions(self, key):
        return Edition.objects.of(self.name, key)

    def freshest(self, key):
        """The newest good edition of the document, or None."""
        return self.editions(key).ready().order_by("-requested_at").first()

    def coming(self, key):
        """The edition being made or waiting for the document, newer than the freshest one."""
        return self.editions(key).unfinished().order_by("-requested_at").first()

    def keys_with_editions(self):
        """The documents of this kind that have editions."""
        return set(Edition.objects.filter(kind=self.name).values_list("key", flat=True))

    def request(self, key, *, params=None):
        """An edition of the document, made as soon as a worker is free: the waiting one if
        there is one (which then starts now), or a new one. Returns it; with the immediate
        backend (tests) it is already made."""
        return _request(self, key, params or {}, start=timezone.now())

    def refresh(self, key, *, params=None):
        """The document changed: once the current transaction commits, if it has editions, ask
        for a new one.
        Requests for the same document coalesce, within the transaction and until the waiting
        edition starts; it starts ``EDITIONS_DELAY`` seconds after the request, and no sooner
        than ``EDITIONS_MIN_INTERVAL`` seconds after the previous start of the same document.
        The freshest edition is served meanwhile."""
        _refresh_on_commit(self, key, params or {})

    def refresh_all(self):
        """Everything this kind of document shows may have changed: ``refresh`` each document
        of the kind that has editions (those whose HTML did not change are not rendered)."""
        _refresh_on_commit(self, None, {})

    def forget(self, key):
        """The document is gone: its editions go, and their files once the transaction
        commits (a refresh asked for meanwhile then finds nothing to refresh)."""
        delete_editions(self.editions(key))

    def _refresh_now(self, key, params):
        latest = self.editions(key).order_by("-requested_at").only("params").first()
        if latest is None:
            return None
        # A document made again is made of what it was made of (a selection's fiches…).
        params = params or latest.params
        now = timezone.now()
        start = now + timedelta(seconds=settings.EDITIONS_DELAY)
        renders = self.editions(key).filter(Q(rendered=True) | Q(status=Edition.Status.RENDERING))
        last_start = renders.aggregate(last=Max("started_at"))["last"]
        if last_start is not None:
            start = max(start, last_start + timedelta(seconds=settings.EDITIONS_MIN_INTERVAL))
        return _request(self, key, params, start=start)


def delete_editions(editions):
    """Delete these editions, then, once committed, the files no remaining edition uses."""
    names = set(editions.exclude(file="").values_list("file", flat=True))
    editions.delete()

    def delete_files():
        storage = Edition.file.field.storage
        used = set(Edition.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names - used:
            storage.delete(name)

    transaction.on_commit(delete_files)


def _request(kind, key, params, *, start):
    with transaction.atomic():
        waiting = kind.editions(key).filter(status=Edition.Status.QUEUED).first()
        if waiting is None:
            try:
                with transaction.atomic():
                    edition = Edition.objects.create(
                        kind=kind.name, key=key, params=params, scheduled_for=start
                    )
            except IntegrityError:  # another process created it a moment ago
                waiting = kind.editions(key).get(status=Edition.Status.QUEUED)
            else:
                _enqueue(edition)
                return _reloaded(edition)
        kind.editions(key).filter(pk=waiting.pk).update(requests=F("requests") + 1)
        if waiting.scheduled_for > start:
            # Someone is waiting for it now: a second task starts it; the later one finds
            # it made and does nothing.
            kind.editions(key).filter(pk=waiting.pk).update(scheduled_for=start)
            waiting.scheduled_for = start
            _enqueue(waiting)
    return _reloaded(waiting)


def _reloaded(edition):
    edition.refresh_from_db()
    return edition


def _enqueue(edition):
    from .tasks import make_edition

    task = make_edition
    if task.get_backend().supports_defer and edition.scheduled_for > timezone.now():
        task = task.using(run_after=edition.scheduled_for)
    task.enqueue(str(edition.pk))


_pending = threading.local()


def _refresh_on_commit(kind, key, params):
    """Note the document (``key`` None: every document of the kind) for the next commit. The
    first callback to run after the commit refreshes all the noted documents, once each; the
    others find nothing left to do."""
    documents = _pending.__dict__.setdefault("documents", {})
    documents[(kind.name, key)] = params
    transaction.on_commit(_flush)


def _flush():
    documents = _pending.__dict__.pop("documents", {})
    everything = {name for name, key in documents if key is None}
    for name in everything:
        for key in registry[name].keys_with_editions():
            registry[name]._refresh_now(key, {})
    for (name, key), params in documents.items():
        if name not in everything:
            registry[name]._refresh_now(key, params)
