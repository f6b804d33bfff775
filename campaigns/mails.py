"""The campaign's mails, through ``mailing``: the invitation listing a recipient's fiches with
a personal link each, its one reminder, and a refused proposal's answer."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

import mailing
from citeeducative.models import CiteEducative

from .tokens import token


def _cite():
    cite = CiteEducative.objects.current()
    name = cite.name if cite else _("Cité éducative")
    reply_to = [cite.coordination_email] if cite and cite.coordination_email else []
    return name, reply_to


def link(invitation):
    path = reverse("campaigns:answer", kwargs={"token": token(invitation)})
    return f"{settings.SITE_URL}{path}"


def send_invitation(recipient, invitations, *, reminder=False):
    """One mail to ``recipient`` listing ``invitations``, each fiche with its link."""
    cite_name, reply_to = _cite()
    context = {
        "name": recipient.name,
        "cite_name": cite_name,
        "programmation": recipient.campaign.programmation.name,
        "max_age_days": settings.CAMPAIGN_LINK_MAX_AGE_DAYS,
        "reminder": reminder,
        "fiches": [
            {
                "number": invitation.action.number,
                "title": invitation.action.title,
                "url": link(invitation),
            }
            for invitation in invitations
        ],
    }
    subject = _("Vos fiches action : à vérifier avant le séminaire")
    if reminder:
        subject = _("Rappel : %(subject)s") % {"subject": subject}
    mailing.send(
        to=[recipient.email],
        subject=subject,
        template="campaigns/mail_invitation",
        context=context,
        reply_to=reply_to,
    )


def send_refusal(proposal):
    cite_name, reply_to = _cite()
    invitation = proposal.invitation
    mailing.send(
        to=[invitation.recipient.email],
        subject=_("Votre proposition pour la fiche n°%(number)s")
        % {"number": invitation.action.number},
        template="campaigns/mail_refusal",
        context={
            "name": invitation.recipient.name,
            "cite_name": cite_name,
            "number": invitation.action.number,
            "title": invitation.action.title,
            "message": proposal.review_message,
        },
        reply_to=reply_to,
    )
