from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.urls import reverse

from actions.models import Action
from citeeducative.sitemaps import PublicSitemap

from .models import Seminar


class LivretSitemap(PublicSitemap):
    """Each seminar's livret (PDF), changed with the seminar or one of its published fiches."""

    def items(self):
        published = Q(programmation__actions__status=Action.Status.PUBLISHED)
        return Seminar.objects.annotate(
            changed_at=Greatest(
                "updated_at", Max("programmation__actions__updated_at", filter=published)
            )
        ).order_by("-date")

    def location(self, seminar):
        return reverse("livret:pdf", args=[seminar.slug])

    def lastmod(self, seminar):
        return seminar.changed_at or seminar.updated_at
