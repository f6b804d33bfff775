from django.tasks import task

from .digests import send_digests


@task
def send_search_alerts():
    """The daily digests of the followed searches (see ``alerts.digests``), for the worker."""
    return send_digests()
