"""The import preview's cells: what changes, marked, in a row short enough to read."""

from diff_match_patch import diff_match_patch
from django.utils.encoding import force_str
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from import_export.resources import Diff


class PreviewDiff(Diff):
    """The preview's cells, short enough to read a whole row: what changes in full (inserted
    and deleted text marked), the unchanged text around it and unchanged cells shortened."""

    SHORT = 90

    def as_html(self):
        return [
            self._cell(force_str(before), force_str(after))
            for before, after in zip(self.left, self.right, strict=True)
        ]

    def _cell(self, before, after):
        if self.new or before == after:
            return self._text(Truncator(after).chars(self.SHORT))
        engine = diff_match_patch()
        parts = engine.diff_main(before, after)
        engine.diff_cleanupSemantic(parts)
        html = []
        for operation, text in parts:
            if operation == engine.DIFF_INSERT:
                html.append(format_html("<ins>{}</ins>", self._text(text)))
            elif operation == engine.DIFF_DELETE:
                html.append(format_html("<del>{}</del>", self._text(text)))
            else:
                html.append(self._text(self._elided(text)))
        return mark_safe("".join(html))

    def _elided(self, text):
        if len(text) <= self.SHORT:
            return text
        half = self.SHORT // 2 - 1
        return f"{text[:half]} … {text[-half:]}"

    @staticmethod
    def _text(text):
        # Line breaks shown, as in the spreadsheet's cell.
        return mark_safe(escape(text).replace("\n", "<br>"))
