"""French full-text search that gives the same answers on PostgreSQL and SQLite.

Both databases see the same text, cut the same way: accents folded, lower case, French stop words
dropped, words reduced to their Snowball stem ("évitements" -> "evit"). PostgreSQL does it with
the ``french_unaccent`` text search configuration (unaccent, then french_stem) over a weighted
``search_vector`` with a GIN index; SQLite matches the same stems, stored in ``search_terms`` and
indexed with FTS5.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
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
    table = connection.ops.quote_name(Action._meta.db_table)
    pk = connection.ops.quote_name(Action._meta.pk.column)
    sql = f"UPDATE {table} SET {', '.join(columns)} WHERE {pk} = %s"
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), chunk_size):
        chunk = Action.objects.filter(pk__in=pks[start : start + chunk_size])
        rows = []
        for action in chunk.prefetch_related(*DOCUMENT_RELATIONS):
            weighted = document(action)
            row = [_joined(weighted["A"]), _joined(" ".join(weighted.values()))]
            if postgresql:
                for weight in "ABC":
                    row += [CONFIG, weighted[weight]]
            rows.append([*row, action.pk])
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return len(pks)


def search(queryset, text):
    """Fiches matching every searchable word of ``text``, annotated with ``search_rank``."""
    stems = terms(text)
    if not stems:
        return queryset.annotate(search_rank=Value(0.0))
    if connection.vendor == "postgresql":
        # PostgreSQL stems the raw words itself, with the configuration that built the vectors.
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        return queryset.filter(search_vector=query).annotate(
            search_rank=SearchRank(F("search_vector"), query)
        )
    # SQLite: the FTS5 index of the same stems (migration 0005) finds the fiches having them
    # all; the title's stems rank the matches.
    match = " ".join(f'"{stem}"' for stem in stems)
    matching = RawSQL("SELECT rowid FROM action_search_fts WHERE terms MATCH %s", [match])
    title_hits = [
        Case(When(search_title_terms__contains=f" {stem} ", then=1), default=0) for stem in stems
    ]
    rank = sum(title_hits[1:], title_hits[0])
    return queryset.filter(pk__in=matching).annotate(
        search_rank=Coalesce(rank, 0, output_field=IntegerField())
    )
