import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment):
        """Subscriptions asked for before ``moment`` and never confirmed."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class Subscription(models.Model):
    """An address that follows a search of the catalogue. ``query`` is the search's query
    string as ``alerts.searches.canonical_query`` writes it; ``key`` is the random secret that
    the signed links of its mails carry; ``notified_until`` the moment up to which the fiches
    published or updated have been considered for a digest."""

    email = models.EmailField(_("adresse e-mail"))
    query = models.CharField(_("recherche"), max_length=2000, blank=True)
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation envoyée le"), null=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    notified_until = models.DateTimeField(_("nouveautés vues jusqu'au"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("dernier envoi le"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement à une recherche")
        verbose_name_plural = _("abonnements aux recherches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "query"],
                name="subscription_one_per_address_and_search",
                violation_error_message=_("Cette adresse suit déjà cette recherche."),
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.query or '(tout le catalogue)'}"
