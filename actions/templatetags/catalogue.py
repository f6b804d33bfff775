"""The fiche cards of the catalogue, written in Python.

A page lists up to 30 cards, and the template engine spends about 80 µs on each (an include, a
URL, a dozen variables, each resolved and escaped) where this spends 15: 2 ms of a 15 ms page
at 10,000 fiches. Django's admin builds its result rows in Python too
(``admin_list.items_for_result``). Every value goes through ``html.escape``, as Django's own
``escape`` does."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from selection.toggle import toggle_form, toggle_urls

register = template.Library()


@register.simple_tag
def action_cards(actions, fiche_query="", show_axe=False, archive=""):
    """The ``<li>`` cards of ``actions`` (from ``Action.objects.for_listing()``): number, and
    axe when ``show_axe``; title linking to the fiche with ``fiche_query``, what leads back to
    the list; publics and sectors as tags ("Toute la ville" when it names no place); the
    button that adds it to the visitor's selection; ``archive`` marks the fiches of an
    earlier programmation ("Archive 2020-2022")."""
    fiche_label, axe_label = gettext("Fiche n°"), gettext("Axe")
    tags_label = escape(gettext("Public et secteur"))
    whole_city = [escape(gettext("Toute la ville"))]
    selection_urls = toggle_urls()
    query = f"?{fiche_query}" if fiche_query else ""
    badge = f'<p class="badge badge--archive">{escape(archive)}</p>' if archive else ""
    cards = []
    for action in actions:
        number = f"{fiche_label}{action.number}"
        if show_axe:
            number += f" · {axe_label} {action.axe.number}"
        sectors = [escape(sector.name) for sector in action.listed_sectors] or whole_city
        tags = "".join(
            [f'<li class="tag">{escape(public.label)}</li>' for public in action.listed_publics]
            + [f'<li class="tag tag--sector">{name}</li>' for name in sectors]
        )
        if tags:
            tags = f'<ul class="tags" aria-label="{tags_label}">{tags}</ul>'
        url = escape(action.get_absolute_url() + query)
        cards.append(
            '<li class="action-card">'
            f'<p class="action-card__number">{escape(number)}</p>{badge}'
            f'<h3 class="action-card__title"><a href="{url}">{escape(action.title)}</a></h3>'
            f"{tags}{toggle_form(action, selection_urls)}</li>"
        )
    return mark_safe("".join(cards))  # every value above is escaped
