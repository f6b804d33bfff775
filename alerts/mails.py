"""The two mails of an alert, through ``mailing``: the confirmation of a new subscription and
the digest of what is new. Both carry an unsubscribe link and the one-click headers of
RFC 8058 (``List-Unsubscribe``, ``List-Unsubscribe-Post``)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import mailing
from citeeducative.models import CiteEducative

from . import searches
from .tokens import CONFIRM, UNSUBSCRIBE, token


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _common(subscription):
    """What every mail of ``subscription`` says, and its headers."""
    unsubscribe = absolute(
        reverse("alerts:unsubscribe", kwargs={"token": token(subscription, UNSUBSCRIBE)})
    )
    cite = CiteEducative.objects.current()
    context = {
        "cite_name": cite.name if cite else _("Cité éducative"),
        "criteria": searches.criteria(subscription.query) or [],
        "search_url": absolute(searches.catalogue_url(subscription.query)),
        "unsubscribe_url": unsubscribe,
        "privacy_url": absolute(reverse("alerts:privacy")),
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return context, headers


def send_confirmation(subscription):
    context, headers = _common(subscription)
    context["confirm_url"] = absolute(
        reverse("alerts:confirm", kwargs={"token": token(subscription, CONFIRM)})
    )
    mailing.send(
        to=[subscription.email],
        subject=_("Confirmez votre abonnement aux nouveautés du catalogue"),
        template="alerts/mail_confirmation",
        context=context,
        headers=headers,
    )


def send_digest(subscription, fiches, *, since):
    """One mail listing ``fiches``, published or updated after ``since``."""
    context, headers = _common(subscription)
    context["fiches"] = [
        {
            "number": fiche.number,
            "title": fiche.title,
            "axe": fiche.axe.title,
            "url": absolute(fiche.get_absolute_url()),
            "is_new": fiche.created_at > since,
        }
        for fiche in fiches
    ]
    subject = ngettext(
        "%(count)d fiche nouvelle ou mise à jour pour votre recherche",
        "%(count)d fiches nouvelles ou mises à jour pour votre recherche",
        len(fiches),
    ) % {"count": len(fiches)}
    mailing.send(
        to=[subscription.email],
        subject=subject,
        template="alerts/mail_digest",
        context=context,
        headers=headers,
    )
