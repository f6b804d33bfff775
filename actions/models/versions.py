"""The versions of a fiche: each one the whole fiche as it was (``actions.versions``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .action import Action


class FicheVersionQuerySet(models.QuerySet):
    def of(self, fiche_id):
        return self.filter(fiche_id=fiche_id).order_by("-created_at", "-pk")

    def of_deleted_fiches(self):
        """The latest version of each fiche that no longer exists."""
        latest = (
            self.exclude(fiche_id__in=Action.objects.values("pk"))
            .values("fiche_id")
            .annotate(latest=models.Max("pk"))
            .values("latest")
        )
        return self.filter(pk__in=latest).order_by("-created_at")


class FicheVersion(models.Model):
    """One saved state of a fiche with its objectives, resources, operators, contacts, publics,
    sectors, networks, partners (and what other apps register). It names the fiche by id, not
    by a foreign key, so that it outlives the fiche and can bring a deleted one back."""

    fiche_id = models.PositiveIntegerField(_("fiche"), db_index=True)
    label = models.CharField(_("fiche"), max_length=300)
    data = models.JSONField(_("contenu"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("motif"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)

    objects = FicheVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version de fiche")
        verbose_name_plural = _("versions de fiche")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.label
