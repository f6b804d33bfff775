"""What a cell holds, cleaned and written back: text, whole numbers, choices, yes/no."""

import re

from django.utils.translation import gettext as _
from import_export import widgets

from citeeducative.text import fold


def lines(text):
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int):
            return value
        text = cell_text(value)
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise ValueError(_("« %(value)s » n'est pas un nombre entier.") % {"value": text})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ChoiceWidget(widgets.Widget):
    """A choice written with its French label ("Publiée"); its code is accepted too."""

    def __init__(self, choices, default=None):
        super().__init__()
        self.choices = choices
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.default is None:
                raise ValueError(_("valeur obligatoire (%(choices)s).") % self._listed())
            return self.default
        for choice in self.choices:
            if fold(text) in (fold(choice.value), fold(choice.label)):
                return choice.value
        raise ValueError(
            _("valeur inconnue « %(value)s » (valeurs possibles : %(choices)s).")
            % {"value": text, **self._listed()}
        )

    def _listed(self):
        return {"choices": ", ".join(f"« {choice.label} »" for choice in self.choices)}

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class BooleanWidget(widgets.Widget):
    TRUE = {"oui", "o", "vrai", "x", "1", "true", "yes"}
    FALSE = {"non", "n", "faux", "0", "false", "no", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = fold(cell_text(value))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("« %(value)s » : écrire « oui » ou « non ».") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("oui") if value else _("non")
