"""The frame every fiche sits in: its programmation, its axe, the sectors and REP+ networks."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _


def current_among(programmations):
    """Of ``programmations`` (``with_published_fiches()``, the latest first), the current
    one: the latest with real fiches, else the latest with demonstration ones; else None."""
    programmations = list(programmations)
    return next((item for item in programmations if item.has_real_fiches), None) or next(
        iter(programmations), None
    )


class ProgrammationQuerySet(models.QuerySet):
    def with_published_fiches(self):
        """The programmations with published fiches, the latest first; ``has_real_fiches``
        tells those with fiches other than demonstration ones."""
        action = apps.get_model("actions", "Action")
        published = action.objects.published().filter(programmation=OuterRef("pk"))
        return (
            self.annotate(
                has_fiches=Exists(published),
                has_real_fiches=Exists(published.filter(is_demo=False)),
            )
            .filter(has_fiches=True)
            .order_by("-start_year", "-end_year")
        )

    def current(self):
        """The programmation the public pages show by default (see ``current_among``)."""
        return current_among(self.with_published_fiches())


class Programmation(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("année de début"))
    end_year = models.PositiveSmallIntegerField(_("année de fin"))

    objects = ProgrammationQuerySet.as_manager()

    class Meta:
        verbose_name = _("programmation")
        verbose_name_plural = _("programmations")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lte=models.F("end_year")),
                name="programmation_years_in_order",
                violation_error_message=_("L'année de fin précède l'année de début."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def period(self):
        """ "2020-2022", or "2023" for a programmation of one year."""
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


class Axe(models.Model):
    # The number is the key: fiches sort by axe_id, number on one index.
    number = models.PositiveSmallIntegerField(_("numéro"), primary_key=True)
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    subtitle = models.CharField(_("intitulé long"), max_length=255, blank=True)
    presentation = models.TextField(_("présentation"), blank=True)

    class Meta:
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        ordering = ["number"]

    def __str__(self):
        return f"Axe {self.number} – {self.title}"


class Sector(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Network(models.Model):
    """A REP+ network: a collège and the écoles of its sector."""

    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    sector = models.ForeignKey(
        Sector, verbose_name=_("secteur"), on_delete=models.PROTECT, related_name="networks"
    )
    college = models.CharField(_("collège"), max_length=150, blank=True)
    is_lead = models.BooleanField(_("chef de file"), default=False)

    class Meta:
        verbose_name = _("réseau REP+")
        verbose_name_plural = _("réseaux REP+")
        ordering = ["sector__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sector"],
                condition=Q(is_lead=True),
                name="one_lead_network_per_sector",
                violation_error_message=_("Ce secteur a déjà un réseau chef de file."),
            ),
        ]

    def __str__(self):
        return f"REP+ {self.name}"
