"""Amounts and measures in the back office, typed as coordinators write them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from spreadsheets.cells import parse_decimal


class FrenchDecimalField(forms.DecimalField):
    """A decimal read as in the spreadsheets ("1 234,50 €", "1234.5"), shown the French way
    ("1234,5"); the model's limits (digits, decimals, not negative) still apply."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "size": 10}


FRENCH_DECIMALS = {models.DecimalField: {"form_class": FrenchDecimalField}}
NARROW_TEXT = {models.CharField: {"widget": forms.TextInput(attrs={"size": 20})}}
# A follow-up's few sentences, in a block that leaves room for the next year's.
SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}
