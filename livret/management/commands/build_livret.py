from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from livret.models import Seminar
from livret.rendering import STYLESHEET, livret_html
from pdfs.render import PdfError, render_pdf


class Command(BaseCommand):
    help = "Produit le livret professionnel (PDF) d'un séminaire, par défaut le plus récent."

    def add_arguments(self, parser):
        parser.add_argument("--seminar", help="identifiant (slug) du séminaire")
        parser.add_argument(
            "-o", "--output", help="fichier PDF à écrire (défaut : livret-<slug>.pdf)"
        )
        parser.add_argument("--html", help="écrit aussi le HTML exact qui a été rendu")
        parser.add_argument(
            "--drafts", action="store_true", help="inclut les fiches en brouillon, signalées"
        )

    def handle(self, *args, seminar, output, html, drafts, **options):
        seminars = Seminar.objects.order_by("-date")
        chosen = seminars.filter(slug=seminar).first() if seminar else seminars.first()
        if chosen is None:
            known = ", ".join(seminars.values_list("slug", flat=True)) or "aucun"
            raise CommandError(f"Séminaire introuvable : {seminar or '(aucun)'}. Connus : {known}.")
        document = livret_html(seminar=chosen, include_drafts=drafts)
        if html:
            Path(html).write_text(document, encoding="utf-8")
        try:
            pdf = render_pdf(document, stylesheet=STYLESHEET)
        except PdfError as error:
            raise CommandError(str(error)) from error
        path = Path(output or f"livret-{chosen.slug}.pdf")
        path.write_bytes(pdf.content)
        self.stdout.write(
            self.style.SUCCESS(f"{path} : {pdf.pages} pages, {len(pdf.content) // 1024} Ko.")
        )
