"""The programmations the public pages offer: the current one by default, the earlier ones
as archives."""

from django.core.cache import cache
from django.utils.translation import gettext

from citeeducative.caching import PAGE_TIMEOUT, catalogue_version

from .models import Programmation


def catalogue_programmations():
    """The programmations with published fiches, the latest first, kept until the catalogue
    changes: every page of the catalogue offers them."""
    key = f"catalogue:programmations:{catalogue_version()}"
    programmations = cache.get(key)
    if programmations is None:
        programmations = list(Programmation.objects.with_published_fiches())
        cache.set(key, programmations, PAGE_TIMEOUT)
    return programmations


def archive_label(programmation):
    """What marks a fiche of an earlier programmation: "Archive 2020-2022"."""
    return gettext("Archive %(period)s") % {"period": programmation.period}
