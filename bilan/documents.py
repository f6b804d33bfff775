"""The bilan booklets, made by the task worker (``editions``): for visitors (``BILAN``, published
figures) and for coordinators (``BILAN_FOLLOW_UP``, with the follow-up); key: the programmation's
slug. Made ahead of need once asked for: any change to the catalogue or to a follow-up refreshes
them (``bilan.apps``)."""

from django.utils.translation import gettext as _

from actions.models import Programmation
from editions.kinds import Document, DocumentError, DocumentKind

from .rendering import STYLESHEET, bilan_html


def _programmation(key):
    programmation = Programmation.objects.filter(slug=key).first()
    if programmation is None:
        raise DocumentError(_("Cette programmation n'existe plus."))
    return programmation


def build_bilan(key):
    programmation = _programmation(key)
    return Document(html=bilan_html(programmation), stylesheet=STYLESHEET)


def build_bilan_with_follow_up(key):
    programmation = _programmation(key)
    return Document(html=bilan_html(programmation, with_follow_up=True), stylesheet=STYLESHEET)


BILAN = DocumentKind("bilan", build_bilan)
BILAN_FOLLOW_UP = DocumentKind("bilan-suivi", build_bilan_with_follow_up)
