import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(24)


class Campaign(models.Model):
    """One round of mails asking the people behind a programmation's fiches to check them."""

    programmation = models.ForeignKey(
        "actions.Programmation",
        verbose_name=_("programmation"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    started_at = models.DateTimeField(_("lancée le"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("relance envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("campagne de mise à jour")
        verbose_name_plural = _("campagnes de mise à jour")
        ordering = ["-started_at"]

    def __str__(self):
        return _("%(programmation)s : campagne du %(date)s") % {
            "programmation": self.programmation.name,
            "date": self.started_at.strftime("%d/%m/%Y"),
        }


class Recipient(models.Model):
    """One address of a campaign: it receives one mail listing all its fiches."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("nom"), max_length=255)
    reminded_at = models.DateTimeField(_("relancé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("destinataire")
        verbose_name_plural = _("destinataires")
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="recipient_one_per_address_and_campaign"
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Invitation(models.Model):
    """One fiche asked of one recipient. ``key`` is the secret its signed link carries;
    ``sent_snapshot`` the fiche's editable fields as they were when the link was sent
    (``campaigns.fiches.snapshot``), to tell the reviewer what changed since."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="invitations")
    action = models.ForeignKey(
        "actions.Action",
        verbose_name=_("fiche"),
        on_delete=models.CASCADE,
        related_name="campaign_invitations",
    )
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    sent_snapshot = models.JSONField(default=dict, editable=False)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("« rien à changer » le"), null=True, blank=True)

    class Meta:
        verbose_name = _("fiche à vérifier")
        verbose_name_plural = _("fiches à vérifier")
        ordering = ["action__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "action"], name="invitation_one_per_recipient_and_fiche"
            ),
        ]

    def __str__(self):
        return f"{self.action} – {self.recipient}"


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Proposal.Status.PENDING)


class Proposal(models.Model):
    """Changes proposed through an invitation's link; nothing public changes until a
    coordinator accepts them (``campaigns.review``). ``changes`` holds only what the person
    changed, in the shape of ``campaigns.fiches.snapshot``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À valider")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("lien"), on_delete=models.CASCADE, related_name="proposals"
    )
    changes = models.JSONField(_("modifications"), default=dict)
    comment = models.TextField(_("message du porteur"), blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("examinée le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examinée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_message = models.TextField(_("message au porteur"), blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition à valider")
        verbose_name_plural = _("propositions à valider")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Proposition de %(name)s sur la fiche n°%(number)s") % {
            "name": self.invitation.recipient.name,
            "number": self.invitation.action.number,
        }
