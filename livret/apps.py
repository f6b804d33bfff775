from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivretConfig(AppConfig):
    name = "livret"
    verbose_name = _("Séminaires et livrets")

    def ready(self):
        from . import freshness  # noqa: F401  (listens to the catalogue's changes)
