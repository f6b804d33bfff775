"""The worker's companion: periodic tasks, heartbeats, tasks of dead workers taken up again."""

from datetime import UTC, datetime, time, timedelta
from unittest import mock

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.editions_kind import in_process_worker
from worker.checks import check_periodic_tasks
from worker.models import PeriodicTaskRun, WorkerHeartbeat
from worker.scheduler import enqueue_due_tasks, next_run
from worker.supervision import Companion, beat, requeue_stale_tasks

pytestmark = pytest.mark.django_db

PRUNE = "editions.tasks.prune_editions"
NOON = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)  # 12:00 in Paris


@pytest.fixture
def periodic(settings, database_tasks):
    settings.PERIODIC_TASKS = {PRUNE: {"every": timedelta(hours=1)}}
    return settings


def queued(path=PRUNE):
    return DBTaskResult.objects.filter(task_path=path).count()


def test_an_interval_task_runs_when_a_worker_starts_then_every_interval(periodic):
    assert enqueue_due_tasks(now=NOON) == [PRUNE]
    assert enqueue_due_tasks(now=NOON + timedelta(minutes=59)) == []
    assert enqueue_due_tasks(now=NOON + timedelta(minutes=61)) == [PRUNE]
    assert queued() == 2


def test_several_workers_enqueue_a_due_run_once(periodic):
    enqueue_due_tasks(now=NOON)
    later = NOON + timedelta(hours=2)
    for _ in range(5):
        enqueue_due_tasks(now=later)
    assert queued() == 2


def test_a_run_claimed_by_another_worker_meanwhile_is_not_enqueued_twice(periodic):
    enqueue_due_tasks(now=NOON)
    later = NOON + timedelta(hours=2)
    stale = PeriodicTaskRun.objects.get()  # what a second worker read…
    enqueue_due_tasks(now=later)  # …before the first one claimed the run
    with mock.patch("worker.scheduler._run", return_value=stale):
        assert enqueue_due_tasks(now=later) == []
    assert queued() == 2


def test_a_daily_task_runs_at_its_local_time(settings, database_tasks):
    settings.PERIODIC_TASKS = {PRUNE: {"daily_at": time(7, 0)}}
    assert enqueue_due_tasks(now=NOON) == []
    run = PeriodicTaskRun.objects.get()
    assert timezone.localtime(run.next_run_at).isoformat() == "2026-03-11T07:00:00+01:00"
    assert enqueue_due_tasks(now=run.next_run_at) == [PRUNE]
    assert timezone.localtime(PeriodicTaskRun.objects.get().next_run_at).day == 12


def test_the_next_daily_run_is_today_when_its_time_is_still_to_come():
    morning = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)  # 06:00 in Paris
    due = next_run({"daily_at": time(7, 0)}, morning)
    assert timezone.localtime(due).isoformat() == "2026-03-10T07:00:00+01:00"


def test_a_changed_schedule_applies_at_once(periodic):
    enqueue_due_tasks(now=NOON)
    periodic.PERIODIC_TASKS = {PRUNE: {"every": timedelta(minutes=5)}}
    assert enqueue_due_tasks(now=NOON + timedelta(minutes=1)) == [PRUNE]
    assert PeriodicTaskRun.objects.get().schedule == "every 300s"


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({"every": 3600}, "la programmation doit être"),
        ({"daily_at": "07:00"}, "la programmation doit être"),
        ({"every": timedelta(0)}, "la programmation doit être"),
    ],
)
def test_a_wrong_schedule_is_reported_at_start(settings, schedule, message):
    settings.PERIODIC_TASKS = {PRUNE: schedule}
    [error] = check_periodic_tasks()
    assert message in error.msg


def test_a_path_that_is_no_task_is_reported_at_start(settings):
    settings.PERIODIC_TASKS = {"editions.tasks.inconnue": {"every": timedelta(hours=1)}}
    [error] = check_periodic_tasks()
    assert error.msg == "editions.tasks.inconnue n'est pas une tâche (@task) importable."


def test_the_project_schedule_is_valid():
    assert check_periodic_tasks() == []


# Tasks of dead workers.


def running_task(worker_id, started_minutes_ago):
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=PRUNE,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
        worker_ids=[worker_id],
    )
    return result


def test_the_task_of_a_silent_worker_goes_back_to_the_queue(settings):
    settings.WORKER_STALE_SECONDS = 60
    beat("mort", started_at=timezone.now(), now=timezone.now() - timedelta(minutes=5))
    task = running_task("mort", started_minutes_ago=5)
    assert requeue_stale_tasks() == [task.id]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.started_at is None


def test_the_task_of_a_live_worker_is_left_running(settings):
    settings.WORKER_STALE_SECONDS = 60
    beat("vivant", started_at=timezone.now())
    running_task("vivant", started_minutes_ago=30)
    assert requeue_stale_tasks() == []


def test_a_task_just_started_by_an_unknown_worker_is_left_running(settings):
    settings.WORKER_STALE_SECONDS = 60
    running_task("nouveau", started_minutes_ago=0)
    assert requeue_stale_tasks() == []


def test_old_heartbeats_are_forgotten():
    beat("ancien", started_at=timezone.now(), now=timezone.now() - timedelta(days=2))
    requeue_stale_tasks()
    assert not WorkerHeartbeat.objects.exists()


def test_a_tick_of_the_companion_beats_and_enqueues_what_is_due(periodic):
    companion = Companion("compagnon")
    with mock.patch("worker.supervision.connection"):  # keep the test's connection open
        companion.tick()
    assert WorkerHeartbeat.objects.get().worker_id == "compagnon"
    assert queued() == 1


def test_a_failing_tick_does_not_stop_the_companion(periodic):
    companion = Companion("compagnon")
    with (
        mock.patch("worker.supervision.connection"),
        mock.patch("worker.supervision.beat", side_effect=RuntimeError("base absente")),
    ):
        companion.tick()  # logged, no exception


def test_a_task_stopped_by_a_second_signal_goes_back_to_the_queue(database_tasks):
    worker = in_process_worker("arrete")
    task = running_task("arrete", started_minutes_ago=0)
    worker.running = False  # a first signal came; the second one exits the task:
    with mock.patch("django.tasks.base.Task.call", side_effect=SystemExit(1)):
        worker.run_task(task)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_prune_task_results_forgets_old_finished_tasks(database_tasks):
    from worker.tasks import prune_task_results

    old = running_task("x", started_minutes_ago=0)
    DBTaskResult.objects.filter(pk=old.pk).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now() - timedelta(days=8)
    )
    recent = running_task("x", started_minutes_ago=0)
    prune_task_results.call()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]
