"""The bilan's booklets follow the catalogue and the follow-ups (a change to one is a change to
the catalogue: ``citeeducative.caching.CATALOGUE_APPS``): once asked for, they are made again by
the worker after any change to what they show (coalesced; one whose HTML did not change is not
rendered again). Its figures are kept under the catalogue's version, bumped by the same change."""

from citeeducative.caching import on_catalogue_change

from .documents import BILAN, BILAN_FOLLOW_UP


@on_catalogue_change
def refresh_booklets(sender, instance, signal):
    BILAN.refresh_all()
    BILAN_FOLLOW_UP.refresh_all()
