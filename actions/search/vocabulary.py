"""The words the catalogue's search knows besides a fiche's own: the index's vocabulary (for
prefixes and "Vouliez-vous dire …") and the coordinators' thesaurus, read once per catalogue
version (``citeeducative.caching.catalogue_version``)."""

import html

from django.core.cache import cache
from django.db.models.functions import Length

from citeeducative.caching import catalogue_version
from citeeducative.text import fold

from ..models import SearchWord, ThesaurusEntry
from ..models.search import split_expressions
from .query import PREFIX_MAX_WORDS, WORD, matching, searchable_words
from .suggestions import Lexicon
from .thesaurus import Thesaurus

WORD_MAX_LENGTH = SearchWord._meta.get_field("word").max_length


def word_spellings(texts):
    """{folded word: spelling} of the words of ``texts`` a search reads, spelt with accents
    where one spelling has them ("ecole" and "école": "école")."""
    spellings = {}
    for text in texts:
        text = html.unescape(text)
        searched = set(searchable_words(text))
        for token in WORD.findall(text):
            word, spelling = fold(token), token.lower()
            if word not in searched or len(word) < 3 or len(word) > WORD_MAX_LENGTH:
                continue
            if word.isdigit() or spellings.get(word, word) != word:
                continue
            spellings[word] = spelling
    return spellings


def record_words(texts):
    """Add the words of ``texts`` (the documents just indexed) to the vocabulary."""
    rows = [
        SearchWord(word=word, spelling=spelling) for word, spelling in word_spellings(texts).items()
    ]
    SearchWord.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def prefix_words(start):
    """The words of the index that begin with ``start`` (folded), shortest first."""
    words = SearchWord.objects.filter(word__startswith=start).order_by(Length("word"), "word")
    return list(words.values_list("word", flat=True)[:PREFIX_MAX_WORDS])


def _cached(name, build):
    key = f"search:{name}:{catalogue_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=None)
    return value


def thesaurus():
    """The coordinators' thesaurus, queried once per catalogue version."""
    return _cached(
        "thesaurus",
        lambda: Thesaurus(
            split_expressions(expressions)
            for expressions in ThesaurusEntry.objects.values_list("expressions", flat=True)
        ),
    )


def lexicon():
    """The index's words and the thesaurus's, built once per catalogue version."""

    def build():
        spellings = dict(SearchWord.objects.values_list("word", "spelling"))
        entries = ThesaurusEntry.objects.values_list("expressions", flat=True)
        for word, spelling in word_spellings(entries).items():
            spellings.setdefault(word, spelling)
        return Lexicon(spellings)

    return _cached("lexicon", build)


def catalogue_matching(text):
    """The catalogue's search for ``text``: with the thesaurus, the last word as a prefix."""
    return matching(text, thesaurus=thesaurus(), prefix_words=prefix_words)


def suggestion(text):
    """A spelling of ``text`` from the index's own words, or None (see ``Lexicon.suggest``)."""
    return lexicon().suggest(text)
