from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CiteEducativeConfig(AppConfig):
    default = True
    name = "citeeducative"
    verbose_name = _("Cité éducative")

    def ready(self):
        from . import caching, checks  # noqa: F401 (checks register themselves)
        from .permissions import sync_groups

        caching.watch_catalogue()
        post_migrate.connect(sync_groups, sender=self)


class CoordinationAdminConfig(admin_apps.AdminConfig):
    """The admin, titled with the Cité éducative's own name."""

    default = False
    default_site = "citeeducative.admin.CoordinationSite"
