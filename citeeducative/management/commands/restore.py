from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from actions.models import Action
from actions.search.indexing import refresh
from citeeducative.caching import catalogue_changed


class Command(BaseCommand):
    help = "Restaure une sauvegarde (commande backup) dans une base vide, migrée."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="fichier écrit par la commande backup")

    def handle(self, *args, backup, **options):
        if Action.objects.exists():
            raise CommandError(
                "La base n'est pas vide : la restauration se fait dans une base neuve "
                "(créée puis migrée), pour ne rien mélanger."
            )
        # The backup holds the history as it was: loading must not write more of it.
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", backup, verbosity=0)
            refresh(Action.objects.all())
            # No page cached before the restore may be served after it.
            catalogue_changed()
        if options["verbosity"] >= 1:
            count = Action.objects.count()
            self.stdout.write(self.style.SUCCESS(f"Sauvegarde restaurée : {count} fiches."))
