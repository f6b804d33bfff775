from urllib.parse import quote

import django_filters
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from citeeducative.caching import cache_public_page

from .filters import ActionFilterSet
from .models import Action

# The filters on linked records, shown as removable chips in the order of the form.
CHIP_FILTERS = [
    name
    for name, field in ActionFilterSet.base_filters.items()
    if isinstance(field, django_filters.ModelMultipleChoiceFilter)
]


def _without(query, name, value=None):
    """The catalogue's query string less one filter value (or the whole filter) and the page."""
    query = query.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [item for item in query.getlist(name) if item != value])
    return query.urlencode()


def _active_filters(filterset, query):
    data = filterset.form.cleaned_data
    chips = []
    if data.get("q"):
        chips.append((f"« {data['q']} »", _without(query, "q")))
    if data.get("age") is not None:
        chips.append((f"{int(data['age'])} ans", _without(query, "age")))
    for name in CHIP_FILTERS:
        label = filterset.filters[name].label
        for choice in data.get(name) or []:
            chips.append((f"{label} : {choice}", _without(query, name, choice.slug)))
    return chips


@cache_public_page
def catalogue(request):
    filterset = ActionFilterSet(request.GET, queryset=Action.objects.published().for_listing())
    listing = filterset.listing()
    query = _without(request.GET, "page")
    page = Paginator(listing, settings.CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "more_than_listed": listing.truncated,
        "filter": filterset,
        "page": page,
        "chips": _active_filters(filterset, request.GET),
        "grouped_by_axe": filterset.form.cleaned_data.get("tri") in ("", None, "numero")
        and not filterset.searching,
        "query": query,
        # What a fiche's link carries so that the fiche can lead back to these results.
        "fiche_query": f"retour={quote(query, safe='')}" if query else "",
    }
    if request.headers.get("HX-Request"):
        return render(request, "actions/includes/catalogue_results.html", context)
    return render(request, "actions/action_list.html", context)


@cache_public_page
def detail(request, slug):
    action = get_object_or_404(Action.objects.visible_to(request.user).for_detail(), slug=slug)
    siblings = Action.objects.published().filter(programmation=action.programmation_id)
    context = {
        "action": action,
        "previous": siblings.filter(number__lt=action.number).order_by("-number").first(),
        "next": siblings.filter(number__gt=action.number).order_by("number").first(),
        "back_query": request.GET.get("retour", "")[:1000],
    }
    return render(request, "actions/action_detail.html", context)
