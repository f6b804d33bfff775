from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Catalogue des actions")

    def ready(self):
        from .search import indexing  # noqa: F401  (its receivers keep the search columns)
