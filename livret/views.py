from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from actions.models import Action
from citeeducative.caching import cache_public_page
from pdfs.render import PdfError

from . import rendering
from .models import Seminar


def pdf_response(request, make_pdf, filename):
    try:
        pdf = make_pdf()
    except PdfError:
        return render(request, "livret/unavailable.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def fiche_pdf(request, slug):
    action = get_object_or_404(Action.objects.visible_to(request.user), slug=slug)
    html = rendering.livret_html(
        actions=Action.objects.filter(pk=action.pk),
        title=f"Fiche n°{action.number} – {action.title}",
        fiche_only=True,
    )
    return pdf_response(request, lambda: rendering.livret_pdf(html), f"fiche-{action.number}.pdf")


@cache_public_page
def seminar_list(request):
    published = Q(programmation__actions__status=Action.Status.PUBLISHED)
    seminars = Seminar.objects.select_related("programmation").annotate(
        fiche_count=Count("programmation__actions", filter=published)
    )
    return render(request, "livret/seminar_list.html", {"seminars": seminars})


def seminar_pdf(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    return pdf_response(request, lambda: rendering.seminar_pdf(seminar), f"livret-{slug}.pdf")
