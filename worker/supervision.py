"""A worker's companion thread: it says the worker is alive, puts back in the queue the tasks a
dead worker had started, and enqueues the periodic tasks that are due.

django-tasks-db marks a task RUNNING when a worker takes it; should that worker die (killed,
machine restarted), the row would stay RUNNING for ever. Each worker records a heartbeat every
``WORKER_HEARTBEAT_SECONDS``; a RUNNING task whose worker has not been seen for
``WORKER_STALE_SECONDS`` is made READY again, and the next free worker runs it from the start
(tasks are written to be run again: an edition resumes, a mail may go twice rather than never).
"""

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat
from .scheduler import enqueue_due_tasks

logger = logging.getLogger(__name__)


def beat(worker_id, *, started_at, now=None):
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )


def requeue_stale_tasks(now=None):
    """Make READY again the RUNNING tasks of workers not seen lately; returns their ids."""
    now = now or timezone.now()
    silent_since = now - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=silent_since).values_list(
            "worker_id", flat=True
        )
    )
    requeued = []
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=silent_since
    )
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        if requeue(result):
            logger.warning(
                "Tâche %s (%s) reprise : son worker %s ne répond plus.",
                result.id,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "?",
            )
            requeued.append(result.id)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return requeued


def requeue(result, *, status=TaskResultStatus.RUNNING):
    """Back to READY, if it is still in ``status``."""
    return DBTaskResult.objects.filter(pk=result.pk, status=status).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        exception_class_path="",
        traceback="",
    )


class Companion(threading.Thread):
    def __init__(self, worker_id):
        super().__init__(name="worker-companion", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            self.tick()
            self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS)
        connection.close()

    def tick(self):
        try:
            with transaction.atomic():
                beat(self.worker_id, started_at=self.started_at)
            requeue_stale_tasks()
            enqueue_due_tasks()
        except Exception:
            # The database away or busy (SQLite locked), a task that will not import: the
            # worker goes on, and the next tick tries again.
            logger.exception("Worker %s : tour de surveillance en échec.", self.worker_id)
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=settings.WORKER_HEARTBEAT_SECONDS + 5)
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
