"""``PERIODIC_TASKS`` is checked when the project starts: a typo stops it with a clear message
rather than a task that silently never runs."""

from datetime import time, timedelta

from django.conf import settings
from django.core import checks
from django.tasks import Task
from django.utils.module_loading import import_string


@checks.register
def check_periodic_tasks(app_configs=None, **kwargs):
    errors = []
    for path, schedule in getattr(settings, "PERIODIC_TASKS", {}).items():
        try:
            task = import_string(path)
        except ImportError:
            task = None
        if not isinstance(task, Task):
            errors.append(_error(f"{path} n'est pas une tâche (@task) importable."))
        valid = (
            isinstance(schedule, dict)
            and len(schedule) == 1
            and (
                (isinstance(schedule.get("every"), timedelta) and schedule["every"] > timedelta(0))
                or isinstance(schedule.get("daily_at"), time)
            )
        )
        if not valid:
            errors.append(
                _error(
                    f"{path} : la programmation doit être {{'every': timedelta(...)}} "
                    f"ou {{'daily_at': time(...)}}, pas {schedule!r}."
                )
            )
    return errors


def _error(message):
    return checks.Error(message, obj="PERIODIC_TASKS", id="worker.E001")
