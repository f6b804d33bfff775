"""``make run``: the development server and the task worker together. Each runs in a process
group of its own, so that Ctrl-C here stops both, with their children (the autoreloaders,
a render under way), and nothing is left running."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 5


class Command(BaseCommand):
    help = "Lance le serveur de développement et le worker des tâches ; Ctrl-C arrête les deux."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *, addrport, **options):
        manage = [sys.executable, os.path.abspath(sys.argv[0])]
        children = [
            subprocess.Popen([*manage, "db_worker"], start_new_session=True),
            subprocess.Popen([*manage, "runserver", addrport], start_new_session=True),
        ]
        stop = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda signum, frame: stop.append(signum))
        try:
            while not stop and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            for child in children:
                _stop_group(child)
        self.stdout.write("Serveur et worker arrêtés.")


def _stop_group(child):
    """SIGINT, then, if the group lingers, SIGTERM (the worker then puts its task back in
    the queue), then SIGKILL."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(child.pid, signum)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + GRACE_SECONDS
        while time.monotonic() < deadline and _group_alive(child):
            time.sleep(0.1)
        if not _group_alive(child):
            break
    child.wait()


def _group_alive(child):
    child.poll()
    try:
        os.killpg(child.pid, 0)
    except ProcessLookupError:
        return False
    return True
