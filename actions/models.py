from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contacts.models import ActionContact

from .richtext import sanitize_html


class CiteEducative(models.Model):
    """The presentation the home page gives of the Cité éducative; a single row."""

    name = models.CharField(_("nom"), max_length=150)
    presentation = models.TextField(_("présentation"), blank=True)
    pupil_count = models.PositiveIntegerField(_("nombre d'élèves"), null=True, blank=True)
    source = models.CharField(_("source des chiffres"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("présentation de la Cité éducative")
        verbose_name_plural = _("présentation de la Cité éducative")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.presentation = sanitize_html(self.presentation)
        super().save(*args, **kwargs)


class Programmation(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=20, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("année de début"))
    end_year = models.PositiveSmallIntegerField(_("année de fin"))

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


class ActionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Action.Status.PUBLISHED)

    def for_listing(self):
        """Only what a list of fiches shows: number, title, axe, and as tags the labels of its
        publics (``listed_publics``) and sectors (``listed_sectors``), fetched as plain lists."""
        return (
            self.select_related("axe")
            .only("number", "slug", "title", "axe__number", "axe__title")
            .prefetch_related(
                models.Prefetch("publics", Public.objects.only("label"), to_attr="listed_publics"),
                models.Prefetch("sectors", Sector.objects.only("name"), to_attr="listed_sectors"),
            )
        )

    def for_detail(self):
        return self.select_related("axe", "programmation").prefetch_related(
            "publics",
            "sectors",
            "networks",
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

    def search(self, text):
        from .search import search

        return search(self, text)

    def incomplete(self):
        return self.with_completeness().filter(
            Q(has_publics=False)
            | Q(has_partners=False)
            | Q(has_contacts=False)
            | Q(has_perimeter=False)
        )


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
        excluded_fields=[
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

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

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


class Seminar(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    programmation = models.ForeignKey(
        Programmation,
        verbose_name=_("programmation"),
        on_delete=models.PROTECT,
        related_name="seminars",
    )
    introduction = models.TextField(_("introduction du livret"), blank=True)
    preamble_title = models.CharField(_("titre du préambule"), max_length=255, blank=True)
    preamble = models.TextField(_("préambule du programme"), blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
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
        Axe, verbose_name=_("axe"), on_delete=models.SET_NULL, null=True, blank=True
    )
    title = models.CharField(_("titre"), max_length=255)
    subtitle = models.CharField(_("sous-titre"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
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
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["position", "pk"]

    def __str__(self):
        return " – ".join(part for part in (self.topic, self.name) if part)
