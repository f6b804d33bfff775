"""The bilan of a programmation on the site (contract URLs): the dashboard, the seminar's
booklet (PDF) and, for coordinators, the revue de projet (XLSX)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actions.models import Programmation, current_among
from citeeducative.caching import cache_public_page
from citeeducative.models import CiteEducative
from editions.views import download

from .charts import brand_colour, catalogue_charts, follow_up_charts, format_money
from .documents import BILAN, BILAN_FOLLOW_UP
from .figures import catalogue_figures, kept
from .revue import XLSX_CONTENT_TYPE, revue_xlsx
from .totals import follow_up_totals

FOLLOW_UP_PERMISSION = "bilan.view_followup"


def can_see_follow_up(user):
    return user.has_perm(FOLLOW_UP_PERMISSION)


def _years(request, programmation):
    """The years asked for (``?annee=2021``, default: all the programmation's), and a French
    message when the value is not one of them."""
    every_year = list(range(programmation.start_year, programmation.end_year + 1))
    value = request.GET.get("annee", "").strip()
    if not value:
        return every_year, None, ""
    if value.isdigit() and int(value) in every_year:
        return [int(value)], int(value), ""
    message = _(
        "« %(value)s » n'est pas une année de la programmation : toutes ses années sont montrées."
    ) % {"value": value[:20]}
    return every_year, None, message


@require_safe
@cache_public_page
def dashboard(request, slug=None):
    programmations = kept(
        "programmations", lambda: list(Programmation.objects.with_published_fiches())
    )
    if slug is None:
        programmation = current_among(programmations)
    else:
        programmation = get_object_or_404(Programmation, slug=slug)
    context = {"programmation": programmation, "programmations": programmations}
    if programmation is not None:
        context.update(_figures_context(request, programmation))
    return render(request, "bilan/dashboard.html", context)


def _figures_context(request, programmation):
    cite = CiteEducative.objects.current()
    colour = brand_colour(cite)
    figures = catalogue_figures(programmation)
    context = {"figures": figures, "charts": catalogue_charts(figures, colour=colour)}
    if figures.fiches and can_see_follow_up(request.user):
        years, chosen_year, year_message = _years(request, programmation)
        totals = follow_up_totals(programmation, years)
        context.update(
            {
                "totals": totals,
                "budget": format_money(totals.budget),
                "follow_up_charts": follow_up_charts(
                    totals, published=figures.fiches, colour=colour
                ),
                "years": list(range(programmation.start_year, programmation.end_year + 1)),
                "chosen_year": chosen_year,
                "year_message": year_message,
            }
        )
    return context


@require_safe
def booklet(request, slug):
    """The bilan booklet; coordinators get the follow-up in it unless ``?suivi=non``."""
    programmation = get_object_or_404(Programmation, slug=slug)
    with_follow_up = can_see_follow_up(request.user) and request.GET.get("suivi") != "non"
    kind, suffix = (BILAN_FOLLOW_UP, "-suivi") if with_follow_up else (BILAN, "")
    return download(
        request,
        kind,
        programmation.slug,
        filename=f"bilan-{programmation.slug}{suffix}.pdf",
        template="editions/preparing.html",
        context={
            "title": _("Bilan en préparation"),
            "document": _("Bilan de la %(name)s") % {"name": programmation.name.lower()},
            "back_url": reverse("bilan:dashboard", args=[programmation.slug]),
            "back_label": _("Le tableau de bord du bilan"),
        },
    )


@require_safe
def revue(request, slug):
    """The revue de projet: coordinators only; a visitor is asked to sign in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not can_see_follow_up(request.user):
        raise PermissionDenied
    programmation = Programmation.objects.filter(slug=slug).first()
    if programmation is None:
        raise Http404
    response = HttpResponse(revue_xlsx(programmation), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="revue-de-projet-{programmation.slug}.xlsx"'
    )
    return response
