"""Benchmark of the spreadsheet import of fiches, on a throwaway SQLite database.

    .venv/bin/python bench/imports.py          # part of: make bench

Migrates an empty database under /tmp, loads the real catalogue (``load_catalogue``), adds
1,000 demo fiches (``generate_demo_data``), exports them to CSV with
``actions.resources.ActionResource``, deletes them, then imports the file through the resource
as the admin does: the preview (dry run), then the confirmed import. Each fiche comes back with
its objectives, publics, perimeter, partners, operators and contacts, through ``save()``
(history, signals) and with its search columns refreshed.

Goal: the confirmed import of 1,000 fiches in at most 30 s (the preview is reported too, and
the preview of the same file again, every line unchanged). A missed goal is printed MISSED; the
exit status stays 0 unless the bench itself fails.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FICHES = 1_000
GOAL_SECONDS = 30


def _setup():
    directory = Path(tempfile.mkdtemp(prefix="imports-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citeeducative.settings")
    os.environ["CACHE_DIR"] = str(directory / "cache")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)
    call_command("generate_demo_data", actions=FICHES, seed=1, replace=True, verbosity=0)


def _snapshot(actions):
    """What the import must give back: each fiche's relations, by natural key."""
    from actions.resources import ActionResource

    resource = ActionResource()
    return {row[2]: row for row in resource.export(actions.order_by("slug"))}


def _verdict(seconds):
    return "OK" if seconds <= GOAL_SECONDS else "MISSED"


def main():
    _setup()
    from actions.models import Action, Objective
    from actions.resources import ActionResource
    from contacts.models import ActionContact
    from spreadsheets.formats import CSV

    demo = Action.objects.filter(is_demo=True)
    before = _snapshot(demo)

    started = time.perf_counter()
    data = CSV().export_data(ActionResource().export(demo)).encode()
    exported = time.perf_counter() - started

    demo.delete()

    dataset = CSV().create_dataset(data)
    started = time.perf_counter()
    preview = ActionResource().import_data(dataset, dry_run=True)
    previewed = time.perf_counter() - started
    if preview.has_errors() or preview.has_validation_errors():
        raise SystemExit(f"L'aperçu a refusé le fichier : {preview.base_errors[0].messages[:5]}")

    dataset = CSV().create_dataset(data)
    started = time.perf_counter()
    result = ActionResource().import_data(dataset, dry_run=False)
    imported = time.perf_counter() - started
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit(f"L'import a échoué : {result.base_errors[0].messages[:5]}")

    after = _snapshot(Action.objects.filter(is_demo=True))
    if after != before:
        raise SystemExit("Les fiches importées diffèrent des fiches exportées.")

    # The usual round: the same file again, as a coordinator who changed a few cells would.
    started = time.perf_counter()
    again = ActionResource().import_data(CSV().create_dataset(data), dry_run=True)
    unchanged = time.perf_counter() - started
    if again.totals["skip"] != FICHES:
        raise SystemExit("Le même fichier importé de nouveau devrait ne rien changer.")
    demo = Action.objects.filter(is_demo=True)
    print(f"\n== Import de {FICHES} fiches de démonstration ({len(data) // 1024} Ko de CSV)")
    print(
        f"   {Objective.objects.filter(action__in=demo).count()} objectifs, "
        f"{ActionContact.objects.filter(action__in=demo).count()} liens vers des contacts, "
        f"{Action.publics.through.objects.filter(action__in=demo).count()} publics"
    )
    print(f"export CSV            {exported:6.1f} s")
    goal = f"objectif ≤ {GOAL_SECONDS} s :"
    print(f"aperçu (dry run)      {previewed:6.1f} s   {goal} {_verdict(previewed)}")
    print(f"import confirmé       {imported:6.1f} s   {goal} {_verdict(imported)}")
    print(f"fiche par fiche       {imported / FICHES * 1000:6.1f} ms")
    print(f"même fichier (aperçu) {unchanged:6.1f} s   {FICHES} lignes inchangées")


if __name__ == "__main__":
    main()
