"""Benchmark of the public catalogue: 27 real fiches, then 10,000 demo fiches more.

    .venv/bin/python bench/catalogue.py          # or: make bench

For each database (a throwaway SQLite file under /tmp, then a throwaway PostgreSQL database
``citeeducative_bench`` when the server answers), a child process migrates an empty database,
loads the real fixtures (``load_catalogue``), times each page with Django's test Client
(3 warm-up requests, then the median of at least 15), adds 10,000 fiches with
``generate_demo_data`` and times the pages again. Settings are those of production:
DEBUG=False, persistent database connections (DB_CONN_MAX_AGE).

Goals per page at 10,000 fiches: a median of at most 50 ms and at most 1.5 times the median
at 27 fiches. A missed goal is printed MISSED and the exit status stays 0; the exit status is 2
only when the bench itself could not run (setup error, a page not answering 200, timeout).

Environment: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/citeeducative_bench),
BENCH_TIMEOUT (total seconds, default 900), BENCH_REQUESTS (timed requests per page, default 20).
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
WARMUP = 3
REQUESTS = max(15, int(os.getenv("BENCH_REQUESTS", "20")))
# A page slower than this stops being timed once it has its 15 requests.
PAGE_BUDGET_SECONDS = 20
TIMEOUT = int(os.getenv("BENCH_TIMEOUT", "900"))
POSTGRES_URL = os.getenv(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/citeeducative_bench"
)
GOAL_RATIO = 1.5
GOAL_MS = 50.0
# A fiche of the real livret: the same page is timed at both sizes.
FICHE_NUMBER = 5
PAGES = [
    ("catalogue", "/actions/"),
    ("recherche", "/actions/?q=parents"),
    ("filtres", "/actions/?secteur=nord&age=10&tri=titre"),
    ("reseau", "/actions/?reseau=rosa-parks"),
    ("debut de mot", "/actions/?q=parentalit"),
    ("faute de frappe", "/actions/?q=parantalite%20scolaire"),
    ("fiche", None),
]
MARKER = "BENCH-RESULT "


# The child process: one database, both sizes.


def _time_page(client, url, *, cached=False):
    """Times of ``url``. Public pages are cached for visitors: unless ``cached``, each request
    carries a parameter no filter reads, so that it is a page never asked before and is
    rendered in full, as after an edit or for a new search."""
    for _ in range(WARMUP):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} a répondu {response.status_code}")
    separator = "&" if "?" in url else "?"
    durations = []
    started = time.perf_counter()
    while len(durations) < REQUESTS:
        request_url = url if cached else f"{url}{separator}bench={len(durations)}"
        begin = time.perf_counter()
        client.get(request_url)
        durations.append((time.perf_counter() - begin) * 1000)
        if len(durations) >= 15 and time.perf_counter() - started > PAGE_BUDGET_SECONDS:
            break
    return durations


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as context:
        client.get(f"{url}{separator}bench=queries")  # not from the cache: rendered in full
    return len(context.captured_queries)


def _measure(client, fiche_url, programmation=None):
    """The pages' times; the catalogue's of ``programmation`` when given (the demo fiches
    are a programmation of their own, not the current one the catalogue shows by default)."""
    results = {}
    for name, url in PAGES:
        if url is None:
            url = fiche_url
        elif programmation is not None:
            url += f"{'&' if '?' in url else '?'}programmation={programmation}"
        durations = _time_page(client, url)
        results[name] = {
            "url": url,
            "median": statistics.median(durations),
            "cached": statistics.median(_time_page(client, url, cached=True)),
            "requests": len(durations),
            "queries": _count_queries(client, url),
        }
    return results


def _check_demo(client):
    """A demo fiche has a page, and the catalogue lists it."""
    from actions.models import Action

    # The first fiche of the catalogue's order (by axe, then number) is on its first page.
    demo = Action.objects.filter(is_demo=True, programmation__slug="demo")
    demo = demo.order_by("axe_id", "number").first()
    page = client.get(demo.get_absolute_url())
    if page.status_code != 200 or demo.title not in page.content.decode():
        raise RuntimeError(f"la fiche de démonstration {demo.slug} ne s'affiche pas")
    listing = client.get("/actions/?programmation=demo&tri=numero").content.decode()
    if demo.get_absolute_url() not in listing:
        raise RuntimeError("le catalogue ne montre pas les fiches de démonstration")


def _settle():
    """What autovacuum does within a minute of a bulk insert on PostgreSQL: statistics for the
    planner and the visibility map. Timing before that would measure a state no visitor sees."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def child():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from actions.models import Action

    started = time.perf_counter()
    # Production settings serve static files from the collected manifest.
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)
    setup = time.perf_counter() - started
    client = Client()
    fiche = Action.objects.published().get(programmation__slug="2020-2022", number=FICHE_NUMBER)
    fiche_url = fiche.get_absolute_url()
    small_count = Action.objects.published().count()
    small = _measure(client, fiche_url)

    started = time.perf_counter()
    call_command("generate_demo_data", actions=DEMO_ACTIONS, seed=1, replace=True, verbosity=0)
    generation = time.perf_counter() - started
    _settle()
    _check_demo(client)
    large_count = Action.objects.published().count()
    large = _measure(client, fiche_url, programmation="demo")
    print(
        MARKER
        + json.dumps(
            {
                "setup": setup,
                "generation": generation,
                "small_count": small_count,
                "large_count": large_count,
                "small": small,
                "large": large,
            }
        ),
        flush=True,
    )


# The parent process: databases, time limit, the table.


def _postgres_admin(url):
    """A connection to the server's maintenance database, or the reason there is none."""
    import psycopg

    parts = urlsplit(url)
    try:
        return psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
            autocommit=True,
        ), None
    except psycopg.Error as error:
        return None, str(error).strip().splitlines()[0]


def _run_child(label, database_url, deadline):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "False",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-" + "x" * 20,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        # The test client speaks plain HTTP, as a proxy does to gunicorn.
        "SECURE_SSL_REDIRECT": "False",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    remaining = deadline - time.monotonic()
    if remaining < 30:
        return None, "temps imparti épuisé avant de commencer"
    # A cache of its own: no page cached by another run or by the development server.
    with tempfile.TemporaryDirectory(prefix="citeeducative-bench-cache-") as cache_dir:
        return _run_process({**env, "CACHE_DIR": cache_dir}, remaining)


def _run_process(env, remaining):
    try:
        process = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=remaining,
        )
    except subprocess.TimeoutExpired:
        return None, f"interrompu au bout de {TIMEOUT} s (BENCH_TIMEOUT)"
    for line in process.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line.removeprefix(MARKER)), None
    detail = (process.stderr or process.stdout).strip().splitlines()[-5:]
    return None, f"échec (code {process.returncode}) : " + " | ".join(detail)


def _report(label, result):
    small, large = result["small"], result["large"]
    print(
        f"\n== {label} : {result['small_count']} fiches publiées, puis {result['large_count']} "
        f"(chargement {result['setup']:.1f} s, generate_demo_data {result['generation']:.1f} s)"
    )
    header = (
        f"{'page':<10} {'url':<42} {'à 27':>9} {'à 10 000':>9} {'ratio':>6} "
        f"{'requêtes SQL':>13} {'en cache':>9}  objectif (≤ {GOAL_RATIO}×, ≤ {GOAL_MS:.0f} ms)"
    )
    print(header)
    print("-" * len(header))
    missed = 0
    for name, _ in PAGES:
        before, after = small[name]["median"], large[name]["median"]
        ratio = after / before
        problems = []
        if ratio > GOAL_RATIO:
            problems.append(f"ratio > {GOAL_RATIO}")
        if after > GOAL_MS:
            problems.append(f"> {GOAL_MS:.0f} ms")
        missed += bool(problems)
        verdict = "MISSED (" + ", ".join(problems) + ")" if problems else "OK"
        queries = f"{small[name]['queries']} → {large[name]['queries']}"
        print(
            f"{name:<10} {large[name]['url'][:42]:<42} {before:>6.1f} ms {after:>6.1f} ms "
            f"{ratio:>5.2f}× {queries:>13} {large[name]['cached']:>6.1f} ms  {verdict}"
        )
    print(
        f"(médianes de {REQUESTS} requêtes après {WARMUP} de chauffe ; DEBUG=False ; pages "
        "rendues en entier, « en cache » : la même page redemandée par un visiteur)"
    )
    return missed


def main():
    deadline = time.monotonic() + TIMEOUT
    failures = 0
    missed = 0

    with tempfile.TemporaryDirectory(prefix="citeeducative-bench-") as directory:
        path = Path(directory) / "bench.sqlite3"
        print(f"SQLite : base jetable {path} …", flush=True)
        result, error = _run_child("SQLite", f"sqlite:///{path}", deadline)
    if result:
        missed += _report("SQLite", result)
    else:
        failures += 1
        print(f"SQLite : {error}")

    admin, reason = _postgres_admin(POSTGRES_URL)
    name = urlsplit(POSTGRES_URL).path.lstrip("/")
    if admin is None:
        print(f"\nPostgreSQL : ignoré, serveur injoignable ({reason}).")
    else:
        print(f"\nPostgreSQL : base jetable {name} …", flush=True)
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            try:
                result, error = _run_child("PostgreSQL", POSTGRES_URL, deadline)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if result:
            missed += _report("PostgreSQL", result)
        else:
            failures += 1
            print(f"PostgreSQL : {error}")

    print(
        f"\n{missed} page(s) MISSED."
        if missed
        else "\nTous les objectifs sont atteints."
        if not failures
        else ""
    )
    return 2 if failures else 0


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        sys.exit(main())
