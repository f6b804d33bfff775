"""Keep the search columns of a fiche in step with everything its search document contains."""

import threading
from contextlib import contextmanager

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from simple_history.models import HistoricalChanges

from contacts.models import ActionContact, Contact
from partners.models import Organisation

from . import search
from .caching import catalogue_changed
from .models import Action, ActionOperator, Objective, Public

_batch = threading.local()


@contextmanager
def search_refresh_deferred():
    """Refresh each touched fiche once, on the way out, rather than at every save: for the
    loaders and imports that save a fiche and its parts in many steps."""
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    _batch.pending = pending = set()
    try:
        yield
    finally:
        _batch.pending = None
    refresh_actions(pending)


def refresh_actions(action_ids):
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.update(action_ids)
        return
    search.refresh(Action.objects.filter(pk__in=list(action_ids)))


@receiver(post_save, sender=Action)
def action_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions([instance.pk])


@receiver(post_save, sender=Objective)
@receiver(post_delete, sender=Objective)
@receiver(post_save, sender=ActionContact)
@receiver(post_delete, sender=ActionContact)
@receiver(post_save, sender=ActionOperator)
@receiver(post_delete, sender=ActionOperator)
def fiche_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions([instance.action_id])


@receiver(m2m_changed, sender=Action.publics.through)
@receiver(m2m_changed, sender=Action.partners.through)
def fiche_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return

    if not reverse:
        if action != "pre_clear":
            refresh_actions([instance.pk])
    elif action == "pre_clear":
        instance._search_cleared_actions = list(instance.actions.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_actions(getattr(instance, "_search_cleared_actions", []))
    else:
        refresh_actions(pk_set)


@receiver(post_save, sender=Contact)
def contact_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(instance.action_links.values_list("action_id", flat=True))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(
            Action.objects.filter(
                Q(partners=instance) | Q(operator_links__organisation=instance)
            ).values_list("pk", flat=True)
        )


@receiver(post_save, sender=Public)
def public_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(instance.actions.values_list("pk", flat=True))


CATALOGUE_APPS = {"actions", "contacts", "partners"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def catalogue_saved(sender, **kwargs):
    """Any change to the catalogue's records makes the cached public pages stale (their history
    rows follow the records themselves and show nowhere public)."""
    if sender._meta.app_label in CATALOGUE_APPS and not issubclass(sender, HistoricalChanges):
        catalogue_changed()
