from django.tasks import task

from .documents import LIVRET
from .models import Seminar


@task
def prepare_livrets():
    """Ask for the livret of every seminar that has none yet nor one coming: a new seminar's
    livret is ready before its first download (the worker runs this periodically)."""
    for pk in Seminar.objects.values_list("pk", flat=True):
        key = str(pk)
        if LIVRET.freshest(key) is None and LIVRET.coming(key) is None:
            LIVRET.request(key)
