"""What a cell holds, cleaned and written back: text, whole and decimal numbers, choices,
yes/no, dates."""

import contextlib
import datetime
import re
from decimal import Decimal, InvalidOperation

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


# Decimal numbers as people type them in French: "1 234,50 €", "1234.5", "12,5 %".
DECIMAL_GROUPING = str.maketrans("", "", " \u00a0\u202f'")
DECIMAL_SHAPE = re.compile(r"[+-]?\d+(\.\d+)?")


def parse_decimal(text):
    """The number a cell holds, or None when it is empty. A comma or a point separates the
    decimals; spaces (also non-breaking), apostrophes, a euro or per-cent sign are ignored;
    with both a point and a comma, the last one separates the decimals."""
    if isinstance(text, bool):
        text = str(text)
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    cleaned = cell_text(text).removesuffix("€").removesuffix("%").translate(DECIMAL_GROUPING)
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        thousands = "." if cleaned.rindex(",") > cleaned.rindex(".") else ","
        cleaned = cleaned.replace(thousands, "")
    cleaned = cleaned.replace(",", ".")
    if not DECIMAL_SHAPE.fullmatch(cleaned):
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": cell_text(text)})
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text}) from None


def format_decimal(value):
    """A number written the French way, without trailing zeros: Decimal("1234.50") -> "1234,5"."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


class DecimalWidget(widgets.Widget):
    """A decimal number (an amount, a measure), read as ``parse_decimal`` reads it; written as
    a number (a number cell in XLSX and ODS)."""

    def clean(self, value, row=None, **kwargs):
        return parse_decimal(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


def parse_moment(value):
    """The date, or the date and time (naive, local), a cell holds: a spreadsheet's own date
    cell or text written "2024-03-05", "2024-03-05 14:30:00" or "05/03/2024"; None when it
    holds neither."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for shape in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"):
        with contextlib.suppress(ValueError):
            return datetime.datetime.strptime(text, shape)
    for shape in ("%Y-%m-%d", "%d/%m/%Y"):
        with contextlib.suppress(ValueError):
            return datetime.datetime.strptime(text, shape).date()
    return None
