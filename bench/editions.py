"""Benchmark of livret downloads right after an edit, with the worker making the new edition.

    .venv/bin/python bench/editions.py          # part of: make bench

A throwaway PostgreSQL database (``citeeducative_editions``) is loaded with the real fiches;
gunicorn (production settings, loopback only) and one task worker (``db_worker``) serve it.
Once the worker has made the first livret, in each of ``EDITIONS_BENCH_ROUNDS`` rounds (3),
after the minimum interval between two renders of a document (``EDITIONS_MIN_INTERVAL``, set to
15 s here so that rounds need not wait a minute) this process edits a fiche, then at once:

1. 10, then 50 concurrent downloads of the livret: every answer within 0.5 s, none 5xx (the
   previous edition is served while the new one is made);
2. one download every 0.1 s until the new edition is served: the time from the edit, against
   WeasyPrint alone on the same HTML in this process just before (goal: median ≤ 1.2×);
3. the renders counted (editions rendered since the edit): exactly one;
4. the peak memory (VmHWM) of the web processes, after the rounds and three more renders with
   downloads meanwhile: unchanged (renders are in the worker's process).

A missed goal is printed MISSED; the exit status stays 0 unless the bench itself fails.
"""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8766
DATABASE_URL = os.getenv(
    "EDITIONS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/citeeducative_editions"
)
LIVRET = "/livret/seminaire-2022-10-11.pdf"
GOAL_SECONDS, GOAL_RATIO, MEMORY_SLACK_KIB = 0.5, 1.2, 5 * 1024
ROUNDS = int(os.getenv("EDITIONS_BENCH_ROUNDS", "3"))
FOLDER = Path(tempfile.mkdtemp(prefix="editions-bench-"))
ENVIRONMENT = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "False",
    "SECRET_KEY": "editions-bench-only-" + "x" * 40,
    "ALLOWED_HOSTS": HOST,
    "DB_CONN_MAX_AGE": "60",
    "CACHE_DIR": str(FOLDER / "cache"),
    "EDITIONS_DIR": str(FOLDER / "editions"),
    "SECURE_SSL_REDIRECT": "False",
    # Rounds 15 s apart rather than a minute (the minimum interval between two renders).
    "EDITIONS_MIN_INTERVAL": "15",
}


def verdict(ok):
    return "OK" if ok else "MISSED"


def prepare():
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    for command in (["migrate", "--noinput"], ["load_catalogue"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=ENVIRONMENT, check=True
        )
    os.environ.update(ENVIRONMENT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def start(*command):
    return subprocess.Popen(command, cwd=ROOT, env=ENVIRONMENT)


def download(results=None):
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        connection.request("GET", LIVRET)
        response = connection.getresponse()
        response.read()
        outcome = (time.perf_counter() - started, response.status, response.getheader("ETag"))
        connection.close()
    except (OSError, http.client.HTTPException):
        outcome = (time.perf_counter() - started, 0, None)
    if results is not None:
        results.append(outcome)
    return outcome


def concurrent_downloads(count):
    results = []
    threads = [threading.Thread(target=download, args=(results,)) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def wait_for(condition, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise RuntimeError("attente dépassée")


def web_peak_kib(server):
    """The largest peak resident memory of gunicorn's worker processes."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]))
    return max(peaks)


def weasyprint_alone(seminar):
    from livret.rendering import STYLESHEET, livret_html
    from pdfs import render as pdf_render
    from pdfs.child import write_pdf

    html = livret_html(seminar=seminar)
    base_url, roots = pdf_render.static_base_url(STYLESHEET), pdf_render.allowed_roots()
    write_pdf(html, base_url=base_url, roots=roots)  # warm-up
    durations = []
    for _ in range(2):
        started = time.perf_counter()
        write_pdf(html, base_url=base_url, roots=roots)
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def edit_and_download(seminar, round_number):
    """One edit after a quiet spell, the downloads that follow it, and the time until the new
    edition is served; returns that time over WeasyPrint's alone (measured just before)."""
    from django.conf import settings
    from django.utils import timezone

    from actions.models import Action
    from editions.models import Edition
    from livret.documents import LIVRET as KIND

    key = str(seminar.pk)
    alone = weasyprint_alone(seminar)
    # The edit comes once the minimum interval since the previous render has passed: the new
    # edition then starts at once (EDITIONS_DELAY is 0 by default).
    previous = KIND.freshest(key)
    ready_at = previous.started_at.timestamp() + settings.EDITIONS_MIN_INTERVAL
    time.sleep(max(0, ready_at - time.time()))
    action = Action.objects.get(number=1)
    action.title = f"{action.title.split(' (')[0]} (mise à jour {round_number + 1})"
    edited, edited_at = time.perf_counter(), timezone.now()
    action.save()

    old_etag = download()[2]
    print(f"\n== Tour {round_number + 1} : téléchargements du livret juste après une modification")
    report_round("10 téléchargements simultanés", concurrent_downloads(10), old_etag)
    report_round("50 téléchargements simultanés", concurrent_downloads(50), old_etag)
    while download()[2] == old_etag:
        time.sleep(0.1)
    fresh = time.perf_counter() - edited
    made = Edition.objects.filter(kind=KIND.name, rendered=True, requested_at__gte=edited_at)
    rendered = made.count()
    edition = made.first()
    print(
        f"nouvelle édition servie après {fresh:6.2f} s = {fresh / alone:.2f}× WeasyPrint seul "
        f"({alone:.2f} s) ; attente du worker "
        f"{(edition.started_at - edited_at).total_seconds():.2f} s, préparation "
        f"{edition.duration.total_seconds():.2f} s"
    )
    print(f"rendus après la modification  {rendered}        objectif 1 : {verdict(rendered == 1)}")
    return fresh / alone


def report_round(label, results, old_etag):
    slowest = max(seconds for seconds, _status, _etag in results)
    errors = sum(1 for _seconds, status, _etag in results if status == 0 or status >= 500)
    previous = sum(1 for _seconds, _status, etag in results if etag == old_etag)
    ok = slowest <= GOAL_SECONDS and errors == 0
    print(
        f"{label:28} plus lente {slowest * 1000:6.0f} ms, {errors} erreur(s), "
        f"{previous}/{len(results)} servies de l'édition précédente   "
        f"objectif ≤ {GOAL_SECONDS * 1000:.0f} ms, 0 erreur : {verdict(ok)}"
    )


def main():
    try:
        prepare()
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"Mesure des éditions sautée : PostgreSQL indisponible ({error}).")
        return
    from actions.models import Action
    from editions.models import Edition
    from livret.documents import LIVRET as KIND
    from livret.models import Seminar

    seminar = Seminar.objects.get(slug="seminaire-2022-10-11")
    key = str(seminar.pk)
    server = start(
        sys.executable, "-m", "gunicorn", "citeeducative.wsgi", "--bind", f"{HOST}:{PORT}",
        "--workers", str(2 * os.cpu_count() + 1), "--threads", "4", "--log-level", "warning",
    )  # fmt: skip
    worker = start(sys.executable, "manage.py", "db_worker", "--no-reload", "--interval=0.2", "-v0")
    try:
        wait_for(lambda: KIND.freshest(key) is not None)  # the worker's first livret
        for _ in range(3):
            download()
        baseline_kib = web_peak_kib(server)
        ratios = [edit_and_download(seminar, round_number) for round_number in range(ROUNDS)]
        ratio = statistics.median(ratios)
        print(
            f"\nrapport médian sur {ROUNDS} tours   {ratio:6.2f}×   "
            f"objectif ≤ {GOAL_RATIO}× : {verdict(ratio <= GOAL_RATIO)}"
        )
        action = Action.objects.get(number=1)
        for cycle in range(3):  # three more renders, downloads meanwhile
            action.title = f"Titre {cycle}"
            action.save()
            edition = KIND.request(key)
            while not Edition.objects.get(pk=edition.pk).is_finished:
                download()
                time.sleep(0.2)
        peak_kib = web_peak_kib(server)
        growth = peak_kib - baseline_kib
        print(
            f"mémoire de pointe du web      {baseline_kib / 1024:6.0f} Mio avant, "
            f"{peak_kib / 1024:.0f} Mio après {ROUNDS + 3} rendus (+{growth / 1024:.1f})   "
            f"objectif +{MEMORY_SLACK_KIB // 1024} Mio au plus : "
            f"{verdict(growth <= MEMORY_SLACK_KIB)}"
        )
    finally:
        for process in (worker, server):
            process.terminate()
        for process in (worker, server):
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
