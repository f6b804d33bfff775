"""Benchmark of the livret professionnel (PDF), on a throwaway SQLite database.

    .venv/bin/python bench/livret.py          # part of: make bench

1. The 2020-2022 livret (27 fiches): the portal's render (HTML to PDF in a child process, with
   the safe URL fetcher) against WeasyPrint alone on the same HTML in this process; the median
   of 3 renders each after one warm-up, the pages per second and the ratio of the two.
2. A 300-fiche demo livret: render time, and the peak memory of the process that renders it.

Goals: ratio ≤ 1.2, ≥ 10 pages/s; 300 fiches in under 60 s and 1 GB. A missed goal is printed
MISSED; the exit status stays 0 unless the bench itself fails.
"""

import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
DEMO_FICHES = 300


def _setup():
    database = Path(tempfile.mkdtemp(prefix="livret-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    os.environ["CACHE_DIR"] = str(database.parent / "cache")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)


def _median_seconds(render):
    render()
    durations = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = render()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def _peak_memory_render(html, base_url, roots, connection):
    from pdfs.child import write_pdf

    started = time.perf_counter()
    pdf = write_pdf(html, base_url=base_url, roots=roots)
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    connection.send((elapsed, pdf.pages, peak_kib))


def _verdict(ok):
    return "OK" if ok else "MISSED"


def main():
    _setup()
    from actions.models import Action
    from livret import rendering as livret
    from livret.models import Seminar
    from pdfs import render as pdf_render
    from pdfs.child import write_pdf

    seminar = Seminar.objects.order_by("-date").first()
    html = livret.livret_html(seminar=seminar)
    base_url = pdf_render.static_base_url(livret.STYLESHEET)
    roots = pdf_render.allowed_roots()

    portal, pdf = _median_seconds(lambda: pdf_render.render_pdf(html, stylesheet=livret.STYLESHEET))
    alone, _ = _median_seconds(lambda: write_pdf(html, base_url=base_url, roots=roots))
    ratio = portal / alone
    pages_per_second = pdf.pages / portal
    print(f"\n== Livret 2020-2022 : {pdf.pages} pages, {len(pdf.content) // 1024} Ko")
    print(f"rendu du portail      {portal:6.2f} s   ({pages_per_second:.1f} pages/s)")
    print(f"WeasyPrint seul       {alone:6.2f} s   ({pdf.pages / alone:.1f} pages/s)")
    print(f"ratio                 {ratio:6.2f}×   objectif ≤ 1.2 : {_verdict(ratio <= 1.2)}")
    print(
        f"pages par seconde     {pages_per_second:6.1f}    objectif ≥ 10 : "
        f"{_verdict(pages_per_second >= 10)}"
    )

    from django.core.management import call_command

    call_command("generate_demo_data", actions=DEMO_FICHES, seed=1, replace=True, verbosity=0)
    demo_html = livret.livret_html(
        actions=Action.objects.filter(is_demo=True), title="Livret de démonstration"
    )
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_peak_memory_render, args=(demo_html, base_url, roots, sender))
    process.start()
    elapsed, pages, peak_kib = receiver.recv()
    process.join()
    peak_mib = peak_kib / 1024
    print(f"\n== Livret de démonstration : {DEMO_FICHES} fiches, {pages} pages")
    print(f"rendu                 {elapsed:6.1f} s    objectif < 60 s : {_verdict(elapsed < 60)}")
    print(
        f"mémoire de pointe     {peak_mib:6.0f} Mio  objectif < 1 Go : {_verdict(peak_mib < 1024)}"
    )


if __name__ == "__main__":
    main()
