"""One version token for everything the public pages show: any change to a fiche, what it
links to, or the seminar draws a new one, and every cached page or option list keyed on the
old token is simply never read again.

The token lives in the database (``CatalogueVersion``), drawn anew in the transaction of the
change: a reader sees the new token exactly when it sees the change, and no culling, eviction
or failure of the cache can bring an old token back. A request reads it once.

The cache itself may fail (a full disk, Redis down): then it misses, the page is made as if
nothing had been kept, and the failure is logged (``FailSafeCache``)."""

import hashlib
import logging
import pickle
import threading
import uuid
import zlib
from functools import wraps

import redis
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from simple_history.models import HistoricalChanges

from .models import CatalogueVersion

logger = logging.getLogger(__name__)

# The apps whose records the public pages and documents show.
CATALOGUE_APPS = {"actions", "bilan", "citeeducative", "contacts", "livret", "partners"}

PAGE_TIMEOUT = 24 * 3600


class _RequestVersion(threading.local):
    """The token as this request read it. Outside a request (the worker, a command) there is
    no memo: each call reads the database, as other processes may have changed it."""

    in_request = False
    token = None


_request_version = _RequestVersion()


def catalogue_version():
    token = _request_version.token
    if token is None:
        token = CatalogueVersion.objects.values_list("token", flat=True).first()
        if token is None:  # A database just created or flushed.
            token = catalogue_changed()
        if _request_version.in_request:
            _request_version.token = token
    return token.hex


def catalogue_changed():
    """Draw a new token, in the transaction under way: it shows when the change does."""
    token = uuid.uuid4()
    # Neither update() nor bulk_create() sends signals: the version is no record of the catalogue.
    if not CatalogueVersion.objects.update(token=token):
        CatalogueVersion.objects.bulk_create([CatalogueVersion(token=token)])
    _request_version.token = None
    return token


def _request_starts(**kwargs):
    _request_version.in_request, _request_version.token = True, None


def _request_ends(**kwargs):
    _request_version.in_request, _request_version.token = False, None


_listeners = []


def on_catalogue_change(listener):
    """Call ``listener(sender=…, instance=…, signal=…)`` after each change to a record of the
    catalogue (what is made from the catalogue and kept: PDF editions…); a decorator."""
    _listeners.append(listener)
    return listener


def _record_changed(sender, instance, signal, **kwargs):
    # History rows follow the records themselves and show nowhere public.
    if sender._meta.app_label not in CATALOGUE_APPS or issubclass(sender, HistoricalChanges):
        return
    catalogue_changed()
    for listener in _listeners:
        listener(sender=sender, instance=instance, signal=signal)


def watch_catalogue():
    """Any change to the catalogue's records makes the cached public pages stale, and tells
    those listening (``on_catalogue_change``)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"catalogue-version-{signal}")
    request_started.connect(_request_starts, dispatch_uid="catalogue-version-request-started")
    request_finished.connect(_request_ends, dispatch_uid="catalogue-version-request-finished")


def cache_public_page(view):
    """Serve a public page from the cache to anonymous visitors. Signed-in coordinators see
    drafts and editorial notes, so their pages are never cached nor served from the cache."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        variant = "htmx" if request.headers.get("HX-Request") else "page"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{catalogue_version()}:{variant}:{path}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return cached_view


class FailSafeCache:
    """A cache that cannot be read or written is a cache that misses: reading gives the
    default, writing keeps nothing, and the failure is logged, never raised to the page.
    ``failures`` are the errors of the backend's storage."""

    failures = ()

    def _failed(self, operation, key, error):
        logger.warning("Cache : %s de %r impossible (%s), servi sans cache.", operation, key, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self.failures as error:
            self._failed("lecture", key, error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except self.failures as error:
            self._failed("écriture", key, error)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except self.failures as error:
            self._failed("écriture", key, error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except self.failures as error:
            self._failed("suppression", key, error)
            return False


class FileCache(FailSafeCache, FileBasedCache):
    """Django's file cache, compressing at zlib's fastest level rather than its default (6):
    what it keeps is mostly HTML (pages, option lists), which level 1 still shrinks to a sixth,
    in 0.35 ms instead of 0.9 for a catalogue page of 85 kB. Reading is unchanged. A full or
    failing disk, or a damaged file, is a miss."""

    failures = (OSError, EOFError, pickle.UnpicklingError, zlib.error)

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))


class RedisCache(FailSafeCache, DjangoRedisCache):
    """Django's Redis cache; Redis out of reach, full or failing is a miss."""

    failures = (redis.RedisError,)
