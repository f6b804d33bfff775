"""The files of import previews awaiting their confirmation.

They are kept in ``STORAGES["import_export"]`` (``IMPORTS_DIR``), which every web process
shares: the confirmation may reach another process than the preview. A file is deleted when
its import is confirmed, when its preview is refused (nothing to confirm), and past
``IMPORT_PREVIEW_LIFETIME_MINUTES`` by the worker (``tasks.prune_waiting_imports``)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from import_export.tmp_storages import MediaStorage


class WaitingFileStorage(MediaStorage):
    FOLDER = "en-attente"

    def __init__(self, **kwargs):
        super().__init__(**kwargs, MEDIA_FOLDER=self.FOLDER)

    def exists(self):
        return bool(self.name) and self._storage.exists(self.get_full_path())

    @classmethod
    def prune(cls):
        """Delete the waiting files older than their lifetime; returns how many."""
        files = cls()._storage
        if not files.exists(cls.FOLDER):
            return 0
        cutoff = timezone.now() - timedelta(minutes=settings.IMPORT_PREVIEW_LIFETIME_MINUTES)
        deleted = 0
        for name in files.listdir(cls.FOLDER)[1]:
            path = f"{cls.FOLDER}/{name}"
            if files.get_modified_time(path) < cutoff:
                files.delete(path)
                deleted += 1
        return deleted
