"""Periodic tasks, enqueued by the workers themselves: no cron, no other process.

``settings.PERIODIC_TASKS`` maps a task's dotted path (a ``django.tasks`` ``@task`` taking no
argument) to when it runs: ``{"every": timedelta(...)}`` (first run when a worker starts) or
``{"daily_at": time(7, 0)}`` (local time, ``TIME_ZONE``)::

    PERIODIC_TASKS = {
        "alerts.tasks.send_search_alerts": {"daily_at": time(7, 0)},
        "livret.tasks.prepare_livrets": {"every": timedelta(minutes=15)},
    }

Each worker calls ``enqueue_due_tasks`` every few seconds. A run is claimed by moving its
``next_run_at`` on in one conditional UPDATE, in the same transaction as the enqueue: however
many workers run, each due run is enqueued once.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicTaskRun

logger = logging.getLogger(__name__)


def describe(schedule):
    if "every" in schedule:
        return f"every {int(schedule['every'].total_seconds())}s"
    return f"daily at {schedule['daily_at']:%H:%M}"


def first_run(schedule, now):
    if "every" in schedule:
        return now
    return next_run(schedule, now)


def next_run(schedule, now):
    """The run after ``now``."""
    if "every" in schedule:
        return now + schedule["every"]
    local = timezone.localtime(now)
    candidate = timezone.make_aware(datetime.combine(local.date(), schedule["daily_at"]))
    if candidate <= now:
        candidate = timezone.make_aware(
            datetime.combine(local.date() + timedelta(days=1), schedule["daily_at"])
        )
    return candidate


def enqueue_due_tasks(now=None):
    """Enqueue the periodic tasks that are due; returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for path, schedule in settings.PERIODIC_TASKS.items():
        run = _run(path, schedule, now)
        if run.next_run_at > now:
            continue
        with transaction.atomic():
            claimed = PeriodicTaskRun.objects.filter(
                task_path=path, next_run_at=run.next_run_at
            ).update(next_run_at=next_run(schedule, now), last_enqueued_at=now)
            if claimed:
                import_string(path).enqueue()
                enqueued.append(path)
    if enqueued:
        logger.info("Tâches périodiques mises en file : %s", ", ".join(enqueued))
    return enqueued


def _run(path, schedule, now):
    run, created = PeriodicTaskRun.objects.get_or_create(
        task_path=path,
        defaults={"schedule": describe(schedule), "next_run_at": first_run(schedule, now)},
    )
    if not created and run.schedule != describe(schedule):
        # The setting changed: the new schedule applies from now on.
        run.schedule, run.next_run_at = describe(schedule), first_run(schedule, now)
        PeriodicTaskRun.objects.filter(pk=path).update(
            schedule=run.schedule, next_run_at=run.next_run_at
        )
    return run
