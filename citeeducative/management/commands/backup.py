from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand

from citeeducative import backups

# Rebuilt by migrate, by the restore's indexing (the search's vocabulary) or by the restore itself
# (the cache's catalogue version), or of no value in a backup. The admin log is kept: it is the
# record of who changed what in the back office.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "actions.searchword",
    "citeeducative.catalogueversion",
]


class Command(BaseCommand):
    help = "Sauvegarde toute la base (fiches, historique, comptes) dans un fichier JSON."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="fichier de sauvegarde (.json)")

    def handle(self, *args, output, **options):
        serializers.register_serializer(backups.FORMAT, "citeeducative.backups")
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            "--indent",
            "1",
            "--format",
            backups.FORMAT,
            "-o",
            output,
            exclude=EXCLUDED,
            verbosity=0,
        )
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite dans {output}."))
