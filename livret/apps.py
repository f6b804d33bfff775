from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivretConfig(AppConfig):
    name = "livret"
    verbose_name = _("Séminaires et livrets")

    def ready(self):
        from . import freshness

        freshness.watch_catalogue()
