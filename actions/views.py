from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from citeeducative.caching import cache_public_page
from citeeducative.csrf import personal_csrf_tokens

from .filters import ActionFilterSet
from .models import Action, current_among
from .programmations import archive_label, catalogue_programmations
from .search.vocabulary import suggestion


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
    """Each criterion of the search as a chip: its label and the query without it."""
    return [(label, _without(query, name, value)) for name, value, label in filterset.criteria()]


def _spelling_suggestion(request, filterset):
    """("décrochage", its query string) when a search found nothing and the index's own words
    put it right into a search that finds something, with the same filters; else None."""
    suggested = suggestion(filterset.form.cleaned_data["q"])
    if suggested is None:
        return None
    query = request.GET.copy()
    query.pop("page", None)
    query["q"] = suggested
    if not ActionFilterSet(query, queryset=Action.objects.published()).listing().count():
        return None
    return suggested, query.urlencode()


@personal_csrf_tokens
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
        "archive": archive_label(filterset.shown_programmation) if filterset.is_archive else "",
        "grouped_by_axe": filterset.form.cleaned_data.get("tri") in ("", None, "numero")
        and not filterset.searching,
        "query": query,
        # What a fiche's link carries so that the fiche can lead back to these results.
        "fiche_query": f"retour={quote(query, safe='')}" if query else "",
        "suggestion": _spelling_suggestion(request, filterset)
        if filterset.searching and not page.paginator.count
        else None,
    }
    if request.headers.get("HX-Request"):
        return render(request, "actions/includes/catalogue_results.html", context)
    return render(request, "actions/action_list.html", context)


@personal_csrf_tokens
@cache_public_page
def detail(request, slug):
    action = get_object_or_404(Action.objects.visible_to(request.user).for_detail(), slug=slug)
    siblings = Action.objects.published().filter(programmation=action.programmation_id)
    # Its lineage across programmations: what it continues, what continues it (published
    # fiches only, for the public).
    lineage = (
        Action.objects.visible_to(request.user)
        .select_related("programmation")
        .only("number", "slug", "title", "programmation__start_year", "programmation__end_year")
        .order_by("programmation__start_year", "number")
    )
    current = current_among(catalogue_programmations())
    context = {
        "action": action,
        "archive": archive_label(action.programmation)
        if current is not None and action.programmation_id != current.pk
        else "",
        "predecessors": lineage.filter(successors=action),
        "successors": lineage.filter(predecessors=action),
        "previous": siblings.filter(number__lt=action.number).order_by("-number").first(),
        "next": siblings.filter(number__gt=action.number).order_by("number").first(),
        "back_query": request.GET.get("retour", "")[:1000],
    }
    return render(request, "actions/action_detail.html", context)
