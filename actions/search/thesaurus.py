"""The field's thesaurus as the search reads it: plain data, no model (``vocabulary.thesaurus``
builds it from the coordinators' ``ThesaurusEntry`` rows and caches it)."""

from .query import searchable_words, stem


class Thesaurus:
    """Groups of equivalent expressions ("cantine" / "restauration scolaire"). A searched
    expression is matched on its stems, so "collégienne" meets the group of "collégiens"."""

    def __init__(self, groups):
        self._groups = []
        self._by_first_stem = {}
        for group in groups:
            expressions = [tuple(searchable_words(text)) for text in group]
            expressions = [words for words in expressions if words]
            if len(expressions) < 2:
                continue
            index = len(self._groups)
            self._groups.append(expressions)
            for words in expressions:
                stems = tuple(stem(word) for word in words)
                self._by_first_stem.setdefault(stems[0], []).append((stems, index))
        for candidates in self._by_first_stem.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def __bool__(self):
        return bool(self._groups)

    def match(self, stems, start):
        """The longest expression of the thesaurus that the searched ``stems`` hold from
        ``start`` on: (its length in words, every expression of its groups), or None."""
        candidates = self._by_first_stem.get(stems[start], [])
        for expression, _ in candidates:
            if tuple(stems[start : start + len(expression)]) == expression:
                groups = [index for other, index in candidates if other == expression]
                equivalents = [words for index in groups for words in self._groups[index]]
                return len(expression), equivalents
        return None

    def words(self):
        """Every word the thesaurus names, folded."""
        return {word for group in self._groups for words in group for word in words}
