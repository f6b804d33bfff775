from django.conf import settings
from django.core.management.base import BaseCommand

from citeeducative.loading import catalogue_load


class Command(BaseCommand):
    help = (
        "Charge (ou met à jour) le catalogue transcrit du livret 2020-2022 et du Contrat de ville "
        "2024-2030 depuis fixtures/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.FIXTURES_DIR)

    def handle(self, *args, directory, **options):
        actions, seminars = catalogue_load(directory=directory)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"{len(actions)} fiches et {len(seminars)} séminaire(s) à jour.")
            )
