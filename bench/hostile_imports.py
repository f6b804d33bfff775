"""Benchmark of the imports' limits: the time and memory it takes to refuse each hostile file.

    .venv/bin/python bench/hostile_imports.py          # part of: make bench

Each file (tests/hostile_files.py) is built, then read in a process of its own by the format
the admin and the ``import`` command share (``spreadsheets.formats``), with the default
limits: the figures are the time to the refusal, the peak of Python's allocations while
reading (tracemalloc) and the growth of the process's resident memory (getrusage). Files just
within the limits are read too, for comparison. Goal: every refusal within 1 s and 50 MB; a
missed goal is printed MISSED, the exit status stays 0 unless the bench itself fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.0
GOAL_MEGABYTES = 50

# name: (builder, its arguments, format)
FILES = {
    "ODS, une ligne répétée 100 000 000 fois": ("ods_with_repeated_rows", (), "ODS"),
    "ODS, une cellule répétée 100 000 000 fois": ("ods_with_repeated_columns", (), "ODS"),
    "ODS, taille décompressée mensongère": ("ods_lying_about_its_size", (), "ODS"),
    "XLSX, 200 Ko qui font 200 Mo de XML": ("xlsx_bomb", (), "XLSX"),
    "XLSX, 20 Ko qui font 20 Mo de XML": ("xlsx_bomb", (20_000_000,), "XLSX"),
    "XLSX, une cellule en ligne 1 048 576": ("xlsx", ({(1_048_576, 1): "x"},), "XLSX"),
    "XLSX, une cellule en colonne 16 384": ("xlsx", ({(2, 16_384): "x"},), "XLSX"),
    "CSV, 100 000 lignes": ("csv_with_rows", (100_000,), "CSV"),
    "CSV, 50 Mo": ("csv_of_megabytes", (50,), "CSV"),
    "ODS, 2 000 lignes (accepté)": ("ods_with_repeated_rows", (2_000,), "ODS"),
    "CSV, 2 000 lignes (accepté)": ("csv_with_rows", (2_000,), "CSV"),
}


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def csv_of_megabytes(megabytes):
    from tests.hostile_files import csv_with_rows

    row = csv_with_rows(1).split(b"\r\n", 1)[1]
    return csv_with_rows(0) + row * (megabytes * 1_000_000 // len(row))


def child(name):
    """Reads one file and prints its figures as JSON."""
    import resource
    import time
    import tracemalloc

    _setup()
    from spreadsheets import formats
    from spreadsheets.limits import LimitExceeded, UnreadableFile
    from tests import hostile_files

    builder, arguments, file_format = FILES[name]
    build = globals().get(builder) or getattr(hostile_files, builder)
    data = build(*arguments)
    reader = getattr(formats, file_format)()
    resident_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = f"accepté ({len(reader.create_dataset(data))} lignes)"
    except LimitExceeded as error:
        outcome = f"refusé : {error}"
    except UnreadableFile as error:
        outcome = f"illisible : {error}"
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    resident_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - resident_before
    figures = {
        "size": len(data),
        "seconds": elapsed,
        "peak": peak,
        "resident": resident_growth * 1024,
        "outcome": outcome,
    }
    print(json.dumps(figures))


def _megabytes(size):
    return f"{size / 1_000_000:7.1f} Mo"


def main():
    print("\n== Fichiers hostiles à l'import (limites par défaut, un processus par fichier)")
    print(f"{'fichier':44} {'taille':>11} {'temps':>8} {'pic Python':>11} {'RSS +':>11}")
    for name in FILES:
        output = subprocess.run(
            [sys.executable, __file__, "--child", name],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        refused = not figures["outcome"].startswith("accepté")
        missed = refused and (
            figures["seconds"] > GOAL_SECONDS
            or max(figures["peak"], figures["resident"]) > GOAL_MEGABYTES * 1_000_000
        )
        print(
            f"{name:44} {_megabytes(figures['size'])} {figures['seconds'] * 1000:6.0f} ms"
            f" {_megabytes(figures['peak'])} {_megabytes(figures['resident'])}"
            f"{'   MISSED' if missed else ''}"
        )
        print(f"   {figures['outcome'][:110]}")
    print(f"objectif : chaque refus en moins de {GOAL_SECONDS:.0f} s et {GOAL_MEGABYTES} Mo")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
