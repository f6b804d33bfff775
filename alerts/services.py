"""Subscribing, confirming, unsubscribing: what changes the subscriptions."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .mails import send_confirmation
from .models import Subscription

# Against a flood of confirmation mails to one address: at most this many a day, and one a
# day for one search; and at most this many searches followed by one address.
CONFIRMATIONS_PER_DAY = 3
SEARCHES_PER_ADDRESS = 20
DAY = timedelta(days=1)


def normalised_email(email):
    return email.strip().lower()


def subscription_request(*, email, query):
    """Ask ``email`` to confirm that it follows ``query``. Returns whether a confirmation mail
    was sent: not to an address that already follows the search, nor past the limits."""
    email, now = normalised_email(email), timezone.now()
    existing = Subscription.objects.filter(email=email, query=query).first()
    if existing is not None and (
        existing.confirmed_at or existing.confirmation_sent_at > now - DAY
    ):
        return False
    of_address = Subscription.objects.filter(email=email)
    if of_address.filter(confirmation_sent_at__gt=now - DAY).count() >= CONFIRMATIONS_PER_DAY:
        return False
    if existing is None and of_address.count() >= SEARCHES_PER_ADDRESS:
        return False
    subscription = existing or Subscription(email=email, query=query)
    subscription.confirmation_sent_at = now
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:  # The same request, twice at once: the other one mails.
        return False
    send_confirmation(subscription)
    return True


def subscription_confirm(*, subscription):
    """Start the digests from now: what was published before is what the person saw."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = subscription.notified_until = timezone.now()
        subscription.save(update_fields=["confirmed_at", "notified_until"])


def subscription_delete(*, subscription, every_search=False):
    """Forget the address for this search, or for every search it follows."""
    if every_search:
        Subscription.objects.filter(email=subscription.email).delete()
    else:
        subscription.delete()
