"""The livret professionnel: a seminar's fiches as a print-quality PDF, made with WeasyPrint.

Fiches are written by people, so a render only reads the project's own static and media files
(no network, no other file) and runs in a child process that is stopped after a time limit.
A PDF is cached under the hash of the HTML it was made from: what it shows is its key.
"""

import hashlib
import logging
import multiprocessing
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from .caching import catalogue_version
from .models import Action, Axe, Contribution
from .pdf import render_in_child

logger = logging.getLogger(__name__)

CACHE_PREFIX = "livret"


class LivretError(Exception):
    """A livret could not be rendered."""


def allowed_roots():
    roots = [*settings.STATICFILES_DIRS, settings.STATIC_ROOT, settings.MEDIA_ROOT]
    return [str(root) for root in roots if Path(root).exists()]


def static_base_url():
    """The folder that relative URLs in the livret (CSS, fonts) resolve against."""
    return Path(finders.find("livret/livret.css")).parent.as_uri() + "/"


def render_pdf(html, *, timeout=None):
    """HTML to PDF in a child process that is killed past ``timeout`` seconds."""
    timeout = timeout or settings.LIVRET_RENDER_TIMEOUT
    context = multiprocessing.get_context("forkserver")
    # The fork server keeps WeasyPrint imported, so that a render does not pay for it.
    context.set_forkserver_preload(["actions.pdf"])
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=render_in_child, args=(sender, html, static_base_url(), allowed_roots()), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise LivretError(f"Le rendu du livret a dépassé {timeout} secondes.")
        status, result = receiver.recv()
    except EOFError:
        raise LivretError("Le rendu du livret s'est interrompu.") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status != "ok":
        raise LivretError(f"Le rendu du livret a échoué : {result}")
    return result


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


def livret_html(*, seminar=None, actions=None, include_drafts=False, title=None, fiche_only=False):
    """The livret as HTML: of a seminar (its programmation's fiches) or of chosen fiches;
    ``fiche_only`` gives the fiches alone, without cover, contents or indexes."""
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
        "seminar": seminar,
        "title": title or (seminar.title if seminar else "Fiches action"),
        "axes": axes,
        "fiches": fiches,
        "items": items,
        "contact_index": contact_index,
        "organisation_index": organisation_index,
        # The day, not the time: the HTML is the cache key, and must not change every second.
        "generated_on": timezone.localdate(),
        "fiche_only": fiche_only,
    }
    return render_to_string("livret/livret.html", context)


def cached_pdf(html):
    """The PDF of this HTML, rendered once: the cache key is the HTML's own hash."""
    key = f"{CACHE_PREFIX}:{hashlib.sha256(html.encode()).hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html).content
        cache.set(key, pdf, timeout=None)
    return pdf


def seminar_pdf(seminar, *, include_drafts=False):
    """A seminar's livret: while the catalogue has not changed, straight from the cache, without
    even its HTML; after a change, rendered again only if its HTML differs. Should a render
    fail, the last good livret of the seminar is served."""
    current_key = f"{CACHE_PREFIX}:{seminar.pk}:{include_drafts}:{catalogue_version()}"
    pdf = cache.get(current_key)
    if pdf is not None:
        return pdf
    last_good_key = f"{CACHE_PREFIX}:last:{seminar.pk}:{include_drafts}"
    try:
        pdf = cached_pdf(livret_html(seminar=seminar, include_drafts=include_drafts))
    except LivretError:
        pdf = cache.get(last_good_key)
        if pdf is None:
            raise
        logger.exception("Livret %s : rendu en échec, dernier livret valide servi.", seminar.slug)
        return pdf
    cache.set(last_good_key, pdf, timeout=None)
    cache.set(current_key, pdf, timeout=None)
    return pdf
