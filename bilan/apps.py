from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilanConfig(AppConfig):
    name = "bilan"
    verbose_name = _("Bilan et suivi des actions")

    def ready(self):
        # Listening to the catalogue's changes; the follow-ups in each version of a fiche.
        from . import freshness, versions  # noqa: F401
