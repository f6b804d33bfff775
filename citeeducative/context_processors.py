from django.conf import settings
from django.db import DatabaseError

from .models import CiteEducative


def cite(request):
    """The Cité éducative every page names (``cite``), None before the first load, and None
    too while the database is out of reach: the page that says so must still be drawn."""
    try:
        return {"cite": CiteEducative.objects.current()}
    except DatabaseError:
        return {"cite": None}


def page_address(request):
    """``site_url`` (``SITE_URL``, the public address) and the page's ``canonical_url``: its
    path at that address, without the query string (searches and filters show fiches that
    have their own pages), except the page number of an unfiltered list. From ``SITE_URL``
    rather than the request: pages are cached whatever the host they were asked under."""
    query = ""
    page = request.GET.get("page", "")
    if list(request.GET) == ["page"] and page.isdigit() and int(page) > 1:
        query = f"?page={int(page)}"
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path + query,
    }
