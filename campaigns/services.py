"""Starting a campaign, its reminder, and what a recipient answers through a link."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Action, ActionOperator
from contacts.models import ActionContact

from . import mails
from .fiches import changes_between, snapshot
from .models import Campaign, Invitation, Proposal, Recipient


class CampaignError(Exception):
    """A campaign that cannot start; the message says why, in French."""


@dataclass
class PlannedRecipient:
    email: str
    name: str
    fiches: list = field(default_factory=list)


@dataclass
class Plan:
    """Who a campaign would mail, and the fiches that reach nobody (no address at all)."""

    recipients: list
    unreached: list


def campaign_plan(*, programmation):
    """Every contact of the programmation's fiches and every operator with an e-mail, each
    address once (case aside) with all its fiches; demonstration fiches aside."""
    fiches = (
        Action.objects.filter(programmation=programmation, is_demo=False)
        .order_by("number")
        .prefetch_related(
            Prefetch("contact_links", ActionContact.objects.select_related("contact")),
            Prefetch("operator_links", ActionOperator.objects.select_related("organisation")),
        )
    )
    recipients, unreached = {}, []
    for fiche in fiches:
        people = [
            (link.contact.email, link.contact.full_name) for link in fiche.contact_links.all()
        ]
        people += [
            (link.organisation.email, str(link.organisation)) for link in fiche.operator_links.all()
        ]
        addresses = [(email.strip(), name) for email, name in people if email.strip()]
        if not addresses:
            unreached.append(fiche)
        for email, name in addresses:
            recipient = recipients.setdefault(email.lower(), PlannedRecipient(email, name))
            if fiche not in recipient.fiches:
                recipient.fiches.append(fiche)
    ordered = sorted(recipients.values(), key=lambda recipient: recipient.name.lower())
    return Plan(recipients=ordered, unreached=unreached)


def open_campaign(programmation):
    """The programmation's campaign whose links still work, if any."""
    since = timezone.now() - timedelta(days=settings.CAMPAIGN_LINK_MAX_AGE_DAYS)
    return programmation.campaigns.filter(started_at__gte=since).first()


@transaction.atomic
def campaign_start(*, programmation, user=None):
    """Record the campaign and queue one mail per recipient; refused while another campaign
    of the programmation is open, or when nobody can be mailed."""
    current = open_campaign(programmation)
    if current is not None:
        raise CampaignError(
            _("Une campagne de la programmation %(name)s est déjà en cours (lancée le %(date)s).")
            % {"name": programmation.name, "date": current.started_at.strftime("%d/%m/%Y")}
        )
    plan = campaign_plan(programmation=programmation)
    if not plan.recipients:
        raise CampaignError(
            _(
                "Aucune fiche de la programmation %(name)s n'a de contact ni d'opérateur "
                "avec un e-mail."
            )
            % {"name": programmation.name}
        )
    campaign = Campaign.objects.create(programmation=programmation, started_by=user)
    snapshots = {}
    for planned in plan.recipients:
        recipient = Recipient.objects.create(
            campaign=campaign, email=planned.email, name=planned.name
        )
        invitations = [
            Invitation.objects.create(
                recipient=recipient,
                action=fiche,
                sent_snapshot=snapshots.setdefault(fiche.pk, snapshot(fiche)),
            )
            for fiche in planned.fiches
        ]
        mails.send_invitation(recipient, invitations)
    return campaign


def unanswered_fiches(campaign):
    """{recipient: [invitations…]}: the recipients who answered nothing, with their fiches
    that nobody has answered for."""
    invitations = Invitation.objects.filter(recipient__campaign=campaign).select_related(
        "recipient", "action"
    )
    answered_fiches = {i.action_id for i in invitations if i.answered_at}
    answered_recipients = {i.recipient_id for i in invitations if i.answered_at}
    waiting = {}
    for invitation in invitations:
        if invitation.recipient_id in answered_recipients:
            continue
        if invitation.action_id not in answered_fiches:
            waiting.setdefault(invitation.recipient, []).append(invitation)
    return waiting


@transaction.atomic
def campaign_remind(*, campaign):
    """The campaign's one reminder, to those who answered nothing, for the fiches still
    without an answer; returns how many were mailed (0 once the reminder has gone)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.reminded_at is not None:
        return 0
    now = timezone.now()
    waiting = unanswered_fiches(campaign)
    for recipient, invitations in waiting.items():
        mails.send_invitation(recipient, invitations, reminder=True)
        recipient.reminded_at = now
        recipient.save(update_fields=["reminded_at"])
    campaign.reminded_at = now
    campaign.save(update_fields=["reminded_at"])
    return len(waiting)


def _answered(invitation, now):
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at", "confirmed_at"])


@transaction.atomic
def invitation_confirm(*, invitation):
    """ "Rien à changer": the fiche is checked as of now. A bookkeeping update, not a new
    version of the fiche: neither its history nor its "modifiée le" change."""
    now = timezone.now()
    invitation.confirmed_at = now
    _answered(invitation, now)
    Action.objects.filter(pk=invitation.action_id).update(last_checked_at=now)


@transaction.atomic
def proposal_submit(*, invitation, proposed, comment=""):
    """Record what ``proposed`` (a cleaned snapshot) changes in the fiche as it is now, for a
    coordinator to review (a message alone is one too); a pending proposal of the same link is
    replaced. Returns it, or None when nothing differs and nothing is said."""
    changes = changes_between(snapshot(invitation.action), proposed)
    if not changes and not comment.strip():
        return None
    proposal = invitation.proposals.pending().first() or Proposal(invitation=invitation)
    proposal.changes = changes
    proposal.comment = comment.strip()
    proposal.save()
    _answered(invitation, timezone.now())
    return proposal
