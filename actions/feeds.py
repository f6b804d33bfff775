"""The catalogue's latest changes: a public page and an Atom feed (contract URL
``/actions/flux.atom``), one entry per published fiche, the latest updated first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from citeeducative.caching import cache_public_page
from citeeducative.models import CiteEducative
from citeeducative.text import plain_text, summary

from .models import Action


def latest_changes():
    return (
        Action.objects.published()
        .select_related("programmation")
        .order_by("-updated_at", "-pk")[: settings.LATEST_CHANGES_COUNT]
    )


@cache_public_page
def changes_page(request):
    return render(request, "actions/changes.html", {"fiches": latest_changes()})


def _cite_name():
    cite = CiteEducative.objects.current()
    return cite.name if cite else _("Cité éducative")


class ChangesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Les actions de la %(name)s : nouveautés") % {"name": _cite_name()}

    def author_name(self):
        # Atom asks for an author: the Cité éducative, which publishes the catalogue.
        return _cite_name()

    def subtitle(self):
        return _("Les fiches action publiées et mises à jour, les plus récentes d'abord.")

    def link(self):
        return reverse("actions:changes")

    def items(self):
        return latest_changes()

    def item_title(self, item):
        return _("Fiche n°%(number)d – %(title)s (%(period)s)") % {
            "number": item.number,
            "title": item.title,
            "period": item.programmation.period,
        }

    def item_description(self, item):
        return summary(" ".join(plain_text(item.description).split()), 400)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


changes_feed = cache_public_page(ChangesFeed())
