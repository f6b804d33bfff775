from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "editions"
    verbose_name = _("Documents PDF")

    def ready(self):
        # Each app declares its kinds of document in its ``documents`` module (``DocumentKind``).
        autodiscover_modules("documents")
