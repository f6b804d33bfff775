"""Forms on the pages served from the public page cache (``caching.cache_public_page``).

A cached page is the same for every visitor, while Django's CSRF token is each visitor's own.
A form on such a page carries ``PLACEHOLDER`` where its token goes (``{% personal_csrf_token %}``
in a template, ``CSRF_FIELD`` in Python), and the view, decorated with ``personal_csrf_tokens``
outside the cache, puts the visitor's own token there in every response, cached or not.
"""

from functools import wraps

from django.middleware.csrf import get_token

PLACEHOLDER = "csrf-token-of-this-visitor"
CSRF_FIELD = f'<input type="hidden" name="csrfmiddlewaretoken" value="{PLACEHOLDER}">'


def personal_csrf_tokens(view):
    @wraps(view)
    def personalised_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(response, "streaming", False) or not hasattr(response, "content"):
            return response
        placeholder = PLACEHOLDER.encode()
        if placeholder in response.content:
            token = get_token(request).encode()
            response.content = response.content.replace(placeholder, token)
        return response

    return personalised_view
