"""Open data on the public site: the catalogue as ``/actions/`` filters it (same parameters,
published fiches only), as CSV, JSON, or data·inclusion services. Responses are streamed, a
chunk of fiches at a time."""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_safe

from actions.resources import PublicActionResource
from citeeducative.models import CiteEducative

from . import data_inclusion, records, streaming


def _base_url(request):
    """The public address (``SITE_URL``), as the pages' canonical links give it."""
    return settings.SITE_URL


def _streamed(rows, content_type, filename, *, download):
    response = StreamingHttpResponse(rows, content_type=content_type)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def export_csv(request):
    resource = PublicActionResource(base_url=_base_url(request))
    actions = streaming.in_chunks(streaming.published_actions(request.GET))
    return _streamed(
        streaming.csv_rows(resource, actions),
        "text/csv; charset=utf-8",
        "fiches-action.csv",
        download=True,
    )


@require_safe
def export_json(request):
    actions = streaming.in_chunks(
        streaming.published_actions(request.GET), prefetch=records.RECORD_PREFETCH
    )
    return _streamed(
        streaming.json_rows(actions, base_url=_base_url(request)),
        "application/json",
        "fiches-action.json",
        download=False,
    )


@require_safe
def export_data_inclusion(request):
    actions = streaming.in_chunks(
        streaming.published_actions(request.GET), prefetch=records.RECORD_PREFETCH
    )
    return _streamed(
        data_inclusion.data_inclusion_rows(actions, base_url=_base_url(request)),
        "application/json",
        f"{data_inclusion.source(CiteEducative.objects.current())}-data-inclusion.json",
        download=False,
    )
