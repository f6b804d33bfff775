from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running worker says it is alive every few seconds: the tasks a silent worker had
    started are put back in the queue (``worker.supervision``)."""

    worker_id = models.CharField(_("identifiant"), max_length=64, primary_key=True)
    hostname = models.CharField(_("machine"), max_length=255)
    pid = models.PositiveIntegerField(_("processus"))
    started_at = models.DateTimeField(_("démarré le"))
    seen_at = models.DateTimeField(_("vu le"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


class PeriodicTaskRun(models.Model):
    """When a periodic task (``PERIODIC_TASKS``) is next due; workers claim a run by moving
    ``next_run_at`` on, so that one of them only enqueues it (``worker.scheduler``)."""

    task_path = models.CharField(_("tâche"), max_length=200, primary_key=True)
    schedule = models.CharField(_("programmation"), max_length=100)
    next_run_at = models.DateTimeField(_("prochaine exécution"))
    last_enqueued_at = models.DateTimeField(_("dernière mise en file"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")

    def __str__(self):
        return self.task_path
