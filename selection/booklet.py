"""The selection as a PDF booklet: the livret's cover, contents, fiches and index of contacts,
for the chosen fiches only (``livret.rendering``, rendered by ``pdfs``)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from livret import rendering


def unknown_notice(unknown):
    """What a booklet or a page says of the identifiers that matched no published fiche."""
    return ngettext(
        "Une fiche demandée n'existe pas ou n'est pas publiée : %(slugs)s.",
        "%(count)d fiches demandées n'existent pas ou ne sont pas publiées : %(slugs)s.",
        len(unknown),
    ) % {"count": len(unknown), "slugs": ", ".join(unknown)}


def selection_booklet(actions, *, unknown=()):
    """The PDF of the published fiches among ``actions`` (a queryset); ``unknown``, the
    identifiers asked for that matched none, are named at the top of the contents."""
    html = rendering.livret_html(
        actions=actions.published(),
        title=_("Ma sélection de fiches action"),
        notice=unknown_notice(unknown) if unknown else "",
    )
    return rendering.livret_pdf(html)
