"""The sitemap's sections share the public address (``SITE_URL``): the addresses they give
are those of the canonical links, whatever host the sitemap was asked under."""

from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actions.models import Action


class PublicSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(PublicSitemap):
    """The home page and the list pages, changed whenever a published fiche was."""

    url_names = ["home", "actions:list", "contacts:list", "partners:list", "livret:list"]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)

    @cached_property
    def latest_change(self):
        latest = Action.objects.published().order_by("-updated_at")
        return latest.values_list("updated_at", flat=True).first()

    def lastmod(self, item):
        return self.latest_change
