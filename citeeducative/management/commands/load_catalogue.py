from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from citeeducative.loading import catalogue_load


class Command(BaseCommand):
    help = (
        "Charge le catalogue de fixtures/ (livret 2020-2022, Contrat de ville 2024-2030) dans une "
        "base vide ou incomplète : crée ce qui manque et laisse tel quel tout ce qui existe. "
        "--overwrite réécrit l'existant depuis les fichiers ; --dry-run dit ce qui serait fait "
        "sans rien écrire."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.FIXTURES_DIR)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Réécrit les fiches, contacts, structures… existants là où ils diffèrent des "
            "fichiers (exige --user et --reason, inscrits dans l'historique).",
        )
        parser.add_argument("--user", help="Identifiant de la personne qui demande la réécriture.")
        parser.add_argument("--reason", default="", help="Pourquoi : le motif de l'historique.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Dit ce qui serait créé ou modifié, sans écrire."
        )

    def handle(self, *args, directory, overwrite, user, reason, dry_run, **options):
        if overwrite and not (user and reason.strip()):
            raise CommandError(
                "--overwrite réécrit le travail des coordinateurs : indiquez qui le demande "
                "(--user) et pourquoi (--reason)."
            )
        person = None
        if user:
            person = get_user_model().objects.filter(username=user).first()
            if person is None:
                raise CommandError(f"Aucun utilisateur « {user} ».")
        loading = catalogue_load(
            directory=directory,
            overwrite=overwrite,
            user=person,
            reason=reason.strip(),
            dry_run=dry_run,
        )
        if options["verbosity"] < 1:
            return
        for line in loading.report:
            self.stdout.write(line)
        count = len(loading.report)
        if dry_run:
            self.stdout.write(f"Simulation : {count} changement(s) ci-dessus ; rien n'a été écrit.")
        elif overwrite:
            self.stdout.write(self.style.SUCCESS(f"{count} changement(s)."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{count} création(s). Ce qui existait déjà est resté tel quel "
                    "(--overwrite pour le réécrire depuis les fichiers)."
                )
            )
