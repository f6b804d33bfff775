"""The personal link of an invitation: its random key, signed and dated
(``django.core.signing``). A forged or altered link finds nothing (404); a genuine one past
``CAMPAIGN_LINK_MAX_AGE_DAYS``, or whose fiche or campaign is gone, says so (410)."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404

from .models import Invitation

SALT = "campaigns.invitation"


class LinkGone(Exception):
    """A genuine link that has expired, or whose invitation no longer exists."""


def token(invitation):
    return signing.dumps(invitation.key, salt=SALT, compress=False)


def invitation_for(value):
    max_age = timedelta(days=settings.CAMPAIGN_LINK_MAX_AGE_DAYS)
    try:
        key = signing.loads(value, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkGone from None
    except signing.BadSignature:
        raise Http404 from None
    invitation = (
        Invitation.objects.select_related("recipient__campaign", "action").filter(key=key).first()
    )
    if invitation is None:
        raise LinkGone
    return invitation
