"""The yearly follow-up of a fiche and its lines: co-fundings, beneficiaries, indicators.

Amounts are in euros, with cents. Nothing here is ever shown to the public: the dashboard's
public part reads the catalogue alone.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import Action

FIRST_YEAR, LAST_YEAR = 2000, 2100
NEGATIVE_AMOUNT = _("Un montant ne peut pas être négatif.")
NEGATIVE_COUNT = _("Un nombre de bénéficiaires ne peut pas être négatif.")
NEGATIVE_VALUE = _("Une valeur d'indicateur ne peut pas être négative.")


def _amount(verbose_name, *, message=NEGATIVE_AMOUNT, **options):
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0), message=message)],
        **options,
    )


def _measure(verbose_name):
    """An indicator's value, which may be left empty."""
    return _amount(verbose_name, message=NEGATIVE_VALUE, null=True, blank=True)


def _count(verbose_name):
    """A number of beneficiaries, which may be left empty."""
    return models.PositiveIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NEGATIVE_COUNT)],
    )


def _not_negative(field, name, message):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=name,
        violation_error_message=message,
    )


class Funder(models.Model):
    """A co-funder of actions (the State, the CAF, a foundation…). The Cité éducative's own
    fund is not one: each follow-up has its amount."""

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name = models.CharField(_("nom"), max_length=150, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financeur")
        verbose_name_plural = _("financeurs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FollowUpQuerySet(models.QuerySet):
    def of_programmation(self, programmation, years=None):
        """The follow-ups of the programmation's published fiches, for ``years`` (default:
        all of them)."""
        found = self.filter(
            action__programmation=programmation, action__status=Action.Status.PUBLISHED
        )
        return found if years is None else found.filter(year__in=years)


class FollowUp(models.Model):
    """What became of a fiche in one year: one follow-up per fiche and year."""

    class State(models.TextChoices):
        PLANNED = "prevue", _("Prévue")
        RUNNING = "en-cours", _("En cours")
        DONE = "terminee", _("Terminée")
        SUSPENDED = "suspendue", _("Suspendue")

    action = models.ForeignKey(
        Action,
        verbose_name=_("fiche action"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    year = models.PositiveSmallIntegerField(_("année"))
    state = models.CharField(_("état"), max_length=20, choices=State, default=State.PLANNED)
    cite_amount = _amount(
        _("crédits Cité éducative (€)"),
        null=True,
        blank=True,
        help_text=_("Le montant accordé par le fonds de la Cité éducative, en euros."),
    )
    dauphin_number = models.CharField(
        _("n° de dossier Dauphin"),
        max_length=30,
        blank=True,
        help_text=_("Le numéro de la demande de subvention sur la plateforme Dauphin."),
    )
    summary = models.TextField(
        _("bilan qualitatif"),
        max_length=2000,
        blank=True,
        help_text=_("Quelques phrases : ce qui a été fait, ce qui a changé, les difficultés."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("suivi annuel")
        verbose_name_plural = _("suivis annuels")
        ordering = ["action", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year"],
                name="follow_up_one_per_fiche_and_year",
                violation_error_message=_("Cette fiche a déjà un suivi pour cette année."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="follow_up_year_sane",
                violation_error_message=_("L'année doit être comprise entre 2000 et 2100."),
            ),
            _not_negative("cite_amount", "follow_up_cite_amount_not_negative", NEGATIVE_AMOUNT),
        ]

    def __str__(self):
        return f"{self.action} – {self.year}"

    # Totals of the lines, read from what was fetched (``prefetch_related``) when it was.

    @property
    def cofunding_total(self):
        return sum((line.amount for line in self.cofundings.all()), Decimal(0))

    @property
    def budget(self):
        return (self.cite_amount or Decimal(0)) + self.cofunding_total

    @property
    def planned(self):
        """Beneficiaries planned, all publics together; None when no line gives a number."""
        return self._beneficiaries("planned")

    @property
    def reached(self):
        return self._beneficiaries("reached")

    def _beneficiaries(self, name):
        counts = [getattr(line, name) for line in self.beneficiaries.all()]
        counts = [count for count in counts if count is not None]
        return sum(counts) if counts else None

    @property
    def indicators_met(self):
        return sum(1 for indicator in self.indicators.all() if indicator.is_met)

    def clean(self):
        programmation = self.action.programmation if self.action_id else None
        if (
            programmation is not None
            and self.year is not None
            and not programmation.start_year <= self.year <= programmation.end_year
        ):
            raise ValidationError(
                {
                    "year": _(
                        "L'année %(year)d est hors de la %(programmation)s (%(start)d à %(end)d)."
                    )
                    % {
                        "year": self.year,
                        "programmation": str(programmation).lower(),
                        "start": programmation.start_year,
                        "end": programmation.end_year,
                    }
                }
            )


class FollowUpLine(models.Model):
    """A line of a follow-up, in the order it was written."""

    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Cofunding(FollowUpLine):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="cofundings")
    funder = models.ForeignKey(
        Funder, verbose_name=_("financeur"), on_delete=models.PROTECT, related_name="cofundings"
    )
    amount = _amount(_("montant (€)"))

    history = HistoricalRecords()

    class Meta(FollowUpLine.Meta):
        verbose_name = _("co-financement")
        verbose_name_plural = _("co-financements")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "funder"],
                name="cofunding_one_per_funder",
                violation_error_message=_("Ce financeur figure déjà dans ce suivi."),
            ),
            _not_negative("amount", "cofunding_amount_not_negative", NEGATIVE_AMOUNT),
        ]

    def __str__(self):
        amount = number_format(self.amount, decimal_pos=2, force_grouping=True)
        return f"{self.funder} : {amount}\u00a0€"


class BeneficiaryCount(FollowUpLine):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="beneficiaries")
    public = models.ForeignKey(
        "actions.Public",
        verbose_name=_("public"),
        on_delete=models.PROTECT,
        related_name="beneficiary_counts",
    )
    planned = _count(_("prévus"))
    reached = _count(_("atteints"))

    history = HistoricalRecords()

    class Meta(FollowUpLine.Meta):
        verbose_name = _("bénéficiaires")
        verbose_name_plural = _("bénéficiaires par public")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "public"],
                name="beneficiaries_one_per_public",
                violation_error_message=_("Ce public figure déjà dans ce suivi."),
            ),
        ]

    def __str__(self):
        return f"{self.public} : {self.planned or 0} prévus, {self.reached or 0} atteints"


class Indicator(FollowUpLine):
    """A measure of the action. An achieved value above its target is allowed (an action can
    do better than planned) and flagged, so that a coordinator checks it was not a typo."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("indicateur"), max_length=255)
    unit = models.CharField(_("unité"), max_length=50, blank=True)
    target = _measure(_("cible"))
    achieved = _measure(_("réalisé"))

    history = HistoricalRecords()

    class Meta(FollowUpLine.Meta):
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        constraints = [
            _not_negative("target", "indicator_target_not_negative", NEGATIVE_VALUE),
            _not_negative("achieved", "indicator_achieved_not_negative", NEGATIVE_VALUE),
        ]

    def __str__(self):
        return self.label

    @property
    def is_met(self):
        return None not in (self.target, self.achieved) and self.achieved >= self.target

    @property
    def exceeds_target(self):
        return None not in (self.target, self.achieved) and self.achieved > self.target
