"""Why an import is refused, in French: errors of the whole file, and each row's messages
prefixed by the line and column they are about."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export.results import Error


class ImportProblem(Error):
    """An error of a whole import, shown as French sentences rather than a traceback."""

    @property
    def messages(self):
        if isinstance(self.error, ValidationError):
            return self.error.messages
        return [_("Erreur inattendue : %(error)s") % {"error": self.error}]


def located(error, line, column_label):
    """``error`` with each message prefixed by the ``line`` and column it is about, and keyed
    by the column's name, ``column_label(key)`` (the preview shows the key above the
    messages)."""
    messages = {}
    for key, messages_ in error.message_dict.items():
        if key == NON_FIELD_ERRORS:
            messages.setdefault(NON_FIELD_ERRORS, []).extend(
                _("Ligne %(line)d : %(message)s") % {"line": line, "message": message}
                for message in messages_
            )
            continue
        column = column_label(key)
        messages.setdefault(column, []).extend(
            _("Ligne %(line)d, colonne « %(column)s » : %(message)s")
            % {"line": line, "column": column, "message": message}
            for message in messages_
        )
    return ValidationError(messages)
