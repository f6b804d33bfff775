from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilanConfig(AppConfig):
    name = "bilan"
    verbose_name = _("Bilan et suivi des actions")

    def ready(self):
        from . import freshness  # noqa: F401  (listens to the catalogue's changes)
