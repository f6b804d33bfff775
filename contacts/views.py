from django.db.models import Prefetch
from django.shortcuts import render

from actions.models import Action
from citeeducative.caching import cache_public_page

from .models import Contact


@cache_public_page
def directory(request):
    published = Action.objects.published().order_by("number").only("slug", "number", "title")
    contacts = (
        Contact.objects.filter(actions__in=Action.objects.published())
        .distinct()
        .select_related("organisation")
        .prefetch_related(Prefetch("actions", queryset=published.distinct(), to_attr="fiches"))
    )
    return render(request, "contacts/contact_list.html", {"contacts": contacts})
