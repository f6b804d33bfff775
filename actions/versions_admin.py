"""The fiche's versions in the back office: each save of the change form records one version
of the whole fiche (with the reason typed in « motif »); the history page lists them with what
changed, and brings the fiche back to any of them; the deleted fiches' page restores them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .models import FicheVersion
from .versions import history, record_state_before_change, record_version, restore_version

REASON_FIELD = "motif"


def _reason_field():
    return forms.CharField(
        label=_("motif de la modification"),
        required=False,
        max_length=255,
        help_text=_("Facultatif : il apparaîtra dans l'historique de la fiche."),
    )


class FicheVersionsAdminMixin:
    """For the fiche's ModelAdmin: one version per save, and the French history."""

    object_history_template = "admin/actions/action/versions.html"

    def get_form(self, request, obj=None, **kwargs):
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(base.__name__, (base,), {REASON_FIELD: _reason_field()})
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        may_save = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        if not may_save:
            return fieldsets
        return [*fieldsets, (_("Enregistrement"), {"fields": [REASON_FIELD]})]

    def save_model(self, request, obj, form, change):
        if change:
            record_state_before_change(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_version(
            form.instance, user=request.user, reason=form.cleaned_data.get(REASON_FIELD, "")
        )

    def delete_model(self, request, obj):
        record_version(obj, user=request.user, reason=gettext("Fiche supprimée"))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for fiche in queryset:
            record_version(fiche, user=request.user, reason=gettext("Fiche supprimée"))
        super().delete_queryset(request, queryset)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:version_id>/revenir/",
                view(require_POST(self.revert_view)),
                name="actions_action_revert",
            ),
            path("supprimees/", view(self.deleted_view), name="actions_action_deleted"),
            path(
                "supprimees/<int:version_id>/restaurer/",
                view(require_POST(self.recover_view)),
                name="actions_action_recover",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        fiche = self.get_object(request, object_id)
        if fiche is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, fiche):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": fiche,
            "title": _("Historique : %(fiche)s") % {"fiche": fiche},
            "versions": history(fiche.pk),
            "may_revert": self.has_change_permission(request, fiche),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revert_view(self, request, object_id, version_id):
        fiche = self.get_object(request, object_id)
        if fiche is None:
            raise Http404
        if not self.has_change_permission(request, fiche):
            raise PermissionDenied
        version = get_object_or_404(FicheVersion, pk=version_id, fiche_id=fiche.pk)
        self._restore(request, version)
        return HttpResponseRedirect(reverse("admin:actions_action_history", args=[fiche.pk]))

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Fiches supprimées"),
            "versions": FicheVersion.objects.of_deleted_fiches().select_related("user"),
            "may_restore": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/actions/action/deleted.html", context)

    def recover_view(self, request, version_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(FicheVersion.objects.of_deleted_fiches(), pk=version_id)
        if self._restore(request, version):
            return HttpResponseRedirect(
                reverse("admin:actions_action_change", args=[version.fiche_id])
            )
        return HttpResponseRedirect(reverse("admin:actions_action_deleted"))

    def _restore(self, request, version):
        try:
            left_out = restore_version(
                version, user=request.user, reason=request.POST.get(REASON_FIELD, "")
            )
        except ValidationError as error:
            messages.error(
                request,
                gettext("La fiche n'a pas été restaurée : %(errors)s")
                % {"errors": " ".join(error.messages)},
            )
            return False
        messages.success(
            request,
            gettext("La fiche « %(fiche)s » est revenue à cette version.")
            % {"fiche": version.label},
        )
        if left_out:
            messages.warning(
                request,
                gettext("Supprimés depuis, donc non restaurés : %(items)s.")
                % {"items": ", ".join(left_out)},
            )
        return True
