import argparse
import random
import time

from django.core.management.base import BaseCommand, CommandError

from demo.generator import DEMO_SLUG, MAX_ACTIONS, DemoDataError, demo_generate


def _count(value):
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu, pas {value!r}") from None
    if not 1 <= count <= MAX_ACTIONS:
        raise argparse.ArgumentTypeError(f"doit être compris entre 1 et {MAX_ACTIONS}, pas {count}")
    return count


class Command(BaseCommand):
    help = (
        "Crée des fiches action synthétiques, marquées « [Démo] », dans la programmation "
        f"« {DEMO_SLUG} » (tests de charge et bancs d'essai ; jamais mêlées aux vraies fiches)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--actions", type=_count, required=True, help=f"nombre de fiches (1 à {MAX_ACTIONS})"
        )
        parser.add_argument(
            "--seed", type=int, help="graine du tirage : la même graine donne les mêmes fiches"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="supprime d'abord les données de démonstration existantes",
        )

    def handle(self, *args, actions, seed, replace, **options):
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        started = time.perf_counter()

        def progress(done):
            if options["verbosity"] >= 2:
                self.stdout.write(f"{done}/{actions} fiches…")

        try:
            summary = demo_generate(count=actions, seed=seed, replace=replace, progress=progress)
        except DemoDataError as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - started
        if options["verbosity"] < 1:
            return
        replaced = f" ({summary.replaced} fiches remplacées)" if replace else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.actions} fiches de démonstration créées{replaced} dans la "
                f"programmation « {DEMO_SLUG} » : {summary.objectives} objectifs, "
                f"{summary.organisations} structures et {summary.contacts} contacts fictifs, "
                f"{summary.follow_ups} suivis annuels, "
                f"graine {summary.seed}, en {elapsed:.1f} s."
            )
        )
