from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Catalogue des actions")

    def ready(self):
        from . import signals  # noqa: F401
        from .permissions import sync_groups

        post_migrate.connect(sync_groups, sender=self)
