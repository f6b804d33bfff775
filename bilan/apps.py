from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilanConfig(AppConfig):
    name = "bilan"
    verbose_name = _("Bilan et suivi des actions")

    def ready(self):
        from . import freshness

        freshness.watch_catalogue()
