"""The PDF documents of the livret app, made by the task worker (``editions``).

- ``LIVRET``: a seminar's livret (key: the seminar's id), published fiches only; made ahead of
  need: any change to the catalogue refreshes it (``livret.freshness``).
- ``PREVIEW``: the same with the drafts, marked; one-off, for coordinators.
- ``FICHE``: one fiche alone (key: the fiche's id); refreshed when the catalogue changes once it
  has been asked for.
- ``SELECTION``: the fiches a coordinator ticked (key: a digest of their ids); one-off.
"""

import hashlib

from django.utils.translation import gettext as _

from actions.models import Action
from editions.kinds import DocumentError, DocumentKind

from .models import Seminar
from .rendering import livret_document


def _seminar(key):
    seminar = Seminar.objects.select_related("programmation").filter(pk=key).first()
    if seminar is None:
        raise DocumentError(_("Ce séminaire n'existe plus."))
    return seminar


def build_livret(key):
    return livret_document(seminar=_seminar(key))


def build_preview(key):
    return livret_document(seminar=_seminar(key), include_drafts=True)


def build_fiche(key):
    action = Action.objects.filter(pk=key).first()
    if action is None:
        raise DocumentError(_("Cette fiche n'existe plus."))
    return livret_document(
        actions=Action.objects.filter(pk=action.pk),
        title=f"Fiche n°{action.number} – {action.title}",
        fiche_only=True,
    )


def build_selection(key, *, ids):
    return livret_document(
        actions=Action.objects.filter(pk__in=ids), title=_("Sélection de fiches")
    )


def selection_key(ids):
    """One key per set of fiches, whatever their order."""
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:32]


LIVRET = DocumentKind("livret", build_livret)
PREVIEW = DocumentKind("livret-apercu", build_preview, keep=1, keep_days=7)
FICHE = DocumentKind("fiche", build_fiche)
SELECTION = DocumentKind("selection", build_selection, keep=1, keep_days=1)
