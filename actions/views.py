from django.shortcuts import get_object_or_404, render

from .models import Action, Axe


def _visible_actions(request):
    """Published fiches; coordinators also see drafts, to check them before publishing."""
    if request.user.is_staff:
        return Action.objects.all()
    return Action.objects.published()


def catalogue(request):
    actions = Action.objects.published().for_listing().order_by("axe__number", "number")
    context = {"axes": Axe.objects.all(), "actions": actions}
    return render(request, "actions/action_list.html", context)


def detail(request, slug):
    action = get_object_or_404(_visible_actions(request).for_detail(), slug=slug)
    siblings = Action.objects.published().filter(programmation=action.programmation_id)
    context = {
        "action": action,
        "previous": siblings.filter(number__lt=action.number).order_by("-number").first(),
        "next": siblings.filter(number__gt=action.number).order_by("number").first(),
    }
    return render(request, "actions/action_detail.html", context)
