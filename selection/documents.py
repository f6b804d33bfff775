"""The selection as a PDF booklet: the livret's cover, contents, fiches and index of contacts,
for the chosen fiches only, made by the task worker (``editions``). Key: a digest of the
identifiers asked for, in any order; the booklet is made again when the catalogue changes."""

import hashlib

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import Action
from citeeducative.caching import on_catalogue_change
from editions.kinds import DocumentKind
from livret.rendering import livret_document


def unknown_notice(unknown):
    """What a booklet or a page says of the identifiers that matched no published fiche."""
    return ngettext(
        "Une fiche demandée n'existe pas ou n'est pas publiée : %(slugs)s.",
        "%(count)d fiches demandées n'existent pas ou ne sont pas publiées : %(slugs)s.",
        len(unknown),
    ) % {"count": len(unknown), "slugs": ", ".join(unknown)}


def build_booklet(key, *, slugs):
    """The published fiches among ``slugs``; those that matched none are named at the top of
    the contents."""
    actions = Action.objects.published().filter(slug__in=slugs)
    found = set(actions.values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in found]
    return livret_document(
        actions=actions,
        title=_("Ma sélection de fiches action"),
        notice=unknown_notice(unknown) if unknown else "",
    )


def booklet_key(slugs):
    return hashlib.sha256(",".join(sorted(set(slugs))).encode()).hexdigest()[:32]


BOOKLET = DocumentKind("ma-selection", build_booklet, keep=1, keep_days=1)


@on_catalogue_change
def refresh_booklets(sender, instance, signal):
    BOOKLET.refresh_all()
