"""Ma sélection: its page (the visitor's own, or one shared as a link), the buttons that change
it, and its PDF booklet. Only published fiches ever enter a selection or a booklet."""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from actions.models import Action, Network
from contacts.models import ActionContact
from editions.views import download

from .chosen import MAX_FICHES, chosen_ids, keep
from .documents import BOOKLET, booklet_key, unknown_notice

SLUG_MAX_LENGTH = Action._meta.get_field("slug").max_length


def _asked_slugs(data):
    """The fiches a query names (``fiche=…``), each once, in order; one more than a selection
    holds at most, so that too many can be told."""
    slugs = []
    for value in data.getlist("fiche"):
        value = value.strip()[:SLUG_MAX_LENGTH]
        if value and value not in slugs:
            slugs.append(value)
            if len(slugs) > MAX_FICHES:
                break
    return slugs


def _listed(actions):
    """What the page shows of each fiche, in a fixed number of queries."""
    return (
        actions.published()
        .select_related("axe")
        .prefetch_related(
            "publics",
            "sectors",
            Prefetch("networks", Network.objects.select_related("sector")),
            Prefetch("contact_links", ActionContact.objects.select_related("contact")),
        )
        .order_by("axe_id", "number")
    )


def _link(name, slugs):
    return reverse(name) + ("?" + urlencode([("fiche", slug) for slug in slugs]) if slugs else "")


@never_cache
def selection_page(request):
    asked = _asked_slugs(request.GET)
    ids = chosen_ids(request)
    if asked:
        fiches = list(_listed(Action.objects.filter(slug__in=asked[:MAX_FICHES])))
        found = {fiche.slug for fiche in fiches}
        unknown = [slug for slug in asked[:MAX_FICHES] if slug not in found]
    else:
        fiches, unknown = list(_listed(Action.objects.filter(pk__in=ids))), []
    slugs = [fiche.slug for fiche in fiches]
    back = request.GET.get("retour", "")
    context = {
        "fiches": fiches,
        "shared": bool(asked),
        "too_many": len(asked) > MAX_FICHES,
        "max_fiches": MAX_FICHES,
        "unknown_notice": unknown_notice(unknown) if unknown else "",
        "share_url": request.build_absolute_uri(_link("selection:page", slugs)),
        "pdf_url": _link("selection:pdf", slugs),
        "chosen_ids": ids,
        "all_chosen": bool(fiches) and all(fiche.pk in ids for fiche in fiches),
        "back": back if url_has_allowed_host_and_scheme(back, allowed_hosts=None) else "",
    }
    return render(request, "selection/selection_page.html", context)


def _back_query(request):
    """``?retour=<the page the visitor came from>``, when it is a page of the site; from the
    selection's own page, the page that one leads back to."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host():
        return ""
    back = urlunsplit(("", "", referer.path, referer.query, ""))
    if referer.path == reverse("selection:page"):
        back = QueryDict(referer.query).get("retour", "")
    return "?" + urlencode({"retour": back}) if back else ""


def _answer(request, ids, message, *, status=200):
    """The selection after a change: JSON for the page's script, otherwise the selection's
    page with the message, leading back to where the visitor was."""
    if "application/json" in request.headers.get("Accept", ""):
        count_label = ngettext("%(count)d fiche action", "%(count)d fiches action", len(ids)) % {
            "count": len(ids)
        }
        answer = {"ids": ids, "count": len(ids), "count_label": count_label, "message": message}
        response = JsonResponse(answer, status=status)
    else:
        messages.add_message(
            request, messages.SUCCESS if status == 200 else messages.ERROR, message
        )
        response = HttpResponseRedirect(reverse("selection:page") + _back_query(request))
        response.status_code = 303  # See Other: the page is to be fetched, not posted to.
    if status == 200:
        keep(response, ids)
    return response


@require_POST
def add(request):
    asked = _asked_slugs(request.POST)
    found = dict(Action.objects.published().filter(slug__in=asked).values_list("slug", "pk"))
    ids = chosen_ids(request)
    new = [found[slug] for slug in asked if slug in found and found[slug] not in ids]
    if not found:
        return _answer(
            request, ids, _("Cette fiche n'existe pas ou n'est plus publiée."), status=404
        )
    if len(ids) + len(new) > MAX_FICHES:
        message = _(
            "Votre sélection compte déjà %(count)d fiches ; elle en contient au plus %(max)d. "
            "Retirez-en avant d'en ajouter."
        ) % {"count": len(ids), "max": MAX_FICHES}
        return _answer(request, ids, message, status=400)
    message = ngettext(
        "%(count)d fiche ajoutée à votre sélection.",
        "%(count)d fiches ajoutées à votre sélection.",
        len(new),
    ) % {"count": len(new)}
    if not new:
        message = _("Ces fiches sont déjà dans votre sélection.")
    return _answer(request, ids + new, message)


@require_POST
def remove(request):
    asked = _asked_slugs(request.POST)
    removed = set(Action.objects.filter(slug__in=asked).values_list("pk", flat=True))
    ids = [pk for pk in chosen_ids(request) if pk not in removed]
    return _answer(request, ids, _("La fiche a été retirée de votre sélection."))


@require_POST
def clear(request):
    return _answer(request, [], _("Votre sélection est vide."))


def selection_pdf(request):
    asked = _asked_slugs(request.GET)
    if len(asked) > MAX_FICHES:
        message = _(
            "Un livret de sélection contient au plus %(max)d fiches : retirez-en quelques-unes "
            "de l'adresse, ou téléchargez le livret complet d'un séminaire."
        ) % {"max": MAX_FICHES}
        return render(request, "selection/booklet_refused.html", {"message": message}, status=400)
    actions = Action.objects.published().filter(slug__in=asked)
    found = set(actions.values_list("slug", flat=True))
    if not found:
        message = _("Aucune des fiches demandées n'existe ou n'est publiée.")
        return render(request, "selection/booklet_refused.html", {"message": message}, status=404)
    return download(
        request,
        BOOKLET,
        booklet_key(asked),
        filename="ma-selection.pdf",
        template="editions/preparing.html",
        context={
            "title": _("Livret de votre sélection en préparation"),
            "document": _("Ma sélection de fiches action"),
            "back_url": reverse("selection:page"),
            "back_label": _("Revenir à ma sélection"),
        },
        params={"slugs": asked},
    )
