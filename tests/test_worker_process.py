"""The real worker, in a process of its own, against the test database: it makes editions, is
killed in the middle of a render and replaced, and `make run` stops it with the web server."""

import http.client
import io
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from editions.models import Edition
from livret.documents import FICHE, LIVRET
from livret.models import Seminar
from tests.factories import ActionFactory
from worker.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def database_url():
    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.fixture
def environment(database_tasks, tmp_path):
    """What the worker's process is given: the test database, the test's editions folder,
    a quick heartbeat, and a marker to find every process it starts."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EDITIONS_DIR": settings.STORAGES["editions"]["OPTIONS"]["location"],
        "CACHE_DIR": str(tmp_path / "cache"),
        "WORKER_HEARTBEAT_SECONDS": "0.5",
        "WORKER_STALE_SECONDS": "3",
        "DEBUG": "True",
        "CITEEDUCATIVE_TEST_PROCESS": uuid.uuid4().hex,
    }


def start(environment, *arguments):
    return subprocess.Popen(
        [sys.executable, MANAGE, *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_worker(environment):
    return start(environment, "db_worker", "--no-reload", "--interval=0.2", "--no-startup-delay")


def wait_for(condition, *, timeout=120, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Attendu en vain : {what}")


def processes_marked(environment):
    marker = f"CITEEDUCATIVE_TEST_PROCESS={environment['CITEEDUCATIVE_TEST_PROCESS']}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "environ").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def edition_task():
    return DBTaskResult.objects.get(task_path="editions.tasks.make_edition")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_the_worker_makes_a_requested_edition(environment):
    action = ActionFactory(title="Ateliers parents")
    edition = FICHE.request(str(action.pk))
    assert edition.status == Edition.Status.QUEUED
    worker = start_worker(environment)
    try:
        wait_for(lambda: FICHE.freshest(str(action.pk)), what="l'édition de la fiche")
        assert WorkerHeartbeat.objects.exists()
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    edition.refresh_from_db()
    reader = PdfReader(io.BytesIO(edition.file.read()))
    assert "Ateliers parents" in reader.pages[0].extract_text()
    assert edition_task().status == TaskResultStatus.SUCCESSFUL
    assert worker.returncode == 0
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops says so


def test_a_worker_killed_mid_render_is_replaced_and_its_render_resumes(environment, catalogue):
    seminar = Seminar.objects.get()
    edition = LIVRET.request(str(seminar.pk))
    first = start_worker(environment)
    try:
        wait_for(
            lambda: Edition.objects.filter(pk=edition.pk, stage=Edition.Stage.LAYOUT).exists(),
            what="la mise en page",
        )
    finally:
        stop(first)  # the worker, its fork server and the render under way
    task = edition_task()
    assert task.status == TaskResultStatus.RUNNING  # what a killed worker leaves behind
    replacement = start_worker(environment)
    try:
        wait_for(lambda: LIVRET.freshest(str(seminar.pk)), what="le livret repris")
    finally:
        stop(replacement)
    edition.refresh_from_db()
    assert edition.attempts == 2
    assert len(PdfReader(io.BytesIO(edition.file.read())).pages) > 20
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/livret/")
        return connection.getresponse().status == 200
    except OSError:
        return False


def test_ctrl_c_stops_the_web_server_and_the_worker_together(environment):
    port = free_port()
    both = start(environment, "runserver_with_worker", f"127.0.0.1:{port}")
    try:
        wait_for(lambda: answers(port), timeout=60, what="le serveur")
        wait_for(WorkerHeartbeat.objects.exists, timeout=60, what="le worker")
        assert len(processes_marked(environment)) >= 4  # both, each with its autoreloader
        os.killpg(both.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        both.wait(timeout=60)
    finally:
        stop(both)
    assert processes_marked(environment) == []
    assert not answers(port)
