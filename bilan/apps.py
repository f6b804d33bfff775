from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges


def _follow_up_changed(sender, **kwargs):
    from citeeducative.caching import catalogue_changed

    if sender._meta.app_label == "bilan" and not issubclass(sender, HistoricalChanges):
        catalogue_changed()


class BilanConfig(AppConfig):
    name = "bilan"
    verbose_name = _("Bilan et suivi des actions")

    def ready(self):
        # A follow-up changes the bilan's figures and documents, all kept under the
        # catalogue's version: a change to one is a change to the catalogue.
        for signal in (post_save, post_delete):
            signal.connect(_follow_up_changed, dispatch_uid=f"bilan-changed-{signal}")
