"""The "Ajouter à ma sélection" button of a fiche, on its card and on its page.

The same markup for every visitor, so that it can be cached: a form that adds the fiche, which
``static/js/selection.js`` turns into a button that adds or removes it in place."""

from html import escape

from django.urls import reverse
from django.utils.translation import gettext

from citeeducative.csrf import CSRF_FIELD


def toggle_urls():
    """The addresses the forms post to, to look up once for a page of cards."""
    return reverse("selection:add"), reverse("selection:remove")


def toggle_form(action, urls=None):
    """The form of ``action`` (a published fiche), as HTML with every value escaped; ``urls``
    from ``toggle_urls()``."""
    add_url, remove_url = urls or toggle_urls()
    title = escape(action.title)
    return (
        f'<form class="selection-toggle" method="post" action="{add_url}"'
        f' data-selection-toggle data-fiche-id="{action.pk}"'
        f' data-remove-url="{remove_url}">'
        f"{CSRF_FIELD}"
        f'<input type="hidden" name="fiche" value="{escape(action.slug)}">'
        '<button type="submit" class="selection-toggle__button">'
        f'<span data-when="out">{escape(gettext("Ajouter à ma sélection"))}</span>'
        f'<span data-when="in" hidden>{escape(gettext("Retirer de ma sélection"))}</span>'
        f'<span class="visually-hidden"> : {title}</span>'
        "</button></form>"
    )
