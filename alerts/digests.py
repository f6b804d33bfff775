"""The daily run: one digest per confirmed subscription that has news, and the unconfirmed
subscriptions forgotten once their confirmation link has expired."""

import logging

from django.utils import timezone

from actions.models import Action

from . import searches
from .mails import send_digest
from .models import Subscription
from .tokens import CONFIRMATION_MAX_AGE

logger = logging.getLogger(__name__)

# A digest lists this many fiches at most, and links to the search for the others.
DIGEST_MAX_FICHES = 50


def send_digests(*, now=None):
    """Mail each confirmed subscription the fiches published or updated since its last run
    that its search finds. Returns the counts, for the command and the task's result."""
    now = now or timezone.now()
    purged, _ = Subscription.objects.unconfirmed_since(now - CONFIRMATION_MAX_AGE).delete()
    mailed = broken = 0
    subscriptions = Subscription.objects.confirmed()
    for subscription in subscriptions.iterator():
        since = subscription.notified_until or subscription.confirmed_at
        changed = Action.objects.published().filter(updated_at__gt=since, updated_at__lte=now)
        filterset = searches.search(subscription.query, changed.select_related("axe"))
        if not filterset.form.is_valid():
            # A structure, a contact… it names has gone: the search no longer means what the
            # person chose. Nothing is sent; the count tells the coordination.
            broken += 1
            logger.warning("Recherche suivie invalide (abonnement %s).", subscription.pk)
            continue
        fiches = list(filterset.qs.order_by("axe_id", "number")[:DIGEST_MAX_FICHES])
        if fiches:
            send_digest(subscription, fiches, since=since)
            subscription.last_sent_at = now
            mailed += 1
        subscription.notified_until = now
        subscription.save(update_fields=["notified_until", "last_sent_at"])
    return {
        "subscriptions": subscriptions.count(),
        "mailed": mailed,
        "invalid": broken,
        "purged": purged,
    }
