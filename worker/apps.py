from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = _("Tâches de fond")

    def ready(self):
        from . import checks  # noqa: F401
