"""French full-text search that gives the same answers on PostgreSQL and SQLite.

Both databases see the same text, cut the same way: accents folded, lower case, French stop words
dropped, words reduced to their Snowball stem ("évitements" -> "evit"). PostgreSQL does it with
the ``french_unaccent`` text search configuration (unaccent, then french_stem) over the fiche's
``search_vector`` and its title's ``search_title_vector``, each with a GIN index; SQLite matches
the same stems, stored in ``search_terms`` and ``search_title_terms`` and indexed with FTS5
(columns ``terms`` and ``title``). Fiches whose title holds every searched word rank first.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connection
from django.db.models import BigIntegerField, Case, F, Func, IntegerField, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.db.models.lookups import In

from citeeducative.text import fold

CONFIG = "french_unaccent"
WORD = re.compile(r"\w+")


@cache
def _stemmer():
    return snowballstemmer.stemmer("french")


@cache
def _stop_words():
    path = Path(__file__).with_name("french.stop")
    return frozenset(path.read_text(encoding="utf-8").split())


@lru_cache(maxsize=65536)
def _stem(word):
    # Stemming is pure Python and a vocabulary is small: remember each word's stem.
    return _stemmer().stemWord(word)


def terms(text):
    """The stems PostgreSQL's ``french_unaccent`` configuration would index for ``text``."""
    stop_words = _stop_words()
    return [_stem(word) for word in WORD.findall(fold(text)) if word not in stop_words]


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
