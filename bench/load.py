"""Load test: 50 concurrent users on gunicorn + PostgreSQL, on loopback only, for 60 seconds.

    .venv/bin/python bench/load.py          # part of: make bench

A throwaway PostgreSQL database (``citeeducative_load``) is migrated and loaded with the real
fiches; gunicorn serves it on 127.0.0.1 with production settings (DEBUG=False). Each simulated
user loops over what people do: the catalogue, a search, a filtered list, a fiche, the
directories and the livret (made by the task worker before the test: it is then served at once).
Reported: p50 and p95 per page, requests per second, errors. Goals: 0 errors, p95 ≤ 100 ms for
the catalogue pages. The run is bounded (DURATION seconds, then every thread stops).
"""

import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8765
USERS = int(os.getenv("LOAD_USERS", "50"))
# A person reads a page before the next one: on average THINK seconds (0 for a stress test).
THINK = float(os.getenv("LOAD_THINK_SECONDS", "1"))
DURATION = int(os.getenv("LOAD_DURATION", "60"))
DATABASE_URL = os.getenv(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/citeeducative_load"
)
GOAL_P95_MS = 100
PAGES = [
    ("catalogue", "/actions/"),
    ("recherche", "/actions/?q=parents"),
    ("recherche", "/actions/?q=evitement+scolaire"),
    ("filtres", "/actions/?secteur=nord&age=10"),
    ("filtres", "/actions/?axe=lutte-contre-les-determinismes&tri=titre"),
    ("fiche", "/actions/poste-liaison-familles-ecoles-quartier/"),
    ("fiche", "/actions/equipe-mobile-medico-sociale/"),
    ("annuaire", "/contacts/"),
    ("annuaire", "/partenaires/"),
    ("accueil", "/"),
    ("livret", "/livret/seminaire-2022-10-11.pdf"),
]
CATALOGUE_PAGES = {"catalogue", "recherche", "filtres"}


def environment():
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "False",
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "DB_CONN_MAX_AGE": "60",
        "CACHE_DIR": "/tmp/citeeducative-load-cache",
        "SECURE_SSL_REDIRECT": "False",
    }


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True)


def prepare():
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    manage("migrate", "-v0")
    manage("load_catalogue", "-v0")
    manage("collectstatic", "--noinput", "-v0")


def user(results, stop):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    rng = random.Random()
    while not stop.is_set():
        name, path = rng.choice(PAGES)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        results[name].append(((time.perf_counter() - started) * 1000, ok))
        stop.wait(rng.uniform(0, 2 * THINK))
    connection.close()


def wait_until_up(server):
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            connection = http.client.HTTPConnection(HOST, PORT, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn ne répond pas")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    try:
        prepare()
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"Test de charge sauté : PostgreSQL indisponible ({error}).")
        return
    workers = os.getenv("LOAD_WORKERS", str(2 * os.cpu_count() + 1))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "citeeducative.wsgi",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            workers,
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(),
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "-v0"],
        cwd=ROOT,
        env=environment(),
    )
    try:
        wait_until_up(server)
        for _name, path in PAGES:  # warm: caches, connections; the worker makes the livret
            status = 503
            while status == 503:
                connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
                time.sleep(0.5 if status == 503 else 0)
        results, stop = defaultdict(list), threading.Event()
        threads = [threading.Thread(target=user, args=(results, stop)) for _ in range(USERS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(DURATION)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - started
    finally:
        for process in (server, worker):
            process.send_signal(signal.SIGTERM)
        for process in (server, worker):
            process.wait(timeout=30)

    total = sum(len(samples) for samples in results.values())
    errors = sum(1 for samples in results.values() for _ms, ok in samples if not ok)
    print(
        f"\n== Charge : {USERS} utilisateurs, {elapsed:.0f} s, gunicorn ({workers} processus) "
        f"+ PostgreSQL, {THINK:g} s de lecture en moyenne entre deux pages"
    )
    print(f"{'page':10} {'requêtes':>9} {'p50':>9} {'p95':>9}  objectif")
    for name in dict.fromkeys(name for name, _path in PAGES):
        durations = [ms for ms, _ok in results[name]]
        if not durations:
            continue
        p95 = percentile(durations, 0.95)
        goal = ""
        if name in CATALOGUE_PAGES:
            ok = p95 <= GOAL_P95_MS
            goal = f"p95 ≤ {GOAL_P95_MS} ms : {'OK' if ok else 'MISSED'}"
        print(
            f"{name:10} {len(durations):9} {statistics.median(durations):7.1f}ms "
            f"{p95:7.1f}ms  {goal}"
        )
    print(
        f"{total} requêtes, {total / elapsed:.0f} par seconde, {errors} erreur(s) "
        f"(objectif 0 : {'OK' if errors == 0 else 'MISSED'})"
    )
    livret = [ms for ms, _ok in results["livret"]]
    if livret:
        # A render takes seconds (bench/livret.py): a p95 under one second is the edition.
        served = "oui" if percentile(livret, 0.95) < 1000 else "NON (MISSED)"
        print(f"livret servi sans rendu : {served}")


if __name__ == "__main__":
    main()
