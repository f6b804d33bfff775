"""The fiches a visitor has chosen, kept in a signed cookie of their ids (no account, nothing
stored on the server). The cookie is readable by the page's script, which marks the chosen
fiches of a cached page; a forged or altered cookie reads as an empty selection."""

from datetime import timedelta

from django.conf import settings

COOKIE = "selection"
SALT = "selection.chosen"
# The most fiches a selection, and so a booklet, holds: 60 fiches make a booklet of some 150
# pages, rendered in well under the time limit of a PDF.
MAX_FICHES = 60
MAX_AGE = timedelta(days=365)


def chosen_ids(request):
    """The ids of the chosen fiches, in the order they were chosen."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=MAX_AGE)
    ids = []
    for part in value.split("."):
        if part.isdigit() and int(part) not in ids:
            ids.append(int(part))
    return ids[:MAX_FICHES]


def keep(response, ids):
    """Store ``ids`` as the visitor's selection on ``response``."""
    if not ids:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        COOKIE,
        ".".join(str(pk) for pk in ids[:MAX_FICHES]),
        salt=SALT,
        max_age=MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
