"""The coordinators' pages for the livret app's editions: one page follows an edition while it
is made (with the current one to download meanwhile) and offers its file once ready."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from actions.models import Action
from editions.models import Edition
from editions.views import progress, serve

from .documents import FICHE, LIVRET, PREVIEW, SELECTION
from .models import Seminar

# Who may see an edition of each kind.
PERMISSIONS = {
    LIVRET.name: "livret.view_seminar",
    PREVIEW.name: "livret.view_seminar",
    FICHE.name: "actions.view_action",
    SELECTION.name: "actions.view_action",
}


def follow(edition):
    """To the page of an edition just asked for; to its file if it is ready already."""
    if edition.status == Edition.Status.READY:
        return redirect("admin:livret_edition_pdf", pk=edition.pk)
    return redirect("admin:livret_edition", pk=edition.pk)


def _get_edition(request, pk):
    edition = get_object_or_404(Edition, pk=pk, kind__in=PERMISSIONS)
    if not request.user.has_perm(PERMISSIONS[edition.kind]):
        raise PermissionDenied
    return edition


def _describe(edition):
    """The page's title and the file's name."""
    if edition.kind in {LIVRET.name, PREVIEW.name}:
        seminar = Seminar.objects.filter(pk=edition.key).first()
        name = seminar.title if seminar else edition.key
        if edition.kind == PREVIEW.name:
            title = _("Aperçu avec les brouillons du livret « %(name)s »") % {"name": name}
        else:
            title = _("Livret « %(name)s »") % {"name": name}
        suffix = "-apercu" if edition.kind == PREVIEW.name else ""
        return title, f"livret-{seminar.slug if seminar else edition.key}{suffix}.pdf"
    if edition.kind == FICHE.name:
        number = Action.objects.filter(pk=edition.key).values_list("number", flat=True).first()
        return _("Fiche n°%(number)s en PDF") % {"number": number}, f"fiche-{number}.pdf"
    count = len(edition.params.get("ids", []))
    return _("Livret de %(count)s fiches choisies") % {"count": count}, "livret-selection.pdf"


def edition_view(request, pk, admin_site):
    edition = _get_edition(request, pk)
    download_url = reverse("admin:livret_edition_pdf", args=[edition.pk])
    current = None
    if edition.status != Edition.Status.READY:
        current = Edition.objects.of(edition.kind, edition.key).ready().first()
    title, filename = _describe(edition)
    context = {
        **admin_site.each_context(request),
        "title": title,
        "filename": filename,
        "current": current,
        "download_url": download_url,
        "download_label": _("Télécharger cette édition"),
        "show_error": True,
        "renew_url": reverse("admin:livret_seminar_new_livret", args=[edition.key])
        if edition.kind == LIVRET.name
        else None,
    }
    return progress(
        request,
        edition,
        template="admin/livret/edition.html",
        context=context,
        redirect_when_ready=download_url,
    )


def edition_pdf(request, pk):
    edition = _get_edition(request, pk)
    if edition.status != Edition.Status.READY:
        return follow(edition)
    return serve(request, edition, _describe(edition)[1])
