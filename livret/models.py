"""A seminar of the Cité éducative, its programme of the day, and who speaks at it."""

from django.db import models
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citeeducative.richtext import sanitize_html


class Seminar(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    programmation = models.ForeignKey(
        "actions.Programmation",
        verbose_name=_("programmation"),
        on_delete=models.PROTECT,
        related_name="seminars",
    )
    introduction = models.TextField(_("introduction du livret"), blank=True)
    preamble_title = models.CharField(_("titre du préambule"), max_length=255, blank=True)
    preamble = models.TextField(_("préambule du programme"), blank=True)
    include_changes = models.BooleanField(
        _("inclure les nouveautés"),
        default=False,
        help_text=_(
            "Ajoute au livret « Nouveautés depuis le livret précédent » : nouvelles fiches, "
            "fiches reconduites avec des changements, fiches arrêtées."
        ),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    # The tables keep the names they had in the catalogue app, where these models began.
    history = HistoricalRecords(table_name="actions_historicalseminar")

    class Meta:
        db_table = "actions_seminar"
        verbose_name = _("séminaire")
        verbose_name_plural = _("séminaires")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.introduction = sanitize_html(self.introduction)
        self.preamble = sanitize_html(self.preamble)
        super().save(*args, **kwargs)


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        SECTION = "section", _("Temps de la journée")
        PLENARY = "plenary", _("Plénière")
        WORKSHOP = "workshop", _("Ateliers")
        BREAK = "break", _("Pause")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    start_time = models.TimeField(_("début"), null=True, blank=True)
    end_time = models.TimeField(_("fin"), null=True, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.PLENARY)
    axe = models.ForeignKey(
        "actions.Axe", verbose_name=_("axe"), on_delete=models.SET_NULL, null=True, blank=True
    )
    title = models.CharField(_("titre"), max_length=255)
    subtitle = models.CharField(_("sous-titre"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        db_table = "actions_programmeitem"
        verbose_name = _("temps du programme")
        verbose_name_plural = _("programme")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="programme_item_ends_after_start",
                violation_error_message=_("L'heure de fin doit suivre l'heure de début."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)

    def interventions(self):
        """[(topic, [speaker line…])…]: the contributions in order, those in a row on the same
        topic together, as a printed programme gives them: the topic once, then its speakers;
        "A et B, function" when they share their function, one line each otherwise."""
        groups = []
        for contribution in self.contributions.all():
            if groups and groups[-1][0] == contribution.topic:
                groups[-1][1].append(contribution)
            else:
                groups.append((contribution.topic, [contribution]))
        return [(topic, _speaker_lines(contributions)) for topic, contributions in groups]


def _speaker_lines(contributions):
    named = [contribution for contribution in contributions if contribution.name]
    functions = {contribution.function for contribution in named}
    if len(named) > 1 and len(functions) == 1:
        together = get_text_list([contribution.name for contribution in named], gettext("et"))
        return [", ".join(part for part in (together, functions.pop()) if part)]
    return [
        ", ".join(part for part in (contribution.name, contribution.function) if part)
        for contribution in named
    ]


class Contribution(models.Model):
    """A speaker or facilitator on a programme item; linked to a contact where there is one."""

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="contributions")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    topic = models.CharField(_("sujet"), max_length=500, blank=True)
    name = models.CharField(_("intervenant·e"), max_length=200, blank=True)
    function = models.CharField(_("fonction"), max_length=300, blank=True)
    contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )

    class Meta:
        db_table = "actions_contribution"
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["position", "pk"]

    def __str__(self):
        return " – ".join(part for part in (self.topic, self.name) if part)
