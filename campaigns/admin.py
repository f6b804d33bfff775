from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actions.models import Programmation

from . import review, services
from .models import Campaign, Invitation, Proposal


class StartForm(forms.Form):
    programmation = forms.ModelChoiceField(
        label=_("Programmation"), queryset=Programmation.objects.all()
    )


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["__str__", "started_at", "started_by", "recipient_total", "answered_total"]
    list_select_related = ["programmation", "started_by"]
    actions = None

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Campagnes de mise à jour"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                recipient_count=Count("recipients", distinct=True),
                answered_count=Count(
                    "recipients",
                    filter=Q(recipients__invitations__answered_at__isnull=False),
                    distinct=True,
                ),
            )
        )

    @admin.display(description=_("destinataires"))
    def recipient_total(self, obj):
        return obj.recipient_count

    @admin.display(description=_("ont répondu"))
    def answered_total(self, obj):
        return obj.answered_count

    def has_change_permission(self, request, obj=None):
        return False  # A campaign is a record of mails sent: its page only shows it.

    def get_urls(self):
        remind = path(
            "<int:pk>/relance/",
            self.admin_site.admin_view(require_POST(self.remind_view)),
            name="campaigns_campaign_remind",
        )
        return [remind, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        """Choose a programmation, see whom it would mail (the dry run), then send."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StartForm(request.POST or None)
        plan = running = None
        if form.is_valid():
            programmation = form.cleaned_data["programmation"]
            if "envoyer" in request.POST:
                try:
                    campaign = services.campaign_start(
                        programmation=programmation, user=request.user
                    )
                except services.CampaignError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d e-mail mis en file : le worker l'envoie.",
                            "%(count)d e-mails mis en file : le worker les envoie.",
                            campaign.recipients.count(),
                        )
                        % {"count": campaign.recipients.count()},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:campaigns_campaign_change", args=[campaign.pk])
                    )
            plan = services.campaign_plan(programmation=programmation)
            running = services.open_campaign(programmation)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Lancer une campagne de mise à jour"),
            "form": form,
            "plan": plan,
            "running": running,
        }
        return TemplateResponse(request, "admin/campaigns/campaign/start.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Who answered, who did not; the reminder button."""
        campaign = get_object_or_404(Campaign.objects.select_related("programmation"), pk=object_id)
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        invitations = (
            Invitation.objects.filter(recipient__campaign=campaign)
            .select_related("recipient", "action")
            .annotate(proposal_count=Count("proposals"))
            .order_by("recipient__name", "recipient__email", "action__number")
        )
        recipients = {}
        for invitation in invitations:
            recipients.setdefault(invitation.recipient, []).append(invitation)
        answered = [r for r, links in recipients.items() if any(i.answered_at for i in links)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(campaign),
            "campaign": campaign,
            "recipients": list(recipients.items()),
            "answered_count": len(answered),
            "waiting_count": len(recipients) - len(answered),
            "can_remind": self.has_add_permission(request) and campaign.reminded_at is None,
        }
        return TemplateResponse(request, "admin/campaigns/campaign/detail.html", context)

    def remind_view(self, request, pk):
        if not self.has_add_permission(request):
            raise PermissionDenied
        campaign = get_object_or_404(Campaign, pk=pk)
        if campaign.reminded_at is not None:
            self.message_user(
                request, _("La relance de cette campagne est déjà partie."), messages.WARNING
            )
        else:
            count = services.campaign_remind(campaign=campaign)
            self.message_user(
                request,
                ngettext(
                    "Relance mise en file pour %(count)d destinataire.",
                    "Relance mise en file pour %(count)d destinataires.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:campaigns_campaign_change", args=[pk]))


class ProposalStatusFilter(admin.SimpleListFilter):
    """The queue shows what waits for a review unless asked otherwise."""

    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [
            ("acceptee", _("Acceptées")),
            ("refusee", _("Refusées")),
            ("toutes", _("Toutes")),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("À valider"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        statuses = {
            None: Proposal.Status.PENDING,
            "acceptee": Proposal.Status.ACCEPTED,
            "refusee": Proposal.Status.REJECTED,
        }
        if self.value() == "toutes":
            return queryset
        return queryset.filter(status=statuses.get(self.value(), Proposal.Status.PENDING))


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fiche_title", "proposer", "created_at", "status"]
    list_filter = [ProposalStatusFilter]
    list_select_related = ["invitation__action", "invitation__recipient"]
    actions = None

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Propositions à valider"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("fiche"))
    def fiche_title(self, obj):
        return obj.invitation.action.title

    @admin.display(description=_("proposée par"))
    def proposer(self, obj):
        return obj.invitation.recipient

    def has_add_permission(self, request):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The side-by-side review; POST accepts or refuses (with a message)."""
        proposal = get_object_or_404(
            Proposal.objects.select_related(
                "invitation__action", "invitation__recipient__campaign", "reviewed_by"
            ),
            pk=object_id,
        )
        if not self.has_view_permission(request, proposal):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, proposal):
                raise PermissionDenied
            done = self._decide(request, proposal)
            if done:
                return HttpResponseRedirect(reverse("admin:campaigns_proposal_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(proposal),
            "proposal": proposal,
            "fiche": proposal.invitation.action,
            "rows": review.rows(proposal),
            "changed_since_sent": review.changed_since_sent(proposal),
            "can_review": self.has_change_permission(request, proposal)
            and proposal.status == Proposal.Status.PENDING,
            "message": request.POST.get("message", ""),
        }
        return TemplateResponse(request, "admin/campaigns/proposal/review.html", context)

    def _decide(self, request, proposal):
        try:
            if "accepter" in request.POST:
                review.accept(proposal, request.user)
                text = _("Proposition acceptée : la fiche n°%(number)s est modifiée.")
            else:
                review.reject(proposal, request.user, request.POST.get("message", ""))
                text = _("Proposition refusée : le message part au porteur.")
        except review.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
            return False
        self.message_user(request, text % {"number": proposal.invitation.action.number})
        return True
