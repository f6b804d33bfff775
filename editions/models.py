"""An edition: one rendering of a document (a seminar's livret, a fiche, a selection…) into a
PDF file, from the request that asked for it to the file that is served."""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def edition_storage():
    """Where the PDF files go: never a public URL, they are served by the views that check who
    may read them (``STORAGES["editions"]``)."""
    return storages["editions"]


class EditionQuerySet(models.QuerySet):
    def of(self, kind, key):
        return self.filter(kind=kind, key=key)

    def ready(self):
        return self.filter(status=Edition.Status.READY)

    def unfinished(self):
        return self.filter(status__in=[Edition.Status.QUEUED, Edition.Status.RENDERING])


class Edition(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RENDERING = "rendering", _("en préparation")
        READY = "ready", _("prête")
        FAILED = "failed", _("en échec")

    class Stage(models.TextChoices):
        HTML = "html", _("Rassemblement du contenu")
        LAYOUT = "layout", _("Mise en page")
        PDF = "pdf", _("Écriture du PDF")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("type de document"), max_length=40)
    key = models.CharField(_("document"), max_length=200)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status, default=Status.QUEUED)
    stage = models.CharField(_("étape"), max_length=10, choices=Stage, blank=True)
    items = models.PositiveIntegerField(_("fiches"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    file = models.FileField(_("fichier"), storage=edition_storage, max_length=300, blank=True)
    size = models.PositiveIntegerField(_("taille (octets)"), null=True, blank=True)
    html_hash = models.CharField(_("empreinte du HTML"), max_length=64, blank=True)
    rendered = models.BooleanField(
        _("rendu"),
        default=False,
        help_text=_("Faux quand le contenu n'avait pas changé : le fichier précédent sert."),
    )
    error = models.TextField(_("erreur"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    task_id = models.CharField(_("tâche"), max_length=64, blank=True)
    requests = models.PositiveIntegerField(_("demandes regroupées"), default=1)
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    scheduled_for = models.DateTimeField(_("prévue le"), default=timezone.now)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["kind", "key", "status", "-requested_at"], name="edition_lookup")
        ]
        constraints = [
            # Every request that comes while an edition waits joins it: ten edits, one render.
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(status="queued"),
                name="one_waiting_edition_per_document",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in {self.Status.READY, self.Status.FAILED}

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
