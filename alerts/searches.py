"""A followed search: stored as a query string of the catalogue's own parameters, read back
with the catalogue's own FilterSet, so that a digest finds what the catalogue would."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from actions.filters import ActionFilterSet
from actions.models import Action

# What a followed search keeps of the catalogue's parameters: not its sort nor its page.
PARAMETERS = [name for name in ActionFilterSet.base_filters if name != "tri"]


def canonical_query(data):
    """The search of ``data`` (a QueryDict) as stored: its criteria only, each value once and
    sorted, so that two ways of writing one search make one subscription."""
    pairs = []
    for name in PARAMETERS:
        values = sorted({value.strip() for value in data.getlist(name) if value.strip()})
        pairs += [(name, value) for value in values]
    return urlencode(pairs)


def search(query, queryset=None):
    """The catalogue's FilterSet for a stored ``query``, over published fiches by default."""
    if queryset is None:
        queryset = Action.objects.published()
    return ActionFilterSet(QueryDict(query), queryset=queryset)


def criteria(query):
    """The labels of what ``query`` asks for ("« parents »", "Secteur : Secteur Nord"), or
    None when a criterion is not valid (any more)."""
    filterset = search(query)
    if not filterset.form.is_valid():
        return None
    return [label for _name, _value, label in filterset.criteria()]


def catalogue_url(query):
    return reverse("actions:list") + (f"?{query}" if query else "")
