"""The links of the alerts' mails: each carries the subscription's random key, signed for one
purpose (``django.core.signing``). A forged or altered link finds nothing (404); a genuine one
whose subscription is gone, or whose confirmation is too old, says so (410)."""

from datetime import timedelta

from django.core import signing
from django.http import Http404

from .models import Subscription

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
# A confirmation link works for a week; unconfirmed subscriptions are deleted after it.
CONFIRMATION_MAX_AGE = timedelta(days=7)


class LinkGone(Exception):
    """A genuine link whose subscription no longer exists, or has expired."""


def token(subscription, purpose):
    return signing.dumps(subscription.key, salt=purpose, compress=False)


def subscription_for(value, purpose):
    """The subscription a link of ``purpose`` stands for; Http404 for a forged one."""
    max_age = CONFIRMATION_MAX_AGE if purpose == CONFIRM else None
    try:
        key = signing.loads(value, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkGone from None
    except signing.BadSignature:
        raise Http404 from None
    subscription = Subscription.objects.filter(key=key).first()
    if subscription is None:
        raise LinkGone
    return subscription
