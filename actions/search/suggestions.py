"""'Vouliez-vous dire …': a misspelt search put right from the index's own words. Plain data,
no model: ``vocabulary.lexicon`` builds the ``Lexicon`` and caches it."""

import bisect
import difflib

from citeeducative.text import fold

from .query import WORD, searchable_words, stem

# How alike a typed word and a word of the index must be (difflib's ratio) to be offered
# in its place: "decrochage" for "decrochaje" is 0.9, "parent" for "parant" 0.83.
CLOSENESS = 0.75


class Lexicon:
    """The words a search can find, folded, with their spelling ("decrochage" -> "décrochage")."""

    def __init__(self, spellings):
        self._spellings = dict(spellings)
        self._sorted = sorted(self._spellings)
        self._stems = {stem(word) for word in self._spellings}
        self._by_length = {}
        for word in self._sorted:
            self._by_length.setdefault(len(word), []).append(word)

    def knows(self, word):
        """Whether ``word`` (folded) is found, or starts a word that is."""
        if stem(word) in self._stems:
            return True
        position = bisect.bisect_left(self._sorted, word)
        return position < len(self._sorted) and self._sorted[position].startswith(word)

    def closest(self, word):
        """The spelling of the word of the index closest to ``word``, or None."""
        candidates = [
            candidate
            for length in range(len(word) - 2, len(word) + 3)
            for candidate in self._by_length.get(length, [])
        ]
        found = difflib.get_close_matches(word, candidates, n=1, cutoff=CLOSENESS)
        return self._spellings[found[0]] if found else None

    def suggest(self, text):
        """``text`` with each word the index does not know replaced by its closest word, or
        None when no word could be put right."""
        searched = set(searchable_words(text))
        changed = False

        def put_right(match):
            nonlocal changed
            word = fold(match.group())
            if word not in searched or len(word) < 3 or word.isdigit() or self.knows(word):
                return match.group()
            replacement = self.closest(word)
            if replacement is None:
                return match.group()
            changed = True
            return replacement

        suggestion = WORD.sub(put_right, text)
        return suggestion if changed else None
