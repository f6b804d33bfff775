"""French full-text search that gives the same answers on PostgreSQL and SQLite.

Both databases see the same text, cut the same way: accents folded, lower case, French stop words
dropped, words reduced to their Snowball stem ("évitements" -> "evit"). PostgreSQL does it with
the ``french_unaccent`` text search configuration (unaccent, then french_stem) over the fiche's
``search_vector`` and its title's ``search_title_vector``, each with a GIN index; SQLite matches
the same stems, stored in ``search_terms`` and ``search_title_terms`` and indexed with FTS5
(columns ``terms`` and ``title``). Fiches whose title holds every searched word rank first.

A search is planned before it is matched (``plan``): each searched word, or expression of the
field's thesaurus, is a clause that any of its equivalents satisfies ("cantine" or "restauration
scolaire"); the last word may also be the start of a word of the index, as the person types it.
The thesaurus and the index's words are given by the caller: this module imports no model.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
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


def stem(word):
    """The stem of a folded word ("decrochage" -> "decrochag")."""
    return _stem(word)


def searchable_words(text):
    """The words of ``text`` a search reads: folded, without French stop words."""
    stop_words = _stop_words()
    return [word for word in WORD.findall(fold(text)) if word not in stop_words]


def terms(text):
    """The stems PostgreSQL's ``french_unaccent`` configuration would index for ``text``."""
    return [_stem(word) for word in searchable_words(text)]


# The last word is also read as the start of longer words once it has this many letters, and
# stands for at most this many of them (the shortest, which the person most likely means).
PREFIX_MIN_LENGTH = 3
PREFIX_MAX_WORDS = 40


def plan(text, *, thesaurus=None, prefix_words=None):
    """What a search for ``text`` asks of a fiche: clauses that must all hold, each a tuple of
    alternatives, any of which will do, each a tuple of words that must all be found.
    "cantine parents" -> ((("cantine",), ("restauration", "scolaire")), (("parents",),)).
    ``thesaurus`` brings the equivalents; ``prefix_words(start)`` the words of the index that
    begin with ``start``, for the last word."""
    words = searchable_words(text)
    stems = [_stem(word) for word in words]
    clauses, position = [], 0
    while position < len(words):
        found = thesaurus.match(stems, position) if thesaurus else None
        length, alternatives = found or (1, [(words[position],)])
        position += length
        if length == 1 and position == len(words) and prefix_words is not None:
            alternatives = alternatives + _completions(words[-1], thesaurus, prefix_words)
        clauses.append(_distinct(alternatives))
    return tuple(clauses)


def _completions(start, thesaurus, prefix_words):
    if len(start) < PREFIX_MIN_LENGTH:
        return []
    completions = []
    for word in prefix_words(start)[:PREFIX_MAX_WORDS]:
        found = thesaurus.match([_stem(word)], 0) if thesaurus else None
        completions += found[1] if found and found[0] == 1 else [(word,)]
    return completions


def _distinct(alternatives):
    """The alternatives less those that match the same stems as an earlier one."""
    seen, kept = set(), []
    for words in alternatives:
        key = frozenset(_stem(word) for word in words)
        if key not in seen:
            seen.add(key)
            kept.append(tuple(words))
    return tuple(kept)


def _fts5_expression(clauses):
    """SQLite FTS5: ``("cantin" OR ("restaur" AND "scolair")) AND ("parent")``."""
    return " AND ".join(
        "("
        + " OR ".join(
            "(" + " AND ".join(f'"{_stem(word)}"' for word in words) + ")" for words in clause
        )
        + ")"
        for clause in clauses
    )


def _tsquery_expression(clauses):
    """PostgreSQL ``to_tsquery``: ``('cantine' | ('restauration' & 'scolaire')) & ('parents')``;
    PostgreSQL stems each word with the configuration that built the vectors."""
    return " & ".join(
        "("
        + " | ".join("(" + " & ".join(f"'{word}'" for word in words) + ")" for words in clause)
        + ")"
        for clause in clauses
    )


SQLITE_MATCHING = "SELECT rowid FROM action_search_fts WHERE action_search_fts MATCH %s"


def _sqlite_matching(clauses, columns):
    """For each FTS5 column, the condition that a fiche's column meets every clause."""
    expression = _fts5_expression(clauses)
    return [
        In(F("pk"), RawSQL(SQLITE_MATCHING, [f"{column} : ({expression})"])) for column in columns
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


def matching(text, *, thesaurus=None, prefix_words=None):
    """The ``Match`` of a search for ``text`` (see ``plan`` for the keywords)."""
    clauses = plan(text, thesaurus=thesaurus, prefix_words=prefix_words)
    if not clauses:
        return Match(None, None)
    if connection.vendor == "postgresql":
        query = SearchQuery(_tsquery_expression(clauses), config=CONFIG, search_type="raw")
        return Match(
            SearchVectorExact(F("search_vector"), query),
            SearchVectorExact(F("search_title_vector"), query),
        )
    return Match(*_sqlite_matching(clauses, ["terms", "title"]))
