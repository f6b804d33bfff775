"""The site as the web sees it: Lighthouse's mobile run and the Nu HTML checker, against
gunicorn with production settings (DEBUG=False, whitenoise, gzip), on loopback only.

    .venv/bin/python bench/web.py          # part of: make bench (after npm ci)

A throwaway SQLite database is migrated and loaded with the real fiches. Lighthouse 12
(package.json) runs its default mobile profile (Moto G Power, slow 4G and a 4× slower CPU,
simulated) WEB_RUNS times (3) on the home page, the catalogue and a fiche; the median run is
reported. Goals: performance ≥ 95, cumulative layout shift < 0.1. The Nu HTML checker reads
the pages people use, as served: goal, no error. Without npm's packages, Java or Chromium the
check is skipped with a message.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port():
    """A port nobody listens on: the bench must measure its own server, not another one."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


PORT = free_port()
BASE = f"http://{HOST}:{PORT}"
CHROME = os.getenv("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RUNS = int(os.getenv("WEB_RUNS", "3"))
GOAL_PERFORMANCE, GOAL_CLS = 95, 0.1

LIGHTHOUSE_PAGES = [
    ("accueil", "/"),
    ("catalogue", "/actions/"),
    ("fiche", "/actions/poste-liaison-familles-ecoles-quartier/"),
]
CHECKED_PAGES = [
    *LIGHTHOUSE_PAGES,
    ("catalogue filtré, avec une erreur", "/actions/?q=parents&secteur=nord&age=abc"),
    ("catalogue par âge", "/actions/?age=7&tri=titre"),
    ("catalogue sans résultat", "/actions/?q=astronomie"),
    ("autre fiche", "/actions/equipe-mobile-medico-sociale/"),
    ("contacts", "/contacts/"),
    ("partenaires", "/partenaires/"),
    ("livrets", "/livret/"),
]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "speed-index": "SI",
}


def environment(folder):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder}/web.sqlite3",
        "DEBUG": "False",
        "SECRET_KEY": "web-bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": BASE,
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "CACHE_DIR": f"{folder}/cache",
        "MEDIA_ROOT": f"{folder}/media",
    }


def missing_tools():
    missing = []
    if not LIGHTHOUSE.exists() or not VNU.exists():
        missing.append("les paquets npm (lancer « npm ci »)")
    if not shutil.which("java"):
        missing.append("Java")
    if not Path(CHROME).exists():
        missing.append(f"Chromium ({CHROME})")
    return missing


def fetch(path):
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": "identity"})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body


def wait_until_up(server):
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError("gunicorn s'est arrêté au démarrage")
        try:
            fetch("/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn ne répond pas")


def lighthouse(path, folder):
    """One mobile run: (performance score, CLS, {metric: ms})."""
    report = Path(folder) / "lighthouse.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            BASE + path,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless --no-sandbox",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        check=True,
        timeout=300,
    )
    audits = json.loads(report.read_text())
    score = round(audits["categories"]["performance"]["score"] * 100)
    cls = audits["audits"]["cumulative-layout-shift"]["numericValue"]
    metrics = {name: audits["audits"][audit]["numericValue"] for audit, name in METRICS.items()}
    return score, cls, metrics


def nu_checker(folder):
    """{page: [error…]} for every checked page, in one run of the checker."""
    files = {}
    for name, path in CHECKED_PAGES:
        status, body = fetch(path)
        if status != 200:
            raise RuntimeError(f"{path} : HTTP {status}")
        files[name] = Path(folder) / f"page-{len(files)}.html"
        files[name].write_text(body, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always"]
        + [str(file) for file in files.values()],
        capture_output=True,
        text=True,
        timeout=300,
    )
    names = {file.resolve(): name for name, file in files.items()}
    errors = {name: [] for name in files}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] == "error":
            file = Path(message.get("url", "").removeprefix("file:")).resolve()
            errors[names.get(file, "?")].append(message["message"])
    return errors


def main():
    missing = missing_tools()
    if missing:
        print(f"Mesures web sautées : il manque {', '.join(missing)}.")
        return 0
    failures = 0
    with tempfile.TemporaryDirectory(prefix="citeeducative-web-") as folder:
        env = environment(folder)
        for command in (
            ["migrate", "-v0"],
            ["load_catalogue", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
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
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(server)
            print(f"\n== Lighthouse 12, mobile (médiane de {RUNS} passages)")
            print(f"objectifs : performance ≥ {GOAL_PERFORMANCE}, CLS < {GOAL_CLS} partout")
            print(
                f"{'page':10} {'perf.':>6} {'CLS':>7} "
                + " ".join(f"{name:>7}" for name in METRICS.values())
            )
            for name, path in LIGHTHOUSE_PAGES:
                fetch(path)  # the cache warm, as it is for every visitor but the first
                runs = sorted(
                    (lighthouse(path, folder) for _ in range(RUNS)), key=lambda run: run[0]
                )
                score, cls, metrics = runs[len(runs) // 2]
                worst_cls = max(run[1] for run in runs)
                ok = score >= GOAL_PERFORMANCE and worst_cls < GOAL_CLS
                failures += not ok
                print(
                    f"{name:10} {score:>6} {cls:>7.3f} "
                    + " ".join(f"{metrics[metric]:>5.0f}ms" for metric in METRICS.values())
                    + f"  {'ok' if ok else 'objectif manqué'}"
                    + f" (scores : {', '.join(str(run[0]) for run in runs)})"
                )
            print("\n== Vérificateur HTML Nu (vnu-jar)")
            for name, found in nu_checker(folder).items():
                failures += bool(found)
                print(
                    f"{name:34} {len(found)} erreur(s)"
                    + "".join(f"\n    {error}" for error in found)
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
