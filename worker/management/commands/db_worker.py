"""django-tasks-db's ``db_worker``, with a companion thread (``worker.supervision``): the
worker's heartbeat, the tasks of dead workers taken up again, and the periodic tasks
(``PERIODIC_TASKS``). Same options as the original (``--queue-name``, ``--interval``,
``--batch``, ``--max-tasks``, ``--worker-id``…).

Stopping: a first SIGTERM or SIGINT lets the running task finish; a second one stops it, and
the task goes back to the queue instead of being marked failed.
"""

import os

from django.core.management.base import CommandError
from django.tasks import TaskResultStatus
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from worker.supervision import Companion, requeue

INTERRUPTIONS = {"builtins.SystemExit", "builtins.KeyboardInterrupt"}


class Worker(db_worker.Worker):
    def run(self):
        companion = Companion(self.worker_id)
        companion.start()
        try:
            super().run()
        finally:
            companion.stop()

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        interrupted = (
            not self.running
            and db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in INTERRUPTIONS
        )
        if interrupted:
            requeue(db_task_result, status=TaskResultStatus.FAILED)


class Command(db_worker.Command):
    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues ne s'emploie qu'avec --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
