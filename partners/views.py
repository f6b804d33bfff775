from django.db.models import Prefetch
from django.shortcuts import render

from actions.models import Action
from citeeducative.caching import cache_public_page

from .models import Organisation


@cache_public_page
def directory(request):
    published = Action.objects.published().order_by("number").only("slug", "number", "title")
    organisations = Organisation.objects.with_published_actions().prefetch_related(
        Prefetch("partnered_actions", queryset=published, to_attr="partner_fiches"),
        Prefetch("operated_actions", queryset=published.distinct(), to_attr="operator_fiches"),
    )
    return render(request, "partners/organisation_list.html", {"organisations": organisations})
