"""Serving an edition's file, and following an edition while it is made.

Views of the apps call these after checking who may see the document: an edition has no URL
of its own.
"""

from django.http import FileResponse, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from .models import Edition

POLL_SECONDS = 2


def download(request, kind, key, *, filename, template, context=None, params=None):
    """A document's download: its freshest edition at once. With none yet, one is asked for
    (or the one under way followed) on a waiting page, a 503 with ``Retry-After``, which takes
    the browser to the file once it is ready."""
    edition = kind.freshest(key)
    if edition is not None:
        if request.headers.get("HX-Request"):
            return _redirect(request.get_full_path())
        return serve(request, edition, filename)
    coming = kind.coming(key)
    if coming is None or coming.scheduled_for > timezone.now():
        coming = kind.request(key, params=params)
    if coming.status == Edition.Status.READY:  # made at once (the immediate backend)
        return serve(request, coming, filename)
    return progress(
        request,
        coming,
        template=template,
        context=context,
        redirect_when_ready=request.get_full_path(),
        status=503,
    )


def _redirect(url):
    response = HttpResponse(status=200)
    response["HX-Redirect"] = url
    return response


def serve(request, edition, filename):
    """The edition's PDF, shown inline, with validators so that a second download of the same
    edition is a 304."""
    etag = f'"{edition.html_hash}"'
    last_modified = int(edition.finished_at.timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        edition.file.open("rb"), content_type="application/pdf", filename=filename
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # What a document shows can change at any edit: check again each time (a 304 is cheap).
    response["Cache-Control"] = "no-cache"
    return response


def progress(
    request, edition, *, template, context=None, redirect_when_ready=None, poll_url=None, status=200
):
    """A page that follows ``edition``: ``template`` extends the app's own base and includes
    ``editions/includes/progress.html``. Requested by htmx, only that part is sent; it asks
    again every two seconds until the edition is finished, and then, with
    ``redirect_when_ready`` (the download's URL), takes the browser there. Without JavaScript the
    page has a link to refresh it. The page asks ``poll_url`` (default: its own URL)."""
    context = {**(context or {}), "progress": progress_of(edition), "poll_url": poll_url}
    if request.headers.get("HX-Request"):
        if redirect_when_ready and edition.status == Edition.Status.READY:
            return _redirect(redirect_when_ready)
        template, status = "editions/includes/progress.html", 200
    response = TemplateResponse(request, template, context, status=status)
    if not edition.is_finished:
        response["Retry-After"] = str(POLL_SECONDS * 5 if status == 503 else POLL_SECONDS)
    return response


def progress_of(edition, *, now=None):
    """Where an edition stands: the edition itself, and, while it is made, the share done
    estimated from the document's previous render (None when there was none)."""
    now = now or timezone.now()
    previous = (
        Edition.objects.of(edition.kind, edition.key)
        .filter(rendered=True, status=Edition.Status.READY)
        .exclude(pk=edition.pk)
        .order_by("-requested_at")
        .first()
    )
    expected = previous.duration if previous is not None else None
    percent = None
    if edition.status == Edition.Status.RENDERING and expected and edition.started_at:
        percent = min(95, int(100 * (now - edition.started_at) / expected))
    waiting = None
    if edition.status == Edition.Status.QUEUED and edition.scheduled_for > now:
        waiting = int((edition.scheduled_for - now).total_seconds()) + 1
    return {
        "edition": edition,
        "percent": percent,
        "expected_seconds": int(expected.total_seconds()) if expected else None,
        "starts_in": waiting,
        "poll_seconds": POLL_SECONDS,
    }
