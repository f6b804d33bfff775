from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate or by the restore's indexing (the search's vocabulary), or of no value in a
# backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "actions.searchword"]


class Command(BaseCommand):
    help = "Sauvegarde toute la base (fiches, historique, comptes) dans un fichier JSON."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="fichier de sauvegarde (.json)")

    def handle(self, *args, output, **options):
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            "--indent",
            "1",
            "-o",
            output,
            exclude=EXCLUDED,
            verbosity=0,
        )
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite dans {output}."))
