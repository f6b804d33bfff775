from django.core.management.base import BaseCommand

from alerts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Envoie à chaque recherche suivie (abonnement confirmé) les fiches publiées ou mises "
        "à jour depuis son dernier envoi, et oublie les abonnements jamais confirmés."
    )

    def handle(self, *args, **options):
        counts = send_digests()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{counts['mailed']} e-mail(s) envoyé(s) pour {counts['subscriptions']} "
                f"recherche(s) suivie(s) ; {counts['invalid']} recherche(s) dont un critère "
                f"n'existe plus ; {counts['purged']} abonnement(s) non confirmé(s) effacé(s)."
            )
