from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .forms import FicheAnswerForm
from .tokens import LinkGone, invitation_for

CONFIRM = "rien"


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The fiche of a personal link: confirm it as it is ("Rien à changer"), or propose
    changes that wait for a coordinator. No account: the link is the key."""
    try:
        invitation = invitation_for(token)
    except LinkGone:
        return render(request, "campaigns/link_gone.html", status=410)
    fiche = invitation.action
    if request.method == "POST" and request.POST.get("reponse") == CONFIRM:
        services.invitation_confirm(invitation=invitation)
        return render(request, "campaigns/answer_recorded.html", {"fiche": fiche})
    form = FicheAnswerForm(fiche, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        proposal = services.proposal_submit(
            invitation=invitation, proposed=form.proposed(), comment=form.cleaned_data["comment"]
        )
        if proposal is not None:
            context = {"fiche": fiche, "proposal": proposal}
            return render(request, "campaigns/answer_recorded.html", context)
        form.add_error(
            None,
            _("Vous n'avez rien modifié. Si la fiche est juste, cliquez sur « Rien à changer »."),
        )
    context = {"fiche": fiche, "form": form, "invitation": invitation}
    return render(request, "campaigns/answer.html", context, status=400 if form.is_bound else 200)
