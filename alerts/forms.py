from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from . import searches


class SubscriptionForm(forms.Form):
    """An address and the catalogue's query string of the search it wants to follow."""

    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    recherche = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean_recherche(self):
        """The search as stored (``searches.canonical_query``), if the catalogue accepts it."""
        query = searches.canonical_query(QueryDict(self.cleaned_data["recherche"]))
        if searches.criteria(query) is None:
            raise forms.ValidationError(
                _("Cette recherche contient un critère inconnu : corrigez-la dans le catalogue.")
            )
        return query
