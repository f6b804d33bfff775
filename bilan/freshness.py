"""The bilan's figures and booklets follow the catalogue and the follow-ups.

Its figures are kept in the cache under the catalogue's version: a change to a follow-up bumps
it too. Its booklets, once asked for, are made again by the worker after any change to what they
show (``editions.DocumentKind.refresh_all``, coalesced; one whose HTML did not change is not
rendered again)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

from citeeducative.caching import CATALOGUE_APPS, catalogue_changed

from .documents import BILAN, BILAN_FOLLOW_UP


def _record_changed(sender, **kwargs):
    if issubclass(sender, HistoricalChanges):
        return
    app_label = sender._meta.app_label
    if app_label == "bilan":
        catalogue_changed()
    if app_label == "bilan" or app_label in CATALOGUE_APPS:
        BILAN.refresh_all()
        BILAN_FOLLOW_UP.refresh_all()


def watch_catalogue():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"bilan-freshness-{signal}")
