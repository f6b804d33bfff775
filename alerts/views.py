from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from citeeducative.caching import cache_public_page

from . import searches, services
from .forms import SubscriptionForm
from .tokens import CONFIRM, UNSUBSCRIBE, LinkGone, subscription_for


def _gone(request):
    return render(request, "alerts/link_gone.html", status=410)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET: the form for the search of the query string; POST: the request to follow it."""
    if request.method == "GET":
        query = searches.canonical_query(request.GET)
        form = SubscriptionForm(initial={"recherche": query})
        return _subscribe_page(request, form, query)
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        query = searches.canonical_query(QueryDict(request.POST.get("recherche", "")))
        return _subscribe_page(request, form, query, status=400)
    services.subscription_request(
        email=form.cleaned_data["email"], query=form.cleaned_data["recherche"]
    )
    # The same answer whether a mail left or not: the page tells nobody who follows what.
    context = {
        "email": services.normalised_email(form.cleaned_data["email"]),
        "criteria": searches.criteria(form.cleaned_data["recherche"]),
    }
    return render(request, "alerts/subscription_requested.html", context)


def _subscribe_page(request, form, query, status=200):
    context = {
        "form": form,
        "criteria": searches.criteria(query),
        "search_url": searches.catalogue_url(query),
    }
    return render(request, "alerts/subscribe.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links: only a person confirms); POST confirms."""
    try:
        subscription = subscription_for(token, CONFIRM)
    except LinkGone:
        return _gone(request)
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription)
    context = {
        "subscription": subscription,
        "criteria": searches.criteria(subscription.query),
        "search_url": searches.catalogue_url(subscription.query),
    }
    return render(request, "alerts/confirm.html", context)


@never_cache
@csrf_exempt  # One-click unsubscribing (RFC 8058) posts from the mail client; the link is the key.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows the buttons; POST deletes the address for this search, or every search."""
    try:
        subscription = subscription_for(token, UNSUBSCRIBE)
    except LinkGone:
        return _gone(request)
    if request.method == "POST":
        every_search = request.POST.get("portee") == "toutes"
        services.subscription_delete(subscription=subscription, every_search=every_search)
        return render(request, "alerts/unsubscribed.html", {"every_search": every_search})
    context = {"subscription": subscription, "criteria": searches.criteria(subscription.query)}
    return render(request, "alerts/unsubscribe.html", context)


@cache_public_page
def privacy(request):
    return render(request, "alerts/privacy.html")
