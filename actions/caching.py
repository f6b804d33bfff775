"""One version number for everything the public pages show: any change to a fiche, what it
links to, or the seminar bumps it, and every cached page, option list or livret keyed on the
old number is simply never read again."""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "catalogue:version"
PAGE_TIMEOUT = 24 * 3600


def catalogue_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def catalogue_changed():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def cache_public_page(view):
    """Serve a public page from the cache to anonymous visitors. Signed-in coordinators see
    drafts and editorial notes, so their pages are never cached nor served from the cache."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        variant = "htmx" if request.headers.get("HX-Request") else "page"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{catalogue_version()}:{variant}:{path}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            if hasattr(response, "render"):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return cached_view
