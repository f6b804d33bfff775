"""The published catalogue as CSV, with the columns of the spreadsheet import
(``PublicActionResource``, the public subset of ``ActionResource``), so that a downloaded file
is also a valid import file; and as JSON records made to be reused (``records``).

Fiches are read a chunk at a time with their relations, and written as they are read: an
export of the whole catalogue stays small in memory.
"""

import csv
import json

from actions.filters import ActionFilterSet
from actions.models import Action
from actions.resources import ACTION_PREFETCH
from spreadsheets.formats import escape_formula

from . import records

CHUNK = 200
# Not read by the exports: the search columns and what only coordinators see.
UNREAD_FIELDS = [
    "search_terms",
    "search_title_terms",
    "search_vector",
    "search_title_vector",
    "editorial_note",
]


def published_actions(params):
    """The published fiches that the catalogue shows for ``params`` (its query string), in
    its order: the same FilterSet, so the same parameters give the same fiches."""
    return ActionFilterSet(params, queryset=Action.objects.published()).qs


def in_chunks(actions, size=CHUNK, *, prefetch=ACTION_PREFETCH):
    """The fiches of ``actions`` in its order, ``size`` at a time with their relations. Their
    ids are read at once, before the response starts: a database out of reach is then the
    French 503 page (``citeeducative.views.server_error``), not a file cut off after a 200."""
    return _chunks(list(actions.values_list("pk", flat=True)), size, prefetch)


def _chunks(pks, size, prefetch):
    for start in range(0, len(pks), size):
        chunk = pks[start : start + size]
        loaded = (
            Action.objects.filter(pk__in=chunk)
            .select_related("programmation", "axe")
            .prefetch_related(*prefetch)
            .defer(*UNREAD_FIELDS)
            .in_bulk()
        )
        yield from (loaded[pk] for pk in chunk if pk in loaded)


class _Echo:
    """A file that hands back what is written to it: csv.writer's rows as strings."""

    def write(self, value):
        return value


def csv_rows(resource, actions):
    """The CSV file line by line: UTF-8 with a BOM (Excel then shows the accents), formulas
    defused as in the spreadsheet exports."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(resource.get_export_headers())
    for action in actions:
        yield writer.writerow([escape_formula(value) for value in resource.export_resource(action)])


def json_rows(actions, *, base_url):
    """A JSON list of fiche records (``records.fiche_record``), raw (no formula escaping)."""
    yield "["
    for index, action in enumerate(actions):
        record = records.fiche_record(action, base_url=base_url)
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"
