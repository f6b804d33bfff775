from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OrganisationQuerySet(models.QuerySet):
    def with_published_actions(self):
        from actions.models import Action

        published = Action.objects.published()
        return self.filter(
            models.Q(partnered_actions__in=published) | models.Q(operated_actions__in=published)
        ).distinct()


class Organisation(models.Model):
    """A structure named on fiches, as partner or operator; or a kind of structures ("Centres
    sociaux") when the livret names the kind rather than the structure."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        COLLECTIVITE = "collectivite", _("Collectivité")
        ASSOCIATION = "association", _("Association")
        CENTRE_SOCIAL = "centre_social", _("Centre social")
        ETABLISSEMENT = "etablissement", _("Établissement scolaire")
        ENTREPRISE = "entreprise", _("Entreprise")
        CATEGORIE = "categorie", _("Type de structures")
        AUTRE = "autre", _("Autre")

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=30, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.AUTRE)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_(
            "Reçoit les campagnes de mise à jour des fiches dont la structure est opérateur."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self):
        return reverse("partners:list") + f"#{self.slug}"
