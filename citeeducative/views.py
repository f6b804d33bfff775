import sys

from django.db import InterfaceError, OperationalError
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.defaults import server_error as default_server_error

from actions.caching import cache_public_page
from actions.models import Action, Axe, CiteEducative, Network


@cache_public_page
def home(request):
    published = Q(actions__status=Action.Status.PUBLISHED)
    axes = Axe.objects.annotate(published_count=Count("actions", filter=published))
    context = {
        "axes": axes,
        "action_count": Action.objects.published().count(),
        "network_count": Network.objects.count(),
        "cite": CiteEducative.objects.first(),
    }
    return render(request, "home.html", context)


def server_error(request):
    """A database out of reach is a French 503 that invites to come back, not a 500. Django
    opens a new connection at the next request: the site recovers by itself."""
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return default_server_error(request)
