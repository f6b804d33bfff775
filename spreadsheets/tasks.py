"""The worker's periodic tidying of the imports (settings.PERIODIC_TASKS)."""

from django.tasks import task

from .waiting import WaitingFileStorage


@task
def prune_waiting_imports():
    """Delete the files of previews never confirmed, past their lifetime."""
    return WaitingFileStorage.prune()
