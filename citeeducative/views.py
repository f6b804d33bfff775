import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

from actions.models import Action, Axe, Network, Programmation

from .caching import cache_public_page
from .models import CiteEducative


@cache_public_page
def home(request):
    """The key figures are those of the current programmation, as the catalogue shows it."""
    programmation = Programmation.objects.current()
    published = Q(actions__status=Action.Status.PUBLISHED, actions__programmation=programmation)
    axes = Axe.objects.annotate(published_count=Count("actions", filter=published))
    context = {
        "programmation": programmation,
        "axes": axes,
        "action_count": Action.objects.published().filter(programmation=programmation).count(),
        "network_count": Network.objects.count(),
    }
    return render(request, "home.html", context)


@require_safe
def theme_css(request):
    """The Cité éducative's colours as CSS variables, after the site's stylesheet: the look is
    data (``CiteEducative``), and the CSP allows no inline style. The link carries the colour,
    so a browser may keep this for a year."""
    cite = CiteEducative.objects.current()
    css = ""
    if cite is not None:
        css = f":root {{ --brand: {cite.brand_colour}; --brand-dark: {cite.brand_dark_colour}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
def robots_txt(request):
    """Robots may read every public page and the open data; the back office is not for them.
    The sitemap lists the pages, at the public address."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def request_too_long(request):
    """The proxy's answer to an address too long for it (414), asked of the site in French by
    an internal redirect (nginx ``error_page 414``, see the README): gunicorn and the proxy
    would each answer with a page of their own, in English."""
    return render(request, "414.html", status=414)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the static file answers (under
    its hashed name in production, hence a temporary redirect)."""
    return HttpResponseRedirect(static("img/favicon.ico"))


def server_error(request):
    """A database out of reach is a French 503 that invites to come back, not a 500. Django
    opens a new connection at the next request: the site recovers by itself."""
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return default_server_error(request)
