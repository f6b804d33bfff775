"""Benchmark of the bilan dashboard: the 27 real fiches, then a demo programmation of 10,000.

    .venv/bin/python bench/bilan.py          # part of: make bench

For each database (a throwaway SQLite file, then the throwaway PostgreSQL database of
BENCH_POSTGRES_URL when the server answers), a child process migrates an empty database, loads
the real fixtures and times ``/bilan/2020-2022/``; then ``generate_demo_data`` adds 10,000 demo
fiches with their follow-ups in the programmation ``demo`` and ``/bilan/demo/`` is timed (the
real fiches get demo follow-ups too, in this database only, so that both pages draw the same
charts). Each page three ways, with Django's test Client and production settings (DEBUG=False):

- « page »: a visitor's page rendered in full (a new query string each time, so never from the
  page cache), its figures read from the cache as after any first visit;
- « 1re visite »: the first visit after an edit, when the figures are counted again;
- « coordination »: a coordinator's page (never cached), with the follow-up totals, and its
  first visit after an edit (« coord. 1re v. »).

Goal: at 10,000 fiches, the page and the coordinators' page cost at most 1.5 times what they
cost at 27, with the same number of SQL queries. A missed goal is printed MISSED; the exit
status is 2 only when the bench itself could not run.

Environment: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/citeeducative_bench),
BENCH_TIMEOUT (seconds, default 900), BENCH_REQUESTS (timed requests per page, default 20).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO_ACTIONS = 10_000
REQUESTS = max(10, int(os.getenv("BENCH_REQUESTS", "20")))
TIMEOUT = int(os.getenv("BENCH_TIMEOUT", "900"))
POSTGRES_URL = os.getenv(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/citeeducative_bench"
)
GOAL_RATIO = 1.5
MARKER = "BENCH-RESULT "
WAYS = [
    ("page", "page"),
    ("first_visit", "1re visite"),
    ("coordination", "coordination"),
    ("coordination_first_visit", "coord. 1re v."),
]


def _timed(client, url, count, before=None):
    """Median milliseconds and SQL queries of ``url``, each request with its own query string
    (``before`` runs ahead of each, untimed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    durations = []
    for index in range(count + 2):  # two warm-up requests
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, {"mesure": index})
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{url} a répondu {response.status_code}")
        if index >= 2:
            durations.append(elapsed)
    return {"median": statistics.median(durations), "queries": len(queries.captured_queries)}


def _measure(url, coordinator):
    from django.test import Client

    from citeeducative.caching import catalogue_changed

    visitor, staff = Client(), Client()
    staff.force_login(coordinator)
    return {
        "page": _timed(visitor, url, REQUESTS),
        "first_visit": _timed(visitor, url, max(REQUESTS // 2, 5), before=catalogue_changed),
        "coordination": _timed(staff, url, REQUESTS),
        "coordination_first_visit": _timed(
            staff, url, max(REQUESTS // 2, 5), before=catalogue_changed
        ),
    }


def _follow_the_real_fiches():
    """Demo follow-ups for the real fiches, in this throwaway database only (the fixtures have
    none): the coordinators' page then draws the same charts at both sizes."""
    import random

    from actions.models import Action
    from demo.follow_ups import demo_follow_ups, demo_funders

    drafts = [
        {"action": fiche, "publics": list(fiche.publics.all())}
        for fiche in Action.objects.filter(programmation__slug="2020-2022")
    ]
    demo_follow_ups(drafts, random.Random(1), demo_funders(), range(2020, 2023))


def child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)
    coordinator = User.objects.create_superuser("bench", password="bench-mot-de-passe-solide")
    _follow_the_real_fiches()
    small = _measure("/bilan/2020-2022/", coordinator)
    started = time.perf_counter()
    call_command("generate_demo_data", actions=DEMO_ACTIONS, seed=1, replace=True, verbosity=0)
    generation = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does within a minute
    large = _measure("/bilan/demo/", coordinator)
    print(MARKER + json.dumps({"small": small, "large": large, "generation": generation}))


def _run(database_url, deadline):
    remaining = deadline - time.monotonic()
    with tempfile.TemporaryDirectory(prefix="citeeducative-bench-bilan-") as cache_dir:
        env = {
            **{name: value for name, value in os.environ.items() if name != "REDIS_URL"},
            "DATABASE_URL": database_url,
            "CACHE_DIR": cache_dir,
            "DEBUG": "False",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-" + "y" * 20,
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "False",
            "DB_CONN_MAX_AGE": "600",
            "LOG_LEVEL": "ERROR",
        }
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--child"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=max(remaining, 1),
            )
        except subprocess.TimeoutExpired:
            return None, f"interrompu au bout de {TIMEOUT} s (BENCH_TIMEOUT)"
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line.removeprefix(MARKER)), None
    return None, " | ".join((done.stderr or done.stdout).strip().splitlines()[-5:])


def _report(label, result):
    print(f"\n== {label} (generate_demo_data : {result['generation']:.1f} s)")
    print(f"{'mesure':<14} {'à 27':>9} {'à 10 000':>9} {'ratio':>6} {'requêtes SQL':>13}  objectif")
    missed = 0
    for key, name in WAYS:
        small, large = result["small"][key], result["large"][key]
        ratio = large["median"] / small["median"]
        if key.endswith("first_visit"):
            verdict = "(une fois par modification du catalogue : pas d'objectif)"
        else:
            ok = ratio <= GOAL_RATIO and small["queries"] == large["queries"]
            missed += not ok
            verdict = "OK" if ok else f"MISSED (≤ {GOAL_RATIO}×, mêmes requêtes)"
        print(
            f"{name:<14} {small['median']:>6.1f} ms {large['median']:>6.1f} ms {ratio:>5.2f}× "
            f"{small['queries']:>6} → {large['queries']:<5}  {verdict}"
        )
    return missed


def main():
    from catalogue import _postgres_admin  # bench/catalogue.py, beside this file

    deadline = time.monotonic() + TIMEOUT
    missed = failures = 0
    with tempfile.TemporaryDirectory(prefix="citeeducative-bench-bilan-") as directory:
        result, error = _run(f"sqlite:///{Path(directory) / 'bench.sqlite3'}", deadline)
    if result:
        missed += _report("SQLite", result)
    else:
        failures += 1
        print(f"SQLite : échec : {error}")
    admin, reason = _postgres_admin(POSTGRES_URL)
    name = urlsplit(POSTGRES_URL).path.lstrip("/")
    if admin is None:
        print(f"\nPostgreSQL : ignoré, serveur injoignable ({reason}).")
    else:
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            try:
                result, error = _run(POSTGRES_URL, deadline)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if result:
            missed += _report("PostgreSQL", result)
        else:
            failures += 1
            print(f"PostgreSQL : échec : {error}")
    print(f"\n{missed} mesure(s) MISSED." if missed else "\nObjectifs atteints." * (not failures))
    return 2 if failures else 0


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        sys.exit(main())
