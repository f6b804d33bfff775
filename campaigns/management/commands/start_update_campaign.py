from django.core.management.base import BaseCommand, CommandError

from actions.models import Programmation
from campaigns import services


class Command(BaseCommand):
    help = (
        "Envoie à chaque contact et opérateur des fiches d'une programmation un e-mail listant "
        "ses fiches, chacune avec son lien personnel de vérification."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programmation", required=True, help="identifiant (slug)")
        parser.add_argument(
            "--dry-run", action="store_true", help="liste les destinataires, n'envoie rien"
        )

    def handle(self, *args, programmation, dry_run, **options):
        found = Programmation.objects.filter(slug=programmation).first()
        if found is None:
            raise CommandError(f"Programmation inconnue : {programmation!r}.")
        if dry_run:
            self._show(services.campaign_plan(programmation=found))
            return
        try:
            campaign = services.campaign_start(programmation=found)
        except services.CampaignError as error:
            raise CommandError(str(error)) from None
        count = campaign.recipients.count()
        self.stdout.write(f"{campaign} : {count} e-mail(s) mis en file pour le worker.")

    def _show(self, plan):
        self.stdout.write(f"{len(plan.recipients)} destinataire(s) (rien n'est envoyé) :")
        for recipient in plan.recipients:
            self.stdout.write(f"- {recipient.name} <{recipient.email}>")
            for fiche in recipient.fiches:
                self.stdout.write(f"    fiche n°{fiche.number} : {fiche.title}")
        if plan.unreached:
            self.stdout.write(f"{len(plan.unreached)} fiche(s) sans aucune adresse :")
            for fiche in plan.unreached:
                self.stdout.write(f"- fiche n°{fiche.number} : {fiche.title}")
