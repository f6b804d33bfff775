"""Livrets made ahead of need: a change to anything a livret or a fiche PDF shows asks for new
editions once the change commits, coalesced (``editions.DocumentKind.refresh``).

Every seminar's livret is refreshed on any change: there are few, and one whose HTML did not
change is not rendered again. A fiche's PDF is refreshed when that fiche or what hangs on it
(objectives, contacts, operators…) changes, and all of them when a shared record (a contact, a
structure, a public…) does.
"""

from django.db.models.signals import post_delete

from actions.models import Action
from citeeducative.caching import on_catalogue_change

from .documents import FICHE, LIVRET


def _fiche_id(instance):
    if isinstance(instance, Action):
        return instance.pk
    return getattr(instance, "action_id", None)


@on_catalogue_change
def refresh_livrets(sender, instance, signal):
    LIVRET.refresh_all()
    if signal is post_delete and isinstance(instance, Action):
        FICHE.forget(str(instance.pk))  # after its objectives, contacts… (deleted first)
        return
    fiche_id = _fiche_id(instance)
    if fiche_id is None:
        FICHE.refresh_all()
    else:
        FICHE.refresh(str(fiche_id))
