"""Faults: a flooded page cache, then PostgreSQL dropping every connection, under load.

    .venv/bin/python bench/faults.py          # part of: make bench

A throwaway PostgreSQL database (``citeeducative_faults``) is migrated and loaded with the real
fiches; gunicorn serves it on 127.0.0.1 with production settings (DEBUG=False, persistent
connections, the file cache in a folder of its own, FAULTS_CACHE_ENTRIES files at most).

Cache flood: a fiche is cached under many addresses, then unpublished; FAULTS_FLOOD pages
nobody asked for before (a robot's junk parameters) fill the cache several times past its limit
while the fiche's addresses and the catalogue are checked again and again. Goals: no error, the
unpublished fiche never served (404) nor listed, the cache within its limit.

Database restart: FAULTS_USERS threads load the site; PostgreSQL then ends every connection
of the database (``pg_terminate_backend``, what a restart does to the connections gunicorn
keeps; the server itself is shared and stays up). Goal: no failed request, during or after.
"""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from web import free_port  # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", free_port()
DATABASE_URL = os.getenv(
    "FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/citeeducative_faults"
)
CACHE_ENTRIES = int(os.getenv("FAULTS_CACHE_ENTRIES", "300"))
FLOOD = int(os.getenv("FAULTS_FLOOD", "1200"))
USERS = int(os.getenv("FAULTS_USERS", "8"))
DURATION = float(os.getenv("FAULTS_DURATION", "12"))
UNPUBLISHED = "equipe-mobile-medico-sociale"
UNPUBLISHED_TITLE = "Équipe mobile médico-sociale"
LOAD_PAGES = [
    "/actions/",
    "/actions/?q=parents",
    "/actions/?secteur=nord&age=10",
    "/actions/poste-liaison-familles-ecoles-quartier/",
    "/contacts/",
    "/",
    "/actions/export.csv",
]


def environment(folder):
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "False",
        "SECRET_KEY": "faults-bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "False",
        # The 404 of the unpublished fiche, answered again and again, is what is expected.
        "LOG_LEVEL": "ERROR",
        "CACHE_DIR": f"{folder}/cache",
        "CACHE_MAX_ENTRIES": str(CACHE_ENTRIES),
        "MEDIA_ROOT": f"{folder}/media",
    }


def psql(sql):
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qAtc", sql], check=True, capture_output=True)


def prepare(env):
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    for command in (
        ["migrate", "-v0"],
        ["load_catalogue", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def get(path):
    """(status, body, milliseconds), on a connection of its own (gunicorn closes one kept idle
    for 2 s); a connection refused or cut counts as status 0."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        status, body = response.status, response.read().decode(errors="replace")
    except (OSError, http.client.HTTPException):
        status, body = 0, ""
    connection.close()
    return status, body, (time.perf_counter() - started) * 1000


def wait_until_up(server):
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        if get("/")[0] == 200:
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn ne répond pas")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def cache_flood(env, folder):
    copies = [f"/actions/{UNPUBLISHED}/?retour=copie-{number}" for number in range(20)]
    for path in ["/actions/", *copies]:
        assert get(path)[0] == 200, path
    hit_times = [get("/actions/")[2] for _ in range(20)]
    script = (
        "from actions.models import Action; "
        f"action = Action.objects.get(slug={UNPUBLISHED!r}); "
        "action.status = Action.Status.DRAFT; action.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
    )

    flood_times, errors, served, checks = [], [], [], [0]
    lock = threading.Lock()

    def flood(start):
        for number in range(start, FLOOD, USERS):
            status, _body, ms = get(f"/actions/?origine=robot-{number}")
            with lock:
                flood_times.append(ms)
                if status != 200:
                    errors.append(status)
            if number % (USERS * 10) == start:
                for path in copies:
                    if get(path)[0] != 404:
                        served.append(path)
                status, body, _ms = get("/actions/")
                if status != 200 or UNPUBLISHED_TITLE in body:
                    served.append("/actions/")
                with lock:
                    checks[0] += len(copies) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=flood, args=(start,)) for start in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    files = len(list(Path(folder, "cache").glob("*.djcache")))

    print(
        f"\n== Cache inondé : {FLOOD} pages nouvelles, {USERS} à la fois, "
        f"cache de {CACHE_ENTRIES} fichiers"
    )
    print(
        f"pages servies : {len(flood_times) - len(errors)}/{len(flood_times)} en {elapsed:.1f} s, "
        f"p50 {statistics.median(flood_times):.0f} ms, p95 {percentile(flood_times, 0.95):.0f} ms "
        f"(page gardée : p50 {statistics.median(hit_times):.1f} ms)"
    )
    print(
        f"fiche dépubliée servie ou listée : {len(served)} fois sur {checks[0]} vérifications "
        f"(objectif 0 : {'OK' if not served else 'MISSED'})"
    )
    print(
        f"fichiers dans le cache à la fin : {files} "
        f"(limite {CACHE_ENTRIES} : {'OK' if files <= CACHE_ENTRIES else 'MISSED'}) ; "
        f"erreurs : {len(errors)} {dict(Counter(errors))} "
        f"(objectif 0 : {'OK' if not errors else 'MISSED'})"
    )
    return not served and not errors and files <= CACHE_ENTRIES


def database_restart():
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    results, stop = [], threading.Event()

    def user(index):
        number = index
        while not stop.is_set():
            path = LOAD_PAGES[number % len(LOAD_PAGES)]
            # Half the requests are new pages: they query the database beyond the version.
            if number % 2:
                path += ("&" if "?" in path else "?") + f"visite={number}"
            began = time.perf_counter()
            status, _body, _ms = get(path)
            results.append((began, time.perf_counter(), status))
            number += USERS

    threads = [threading.Thread(target=user, args=(index,)) for index in range(USERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(DURATION / 3)
    cut_starts = time.perf_counter()
    psql(
        # With a timeout, each call returns once its connection is gone.
        "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    cut_ends = time.perf_counter()
    time.sleep(DURATION * 2 / 3)
    stop.set()
    for thread in threads:
        thread.join()
    # A request under way when its connection is cut fails, as it would in a restart; those
    # that start afterwards must not.
    before = [status for _began, ended, status in results if ended < cut_starts]
    cut_off = [
        status for began, ended, status in results if began < cut_ends and ended >= cut_starts
    ]
    after = [status for began, _ended, status in results if began >= cut_ends]
    failed = {
        name: sum(status != 200 for status in group)
        for name, group in [("before", before), ("cut_off", cut_off), ("after", after)]
    }

    print(
        f"\n== Connexions coupées par PostgreSQL sous charge : {USERS} utilisateurs, "
        f"{time.perf_counter() - started:.0f} s, gunicorn 2 × 4, connexions gardées 60 s"
    )
    print(f"avant la coupure : {len(before)} requêtes, {failed['before']} échec(s)")
    print(
        f"en cours au moment de la coupure : {len(cut_off)} requêtes, {failed['cut_off']} "
        "échec(s) (page 503 : leur requête SQL a été coupée)"
    )
    print(
        f"commencées après la coupure : {len(after)} requêtes, {failed['after']} échec(s) "
        f"(objectif 0 : {'OK' if failed['after'] == 0 else 'MISSED'})"
    )
    return failed["before"] == 0 and failed["after"] == 0


def main():
    with tempfile.TemporaryDirectory(prefix="citeeducative-faults-") as folder:
        env = environment(folder)
        try:
            prepare(env)
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            print(f"Mesures de pannes sautées : PostgreSQL indisponible ({error}).")
            return 0
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "citeeducative.wsgi",
                "--bind",
                f"{HOST}:{PORT}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(server)
            flooded = cache_flood(env, folder)
            restarted = database_restart()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0 if flooded and restarted else 1


if __name__ == "__main__":
    sys.exit(main())
