"""The fiche action, its ordered parts (objectives, resources, operators) and its QuerySet."""

import calendar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.lookups import IsNull
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citeeducative.richtext import sanitize_html
from contacts.models import ActionContact

from .publics import Public
from .territory import Axe, Network, Programmation, Sector

# Who sees drafts on the public site; the fiche's template shows its editorial note on the same
# condition (perms.actions.change_action).
DRAFT_READERS_PERMISSION = "actions.change_action"


def covered_sectors(sectors, networks):
    """The sectors a fiche covers, each once, by name: those it names and those of the REP+
    networks it names. None named at all: the fiche covers the whole city (an empty list)."""
    covered = {sector.pk: sector for sector in sectors}
    for network in networks:
        covered.setdefault(network.sector_id, network.sector)
    return sorted(covered.values(), key=lambda sector: sector.name)


class ActionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Action.Status.PUBLISHED)

    def whole_city(self):
        """Fiches that name no sector and no REP+ network: they cover the whole city."""
        return self.filter(_names_no_place())

    def covering_sectors(self, sectors):
        """Fiches whose perimeter covers one of ``sectors`` (records or ids): naming it,
        naming one of its REP+ networks, or naming no place at all (the whole city)."""
        return self.filter(
            _linked(Action.sectors.through, sector__in=sectors)
            | _linked(Action.networks.through, network__sector__in=sectors)
            | _names_no_place()
        )

    def covering_networks(self, networks):
        """Fiches whose perimeter covers one of the REP+ ``networks`` (records): naming it,
        naming its sector without naming any network there, or covering the whole city."""
        covers = _linked(Action.networks.through, network__in=networks) | _names_no_place()
        for sector_id in {network.sector_id for network in networks}:
            covers |= _linked(Action.sectors.through, sector=sector_id) & _linked(
                Action.networks.through, False, network__sector=sector_id
            )
        return self.filter(covers)

    def visible_to(self, user):
        """Published fiches; coordinators also see drafts, to check them before publishing.
        A coordinator is who may change fiches: being staff is not enough (an account without
        a group), nor is reading the back office (the read-only group)."""
        if user.has_perm(DRAFT_READERS_PERMISSION):
            return self
        return self.published()

    def for_listing(self):
        """Only what a list of fiches shows: number, title, axe, and as tags the labels of its
        publics (``listed_publics``) and of the sectors it covers (``listed_sectors``, see
        ``covered_sectors``), fetched as plain lists."""
        return (
            self.select_related("axe")
            .only("number", "slug", "title", "axe__number", "axe__title")
            .prefetch_related(
                models.Prefetch("publics", Public.objects.only("label"), to_attr="listed_publics"),
                models.Prefetch("sectors", Sector.objects.only("name"), to_attr="named_sectors"),
                models.Prefetch(
                    "networks",
                    Network.objects.select_related("sector").only("sector__name"),
                    to_attr="named_networks",
                ),
            )
        )

    def for_detail(self):
        return self.select_related("axe", "programmation").prefetch_related(
            "publics",
            "sectors",
            models.Prefetch("networks", Network.objects.select_related("sector")),
            "partners",
            "objectives",
            "resources",
            models.Prefetch(
                "operator_links",
                queryset=ActionOperator.objects.select_related("organisation"),
            ),
            models.Prefetch(
                "contact_links",
                queryset=ActionContact.objects.select_related("contact"),
            ),
        )

    def with_completeness(self):
        def has(relation):
            return Exists(relation.objects.filter(action=OuterRef("pk")))

        return self.annotate(
            has_publics=has(Action.publics.through),
            has_partners=has(Action.partners.through),
            has_contacts=has(ActionContact),
            has_perimeter=has(Action.sectors.through)
            | has(Action.networks.through)
            | ~Q(perimeter_details=""),
        )

    def check_overdue(self, now):
        """Fiches never checked, or last checked longer ago than their update frequency (their
        own, else ``settings.FICHE_CHECK_EVERY_MONTHS``)."""
        overdue = Q(last_checked_at__isnull=True) | Q(
            check_every_months__isnull=True,
            last_checked_at__lt=months_before(now, settings.FICHE_CHECK_EVERY_MONTHS),
        )
        for months in CheckFrequency.values:
            overdue |= Q(check_every_months=months, last_checked_at__lt=months_before(now, months))
        return self.filter(overdue)

    def incomplete(self):
        return self.with_completeness().filter(
            Q(has_publics=False)
            | Q(has_partners=False)
            | Q(has_contacts=False)
            | Q(has_perimeter=False)
        )


def _linked(link_model, linked=True, **conditions):
    """Whether the fiche has a ``link_model`` row meeting ``conditions`` (or none when not
    ``linked``), for conditions joined by OR. Tested as "its first such row is (not) null"
    rather than EXISTS, which PostgreSQL turns into hashes of every link before it reads a
    single fiche (10 ms at 10,000 fiches), where this reads a page's fiches' rows only."""
    first = link_model.objects.filter(action=OuterRef("pk"), **conditions).values("pk")[:1]
    return Q(IsNull(Subquery(first), not linked))


def _names_no_place():
    return _linked(Action.sectors.through, False) & _linked(Action.networks.through, False)


class CheckFrequency(models.IntegerChoices):
    QUARTERLY = 3, _("tous les 3 mois")
    TWICE_A_YEAR = 6, _("tous les 6 mois")
    YEARLY = 12, _("tous les ans")
    EVERY_TWO_YEARS = 24, _("tous les deux ans")


def months_before(moment, months):
    """The same day and time ``months`` earlier (the month's last day when it is shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


class Action(models.Model):
    """A fiche action of a programmation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")

    programmation = models.ForeignKey(
        Programmation,
        verbose_name=_("programmation"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    number = models.PositiveSmallIntegerField(_("numéro de fiche"))
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=255)
    axe = models.ForeignKey(
        Axe, verbose_name=_("axe"), on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField(_("description"), blank=True)
    publics = models.ManyToManyField(
        Public, verbose_name=_("publics cibles"), blank=True, related_name="actions"
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("secteurs"), blank=True, related_name="actions"
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("réseaux REP+"), blank=True, related_name="actions"
    )
    perimeter_details = models.TextField(
        _("précisions sur le périmètre"),
        blank=True,
        help_text=_("Écoles, quartiers ou sites nommés par la fiche."),
    )
    partners = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("partenaires"),
        blank=True,
        related_name="partnered_actions",
    )
    operators = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("opérateurs"),
        through="ActionOperator",
        blank=True,
        related_name="operated_actions",
    )
    contacts = models.ManyToManyField(
        "contacts.Contact",
        verbose_name=_("contacts"),
        through="contacts.ActionContact",
        blank=True,
        related_name="actions",
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("suite de"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("Les fiches de programmations antérieures que celle-ci poursuit."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status, default=Status.DRAFT)
    editorial_note = models.TextField(
        _("note éditoriale"),
        blank=True,
        help_text=_("Ce qui a été reconstitué ou corrigé par rapport à la source, et pourquoi."),
    )
    is_demo = models.BooleanField(
        _("donnée de démonstration"),
        default=False,
        help_text=_("Fiche synthétique créée pour les tests de charge."),
    )
    last_checked_at = models.DateTimeField(
        _("dernière vérification"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Quand un porteur de la fiche l'a confirmée ou qu'une proposition a été acceptée."
        ),
    )
    check_every_months = models.PositiveSmallIntegerField(
        _("fréquence de mise à jour"),
        choices=CheckFrequency,
        null=True,
        blank=True,
        help_text=_("Vide : la fréquence commune (réglage FICHE_CHECK_EVERY_MONTHS)."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Derived from the fiche and what it links to by actions.search; never edited by hand. The
    # stems feed SQLite's FTS5 index; PostgreSQL searches the vectors and leaves them empty.
    search_title_terms = models.TextField(default="", editable=False)
    search_terms = models.TextField(default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_title_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[publics, sectors, networks, partners],
        # A check changes nothing of the fiche itself: it is not a version.
        excluded_fields=[
            "last_checked_at",
            "search_title_terms",
            "search_terms",
            "search_vector",
            "search_title_vector",
        ],
    )
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("fiche action")
        verbose_name_plural = _("fiches action")
        ordering = ["programmation", "number"]
        # The catalogue's sort orders: by axe then number (default), and by title. Published
        # fiches by id: a filter's matches are checked against it without reading the rows.
        indexes = [
            models.Index(fields=["axe", "number"], name="action_axe_number_idx"),
            models.Index(fields=["title"], name="action_title_idx"),
            models.Index(fields=["status", "id"], name="action_status_id_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programmation", "number"],
                name="action_number_unique_per_programmation",
                violation_error_message=_("Ce numéro de fiche existe déjà dans la programmation."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="action_number_positive",
                violation_error_message=_("Le numéro de fiche commence à 1."),
            ),
        ]

    def __str__(self):
        return f"Fiche n°{self.number} – {self.title}"

    def save(self, *args, **kwargs):
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actions:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # /actions/<slug>/ is also where the site's own pages under /actions/ live.
        if self.slug and resolve(self.get_absolute_url()).view_name != "actions:detail":
            raise ValidationError(
                {
                    "slug": _(
                        "« %(slug)s » est l'adresse d'une page du site : choisissez un autre "
                        "identifiant."
                    )
                    % {"slug": self.slug}
                }
            )

    @property
    def check_frequency_months(self):
        return self.check_every_months or settings.FICHE_CHECK_EVERY_MONTHS

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_new(self):
        """Not changed since the day it was created: the latest changes call it new."""
        return self.updated_at.date() == self.created_at.date()

    @property
    def listed_sectors(self):
        """The sectors this fiche covers (``covered_sectors``), from ``for_listing()``."""
        return covered_sectors(self.named_sectors, self.named_networks)

    def perimeter(self):
        """[(sector, [the REP+ networks named there…])…], each covered sector once; empty
        for a fiche that covers the whole city. From ``for_detail()``."""
        networks = list(self.networks.all())
        return [
            (sector, [network for network in networks if network.sector_id == sector.pk])
            for sector in covered_sectors(self.sectors.all(), networks)
        ]

    def contacts_by_role(self):
        """[(role label, [ActionContact…])…] in the order the fiche lists them."""
        groups = {}
        for link in self.contact_links.all():
            groups.setdefault(link.get_role_display(), []).append(link)
        return list(groups.items())


class ActionOperator(models.Model):
    class Role(models.TextChoices):
        OPERATEUR = "operateur", _("Opérateur")
        PRESTATAIRE = "prestataire", _("Prestataire")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="operator_links")
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="operator_links",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role, default=Role.OPERATEUR)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opérateur de la fiche")
        verbose_name_plural = _("opérateurs de la fiche")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation"],
                name="action_operator_unique",
                violation_error_message=_("Cette structure est déjà opérateur de la fiche."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Objective(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    text = models.TextField(_("objectif"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Resource(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="resources")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("titre"), max_length=255)
    url = models.URLField(_("adresse"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ressource complémentaire")
        verbose_name_plural = _("ressources complémentaires")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
