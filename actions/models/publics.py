"""Target publics, with the age range the catalogue's ``age`` filter reads."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublicQuerySet(models.QuerySet):
    def covering_age(self, age):
        return self.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=age),
            Q(age_max__isnull=True) | Q(age_max__gte=age),
        ).exclude(age_min__isnull=True, age_max__isnull=True)


class Public(models.Model):
    class Kind(models.TextChoices):
        ENFANTS = "enfants", _("Enfants et jeunes")
        PARENTS = "parents", _("Parents et familles")
        PROFESSIONNELS = "professionnels", _("Professionnels")
        HABITANTS = "habitants", _("Habitants")
        AUTRE = "autre", _("Autre")

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    label = models.CharField(_("libellé"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.AUTRE)
    age_min = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("public cible")
        verbose_name_plural = _("publics cibles")
        ordering = ["kind", "age_min", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_max__lte=120),
                name="public_age_max_sane",
                violation_error_message=_("L'âge maximum doit être au plus 120 ans."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="public_age_range_in_order",
                violation_error_message=_("L'âge minimum dépasse l'âge maximum."),
            ),
        ]

    def __str__(self):
        return self.label
