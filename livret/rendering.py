"""The livret professionnel: a seminar's fiches as print-quality HTML, for ``pdfs`` to render
(by the task worker: see ``livret.documents``)."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import Action, Axe
from citeeducative.models import CiteEducative
from editions.kinds import Document

from .changes import changes_since_previous
from .models import Contribution

STYLESHEET = "livret/livret.css"


def _indexes(fiches):
    """Contacts and structures with the numbers of the fiches they appear on, sorted."""
    contacts, organisations = {}, {}
    for fiche in fiches:
        for link in fiche.contact_links.all():
            contacts.setdefault(link.contact, []).append(fiche)
        for partner in fiche.partners.all():
            organisations.setdefault(partner, []).append(fiche)
        for link in fiche.operator_links.all():
            organisations.setdefault(link.organisation, []).append(fiche)
    contact_index = sorted(
        contacts.items(), key=lambda item: (item[0].last_name, item[0].first_name)
    )
    organisation_index = sorted(organisations.items(), key=lambda item: item[0].name.casefold())
    return (
        [(contact, _unique(fiches)) for contact, fiches in contact_index],
        [(organisation, _unique(fiches)) for organisation, fiches in organisation_index],
    )


def _unique(fiches):
    return sorted(set(fiches), key=lambda fiche: fiche.number)


def livret_html(**options):
    return livret_document(**options).html


def livret_document(
    *, seminar=None, actions=None, include_drafts=False, title=None, fiche_only=False, notice=""
):
    """The livret, to render: of a seminar (its programmation's fiches) or of chosen fiches;
    ``fiche_only`` gives the fiches alone, without cover, contents or indexes; ``notice`` is
    said at the top of the contents."""
    if actions is None:
        actions = Action.objects.filter(programmation=seminar.programmation_id)
        if not include_drafts:
            actions = actions.published()
    fiches = list(actions.for_detail().order_by("axe_id", "number"))
    axes = [
        (axe, [fiche for fiche in fiches if fiche.axe_id == axe.pk])
        for axe in Axe.objects.filter(pk__in={fiche.axe_id for fiche in fiches})
    ]
    contact_index, organisation_index = _indexes(fiches)
    items = []
    if seminar is not None:
        contributions = Contribution.objects.select_related("contact")
        items = seminar.items.select_related("axe").prefetch_related(
            Prefetch("contributions", queryset=contributions)
        )
    context = {
        "cite": CiteEducative.objects.current(),
        "seminar": seminar,
        "title": title or (seminar.title if seminar else "Fiches action"),
        "axes": axes,
        "fiches": fiches,
        "items": items,
        "contact_index": contact_index,
        "organisation_index": organisation_index,
        # The day, not the time: an edition whose HTML has not changed is not rendered again.
        "generated_on": timezone.localdate(),
        "fiche_only": fiche_only,
        "changes": changes_since_previous(seminar, fiches)
        if seminar is not None and seminar.include_changes and not fiche_only
        else None,
        "notice": notice,
    }
    html = render_to_string("livret/livret.html", context)
    return Document(html=html, stylesheet=STYLESHEET, items=len(fiches))
