"""Import and export buttons on an admin change list, with the permissions and French messages
coordinators need."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm
from import_export.results import RowResult

from .formats import FORMATS, LimitExceeded, UnreadableFile
from .limits import check_file_size
from .waiting import WaitingFileStorage


class ExportForm(SelectableFieldsExportForm):
    """The export form's checkboxes labelled with the French column names."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return str(field.column_name) if field else field_name


OVERWRITE_NEWER_LABEL = _lazy("Remplacer aussi les modifications plus récentes")
OVERWRITE_NEWER_HELP = _lazy(
    "Une ligne dont la date « mise à jour » est antérieure à la dernière modification de "
    "l'enregistrement sur le site est refusée : cochez pour l'importer quand même, en "
    "effaçant ces modifications."
)


class SpreadsheetImportForm(ImportForm):
    """The upload refused past IMPORT_MAX_UPLOAD_BYTES before a byte of it is read or kept."""

    overwrite_newer = forms.BooleanField(
        label=OVERWRITE_NEWER_LABEL, help_text=OVERWRITE_NEWER_HELP, required=False
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_file_size(upload.size)
        except LimitExceeded as error:
            raise ValidationError(str(error)) from None
        return upload


class SpreadsheetConfirmImportForm(ConfirmImportForm):
    # What the coordinator ticked on the first step, carried to the confirmation.
    overwrite_newer = forms.BooleanField(required=False, widget=forms.HiddenInput())


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons on a change list, for the catalogue's four formats.

    Export needs the model's view permission; import needs both add and change (it does both).
    The preview (dry run) shows what will be created, updated or left unchanged, line by line;
    confirming applies everything or nothing."""

    import_formats = FORMATS
    export_formats = FORMATS
    # The formats decode the bytes themselves (UTF-8 with or without BOM, or Windows-1252).
    from_encoding = None
    import_template_name = "admin/import_export/catalogue_import.html"
    export_template_name = "admin/import_export/catalogue_export.html"
    export_form_class = ExportForm
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmImportForm

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def write_to_tmp_storage(self, import_file, input_format):
        storage = WaitingFileStorage(read_mode=input_format.get_read_mode())
        storage.save(b"".join(import_file.chunks()))
        return storage

    def import_action(self, request, **kwargs):
        """The preview; its file is kept only while a confirmation is offered."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        # The form forgets a refused file; the upload keeps the name it was saved under.
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            WaitingFileStorage(name=name).remove()
        return response

    def process_import(self, request, **kwargs):
        """The confirmed import, unless its waiting file is gone (past its lifetime)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if (
            request.method == "POST"
            and not WaitingFileStorage(name=request.POST.get("import_file_name", "")).exists()
        ):
            messages.error(
                request,
                _(
                    "L'aperçu de cet import a expiré : rien n'a été enregistré. "
                    "Choisissez à nouveau le fichier."
                ),
            )
            return HttpResponseRedirect(self._import_url())
        return super().process_import(request, **kwargs)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["overwrite_newer"] = import_form.cleaned_data["overwrite_newer"]
        return initial

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        overwrite_newer = bool(form and form.cleaned_data.get("overwrite_newer"))
        return {**super().get_import_data_kwargs(**kwargs), "overwrite_newer": overwrite_newer}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, LimitExceeded):
            form.add_error("import_file", str(e))
            return
        detail = f" {e}" if isinstance(e, UnreadableFile) else ""
        form.add_error(
            "import_file",
            _(
                "Ce fichier n'a pas pu être lu comme un tableur au format choisi.%(detail)s "
                "Enregistrez-le en CSV, XLSX (Excel), ODS (LibreOffice) ou JSON, choisissez le "
                "format correspondant, puis recommencez."
            )
            % {"detail": detail},
        )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The confirmed import met a problem the preview had not (the data changed
            # in between): it was rolled back.
            problems = [message for error in result.base_errors for message in error.messages] or [
                _("Import refusé : rien n'a été enregistré.")
            ]
            messages.error(request, " ".join(problems[:10]))
            return HttpResponseRedirect(self._import_url())
        return super().process_result(result, request)

    def _import_url(self):
        return reverse(
            "admin:{}_{}_import".format(*self.get_model_info()), current_app=self.admin_site.name
        )

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _(
                "Import terminé (%(model)s) : %(new)d créé(s), %(update)d modifié(s), "
                "%(skip)d inchangé(s)."
            )
            % {
                "model": self.model._meta.verbose_name_plural,
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "update": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skip": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def get_export_filename(self, request, queryset, file_format):
        date = timezone.localdate().isoformat()
        name = slugify(self.model._meta.verbose_name_plural)
        return f"{name}-{date}.{file_format.get_extension()}"
