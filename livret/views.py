from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from actions.models import Action
from editions.models import Edition
from editions.views import download

from .documents import FICHE, LIVRET
from .models import Seminar

PREPARING = "editions/preparing.html"


def _preparing(title, document):
    """What the waiting page says of a livret or a fiche being prepared."""
    return {
        "title": title,
        "document": document,
        "back_url": reverse("livret:list"),
        "back_label": _("Tous les livrets"),
    }


def fiche_pdf(request, slug):
    action = get_object_or_404(Action.objects.visible_to(request.user), slug=slug)
    return download(
        request,
        FICHE,
        str(action.pk),
        filename=f"fiche-{action.number}.pdf",
        template=PREPARING,
        context=_preparing(
            _("Fiche n°%(number)s en préparation") % {"number": action.number}, action.title
        ),
    )


def seminar_list(request):
    """The seminars, each with its livret's edition, and whether a newer one is coming. Not
    cached: an edition changes without any change to the catalogue."""
    published = Q(programmation__actions__status=Action.Status.PUBLISHED)
    seminars = list(
        Seminar.objects.select_related("programmation").annotate(
            fiche_count=Count("programmation__actions", filter=published)
        )
    )
    editions = Edition.objects.filter(
        kind=LIVRET.name, key__in=[str(seminar.pk) for seminar in seminars]
    ).exclude(status=Edition.Status.FAILED)
    for seminar in seminars:
        mine = sorted(
            (edition for edition in editions if edition.key == str(seminar.pk)),
            key=lambda edition: edition.requested_at,
            reverse=True,
        )
        seminar.edition = next((e for e in mine if e.status == Edition.Status.READY), None)
        seminar.coming = next((e for e in mine if not e.is_finished), None)
    return render(request, "livret/seminar_list.html", {"seminars": seminars})


def seminar_pdf(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    return download(
        request,
        LIVRET,
        str(seminar.pk),
        filename=f"livret-{slug}.pdf",
        template=PREPARING,
        context=_preparing(_("Livret en préparation"), seminar.title),
    )
