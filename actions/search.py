"""French full-text search that gives the same answers on PostgreSQL and SQLite.

Both databases see the same text, cut the same way: accents folded, lower case, French stop words
dropped, words reduced to their Snowball stem ("évitements" -> "evit"). PostgreSQL does it with
the ``french_unaccent`` text search configuration (unaccent, then french_stem) over the fiche's
``search_vector`` and its title's ``search_title_vector``, each with a GIN index; SQLite matches
the same stems, stored in ``search_terms`` and ``search_title_terms`` and indexed with FTS5
(columns ``terms`` and ``title``). Fiches whose title holds every searched word rank first.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connection
from django.db.models import BigIntegerField, Case, F, Func, IntegerField, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.db.models.lookups import In
from django.utils.html import strip_tags

CONFIG = "french_unaccent"
WORD = re.compile(r"\w+")


@cache
def _stemmer():
    return snowballstemmer.stemmer("french")


@cache
def _stop_words():
    path = Path(__file__).with_name("french.stop")
    return frozenset(path.read_text(encoding="utf-8").split())


def _fold(text):
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


@lru_cache(maxsize=65536)
def _stem(word):
    # Stemming is pure Python and a vocabulary is small: remember each word's stem.
    return _stemmer().stemWord(word)


def terms(text):
    """The stems PostgreSQL's ``french_unaccent`` configuration would index for ``text``."""
    stop_words = _stop_words()
    return [_stem(word) for word in WORD.findall(_fold(text)) if word not in stop_words]


def _joined(text):
    # Padded with spaces so that a stem is matched as a whole word: " evit ".
    return f" {' '.join(terms(text))} "


# What document() reads.
DOCUMENT_RELATIONS = [
    "objectives",
    "publics",
    "partners",
    "operator_links__organisation",
    "contact_links__contact",
]


def document(action):
    """The searchable text of a fiche by weight: A title, B objectives and publics,
    C description, partners, operators and contact names. ``action`` comes with its
    ``DOCUMENT_RELATIONS`` prefetched, so that this costs no query."""
    return {
        "A": action.title,
        "B": " ".join(
            [objective.text for objective in action.objectives.all()]
            + [public.label for public in action.publics.all()]
        ),
        "C": " ".join(
            [strip_tags(action.description)]
            + [str(partner) for partner in action.partners.all()]
            + [str(link.organisation) for link in action.operator_links.all()]
            + [link.contact.full_name for link in action.contact_links.all()]
        ),
    }


def refresh(queryset, *, chunk_size=1000):
    """Rebuild the search columns of these fiches, ``chunk_size`` at a time, with one prepared
    UPDATE run for every fiche (``executemany``): as cheap for one fiche saved in the admin as
    for the thousands of an import."""
    from .models import Action

    postgresql = connection.vendor == "postgresql"
    columns = ["search_title_terms = %s", "search_terms = %s"]
    if postgresql:
        # One weighted vector per weight, concatenated: title A, then B, then C.
        vectors = (
            f"setweight(to_tsvector(%s::regconfig, COALESCE(%s, '')), '{weight}')"
            for weight in "ABC"
        )
        columns.append("search_vector = " + " || ".join(vectors))
        columns.append("search_title_vector = to_tsvector(%s::regconfig, COALESCE(%s, ''))")
    table = connection.ops.quote_name(Action._meta.db_table)
    pk = connection.ops.quote_name(Action._meta.pk.column)
    sql = f"UPDATE {table} SET {', '.join(columns)} WHERE {pk} = %s"
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), chunk_size):
        chunk = Action.objects.filter(pk__in=pks[start : start + chunk_size])
        rows = []
        for action in chunk.prefetch_related(*DOCUMENT_RELATIONS):
            weighted = document(action)
            if postgresql:
                # Only SQLite reads the stems: on PostgreSQL they would only widen every row
                # that a search scans.
                row = ["", ""]
                for weight in "ABC":
                    row += [CONFIG, weighted[weight]]
                row += [CONFIG, weighted["A"]]
            else:
                row = [_joined(weighted["A"]), _joined(" ".join(weighted.values()))]
            rows.append([*row, action.pk])
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return len(pks)


# SQLite cannot tell how many fiches a full-text match keeps and, told nothing, starts from the
# matches: right for a few, slow for thousands, which a sorted page must then sort and a count
# probe one by one ("parents" matches 6,000 of 10,000 demo fiches: 6 ms for a page). Past this
# many, a match is tested on ``+id``, which SQLite does not look rows up by: it walks the sort
# order and stops at the page's last fiche, or a count at the catalogue's listed limit (1 ms).
# For a rarer match that walk would read most of the catalogue.
BROAD_MATCH = 2000


class _NotAnIndexKey(Func):
    """``+column``: the same value, which SQLite's planner does not look rows up by."""

    template = "+%(expressions)s"
    output_field = BigIntegerField()


SQLITE_MATCHING = "SELECT rowid FROM action_search_fts WHERE action_search_fts MATCH %s"


def _sqlite_matching(stems, columns):
    """For each FTS5 column, the condition that a fiche's column holds every stem: conditions
    for filter() and When(), found broad or not in one query."""
    matches = [
        f"{column} : (" + " ".join(f'"{stem}"' for stem in stems) + ")" for column in columns
    ]
    counts = ", ".join([f"(SELECT count(*) FROM ({SQLITE_MATCHING} LIMIT %s))"] * len(matches))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {counts}", [value for match in matches for value in (match, BROAD_MATCH + 1)]
        )
        found = cursor.fetchone()
    return [
        In(
            _NotAnIndexKey(F("pk")) if count > BROAD_MATCH else F("pk"),
            RawSQL(SQLITE_MATCHING, [match]),
        )
        for match, count in zip(matches, found, strict=True)
    ]


@dataclass(frozen=True)
class Match:
    """What a search asks of a fiche: every searchable word of the text anywhere in its
    document (``anywhere``) and, to rank first, in its title (``in_title``): two conditions
    for filter(), exclude() and When(), both None when the text has no word to search for."""

    anywhere: Expression | None
    in_title: Expression | None

    def apply(self, queryset):
        """The fiches of ``queryset`` that match, annotated with ``search_rank``: 1 when their
        title holds every searched word, else 0."""
        if self.anywhere is None:
            return queryset.annotate(search_rank=Value(0))
        rank = Case(When(self.in_title, then=1), default=0, output_field=IntegerField())
        return queryset.filter(self.anywhere).annotate(search_rank=rank)


def matching(text):
    """The ``Match`` of a search for ``text``."""
    stems = terms(text)
    if not stems:
        return Match(None, None)
    if connection.vendor == "postgresql":
        # PostgreSQL stems the raw words itself, with the configuration that built the vectors.
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        return Match(
            SearchVectorExact(F("search_vector"), query),
            SearchVectorExact(F("search_title_vector"), query),
        )
    return Match(*_sqlite_matching(stems, ["terms", "title"]))


def search(queryset, text):
    """Fiches matching every searchable word of ``text``, annotated with ``search_rank``."""
    return matching(text).apply(queryset)
