"""French full-text search that gives the same answers on PostgreSQL and SQLite.

Both databases see the same text, cut the same way: accents folded, lower case, French stop words
dropped, words reduced to their Snowball stem ("évitements" -> "evit"). PostgreSQL does it with
the ``french_unaccent`` text search configuration (unaccent, then french_stem) over a weighted
``search_vector`` with a GIN index; SQLite matches the same stems, stored in ``search_terms``.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
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


def terms(text):
    """The stems PostgreSQL's ``french_unaccent`` configuration would index for ``text``."""
    words = [word for word in WORD.findall(_fold(text)) if word not in _stop_words()]
    return _stemmer().stemWords(words)


def _joined(text):
    # Padded with spaces so that a stem is matched as a whole word: " evit ".
    return f" {' '.join(terms(text))} "


def document(action):
    """The searchable text of a fiche by weight: A title, B objectives and publics,
    C description, partners, operators and contact names. ``action`` is loaded
    ``for_detail()`` so that this costs no query."""
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


def refresh(actions):
    """Rebuild the search columns of these fiches (loaded ``for_detail()``)."""
    from .models import Action

    for action in actions:
        weighted = document(action)
        values = {
            "search_title_terms": _joined(weighted["A"]),
            "search_terms": _joined(" ".join(weighted.values())),
        }
        if connection.vendor == "postgresql":
            values["search_vector"] = _vector(weighted)
        Action.objects.filter(pk=action.pk).update(**values)


def _vector(weighted):
    vectors = [
        SearchVector(Value(text), weight=weight, config=CONFIG) for weight, text in weighted.items()
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


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
    matches = Q()
    title_hits = []
    for stem in stems:
        matches &= Q(search_terms__contains=f" {stem} ")
        title_hits.append(Case(When(search_title_terms__contains=f" {stem} ", then=1), default=0))
    rank = sum(title_hits[1:], title_hits[0])
    return queryset.filter(matches).annotate(
        search_rank=Coalesce(rank, 0, output_field=IntegerField())
    )
