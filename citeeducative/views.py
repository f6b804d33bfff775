from django.db.models import Count, Q
from django.shortcuts import render

from actions.models import Action, Axe, CiteEducative, Network


def home(request):
    published = Q(actions__status=Action.Status.PUBLISHED)
    axes = Axe.objects.annotate(published_count=Count("actions", filter=published))
    context = {
        "axes": axes,
        "action_count": Action.objects.published().count(),
        "network_count": Network.objects.count(),
        "cite": CiteEducative.objects.first(),
    }
    return render(request, "home.html", context)
