"""The base of every spreadsheet resource: all or nothing, explained in French."""

import contextlib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.dispatch import receiver
from django.utils.translation import gettext as _
from import_export import resources
from import_export.instance_loaders import CachedInstanceLoader
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history

from citeeducative.text import fold, unique_slug

from .columns import ForeignKeyColumn, ManyToManyColumn, RelationColumn
from .formats import is_blank
from .preview import PreviewDiff
from .problems import ImportProblem, located


class PrefetchingInstanceLoader(CachedInstanceLoader):
    """All the records a file names in one query, with what the comparisons and the preview
    read (``SpreadsheetResource.import_prefetch``)."""

    def get_queryset(self):
        return self.resource.get_queryset().prefetch_related(*self.resource.import_prefetch)


class SpreadsheetResource(resources.ModelResource):
    """Base of the spreadsheet resources.

    Imports are all or nothing whoever runs them (admin, ``import`` command, script): one
    transaction, rolled back if any row is refused. Each refusal names the line of the sheet
    (the headers being line 1), the column and the problem, in French. Rows are saved with
    ``save()``, so history and signals see them. Two hooks for what the domain must do around
    an import: ``import_scope()`` wraps it (to refresh derived data once, at the end) and
    ``links_written_in_bulk()`` runs after it when relations were written without signals.
    """

    #: Columns a row needs to create a record (an update may leave any column out).
    required_columns = ()
    #: Columns of our exports that an import accepts and ignores (read-only data).
    ignored_columns = ()
    #: Relations the instance loader prefetches for the comparisons and the preview.
    import_prefetch = ()
    #: Relations an export prefetches.
    export_prefetch = ()
    export_select_related = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = PrefetchingInstanceLoader

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for field in self.fields.values():
            field.resource = self
        self._lookups = {}
        self.user = None
        self.links_changed = False
        self.children_to_create = {}
        self.overwrite_newer = False
        self._newer = None

    @classmethod
    def get_error_result_class(cls):
        return ImportProblem

    @classmethod
    def get_diff_class(cls):
        return PreviewDiff

    # Lookups by natural key, loaded once per import.

    def lookup(self, model, key):
        """The records of ``model`` by ``key`` (case and accents ignored)."""
        if (model, key) not in self._lookups:
            self._lookups[model, key] = {
                fold(getattr(item, key)): item
                for item in self.by_pk(model).values()
                if getattr(item, key) not in (None, "")
            }
        return self._lookups[model, key]

    def by_pk(self, model):
        """The records of ``model`` by primary key, in their default order."""
        if (model, "pk") not in self._lookups:
            self._lookups[model, "pk"] = {item.pk: item for item in model.objects.all()}
        return self._lookups[model, "pk"]

    # Columns.

    def column_names(self):
        return {field.column_name for field in self.get_import_fields()}

    def import_id_columns(self):
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def normalise_headers(self, dataset):
        """Headers matched to our columns whatever their case and accents; unknown,
        repeated or missing columns refuse the file (a typo would otherwise lose a column)."""
        known = {fold(name): name for name in self.column_names() | set(self.ignored_columns)}
        headers, problems = [], []
        for header in dataset.headers:
            # The BOM stays in the first header when a CSV is decoded as plain UTF-8.
            header = str(header or "").lstrip("\ufeff")
            name = known.get(fold(header))
            if name is None:
                problems.append(_("colonne inconnue « %(column)s ».") % {"column": header})
            elif name in headers:
                problems.append(_("colonne « %(column)s » en double.") % {"column": name})
            headers.append(name or header)
        problems += [
            _("colonne « %(column)s » manquante.") % {"column": column}
            for column in self.import_id_columns()
            if column not in headers
        ]
        if problems:
            expected = ", ".join(f"« {name} »" for name in self.get_export_headers())
            raise ValidationError(
                [
                    _("Ligne 1 (noms des colonnes) : %(problem)s") % {"problem": problem}
                    for problem in problems
                ]
                + [_("Colonnes attendues : %(columns)s.") % {"columns": expected}]
            )
        dataset.headers = headers

    # The import.

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        result = super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )
        if result.has_validation_errors():
            # Also an error of the whole import, so that the ``import`` command fails too.
            refused = [
                message
                for row in result.invalid_rows
                for messages_ in row.error_dict.values()
                for message in messages_
            ]
            summary = _("Import refusé : %(count)d ligne(s) invalide(s), rien n'a été enregistré.")
            result.append_base_error(
                ImportProblem(
                    ValidationError([summary % {"count": len(result.invalid_rows)}, *refused])
                )
            )
        return result

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        try:
            self.normalise_headers(dataset)
        except ValidationError as error:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(ImportProblem(error))
            return result
        self._lookups = {}
        self.user = kwargs.get("user")
        self.overwrite_newer = bool(kwargs.get("overwrite_newer"))
        self.links_changed = False
        self.children_to_create = {}
        self.reset_import_state()
        with self.import_scope():
            return super().import_data_inner(
                dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
            )

    def reset_import_state(self):
        """Per-import memory of what the file already used (identifiers, numbers…)."""
        self._seen = {}

    def seen_before(self, kind, value, line):
        """The line of the file that already used ``value`` as a ``kind``, or None."""
        first = self._seen.setdefault((kind, value), line)
        return first if first != line else None

    def import_row(self, row, instance_loader, **kwargs):
        # The line in the spreadsheet, whose line 1 holds the column names.
        self._line = kwargs["row_number"] + 1
        if all(is_blank(value) for value in row.values()):
            # A blank line left in the middle of a sheet: nothing to do, no error, and no
            # type, so that it is neither counted nor shown in the preview.
            row_result = self.get_row_result_class()()
            row_result.import_type = None
            row_result.blank = True
        else:
            self._newer = None
            row_result = super().import_row(row, instance_loader, **kwargs)
            row_result.blank = False
        # Shown in the preview: the row undoes later edits, as the coordinator allowed.
        row_result.newer_in_database = (
            self._newer if row_result.import_type == row_result.IMPORT_TYPE_UPDATE else None
        )
        row_result.line = self._line
        return row_result

    def import_instance(self, instance, row, **kwargs):
        # Before the row's values are set: the record as the database holds it.
        self._newer = self.newer_in_database(instance, row)
        instance._pending_relations = {}
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for key, message in self.check_instance(instance, row, errors).items():
            errors.setdefault(key, []).append(message)
        if errors:
            raise ValidationError(errors)

    def check_instance(self, instance, row, errors):
        """Problems ``full_clean()`` cannot see (duplicates within the file…), keyed by field
        attribute; ``errors`` holds those already found."""
        problems = {}
        if instance.pk is None:
            for field in self.fields.values():
                if field.column_name in self.required_columns and field.column_name not in row:
                    problems[field.attribute] = _(
                        "colonne absente du fichier, obligatoire pour créer un enregistrement."
                    )
        key = self.row_key(instance, errors)
        if key is not None:
            first = self.seen_before("key", key, self._line)
            if first:
                key_fields = [self.fields[name] for name in self.get_import_id_fields()]
                problems[key_fields[0].attribute] = _(
                    "« %(value)s » est déjà l'identifiant de la ligne %(line)d du fichier."
                ) % {
                    "value": ", ".join(str(field.export(instance)) for field in key_fields),
                    "line": first,
                }
        return problems

    def row_key(self, instance, errors):
        """What identifies the record of a row (its import id, case and accents folded; a
        tuple of them when it has several), or None while a part is missing or wrong."""
        key_fields = [self.fields[name] for name in self.get_import_id_fields()]
        if any(field.attribute in errors for field in key_fields):
            return None
        values = [field.get_value(instance) for field in key_fields]
        if any(value in (None, "") for value in values):
            return None
        folded = tuple(value.pk if isinstance(value, Model) else fold(value) for value in values)
        return folded[0] if len(folded) == 1 else folded

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or not self._meta.skip_unchanged or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            if isinstance(field, RelationColumn):
                if instance._pending_relations[field] != field.current(original):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean()`` in its steps, so that the foreign keys our lookups found are not
        looked up again (a query each) while the constraints on them are still checked."""
        errors = dict(import_validation_errors or {})
        if self._newer and not self.overwrite_newer:
            # Only a row that changes something: an unchanged one undoes nothing.
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _(
                    "%(problem)s Cochez « Remplacer aussi les modifications plus récentes » "
                    "pour l'importer quand même."
                )
                % {"problem": self._newer[:1].upper() + self._newer[1:]}
            )
        skipped = {*errors, *self.not_validated(instance)}
        steps = [
            lambda: instance.clean_fields(exclude=skipped | self.found_by_lookup()),
            instance.clean,
            lambda: instance.validate_unique(exclude=skipped),
            lambda: instance.validate_constraints(exclude=skipped),
        ]
        for step in steps:
            try:
                step()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
                skipped |= {name for name in errors if name != NON_FIELD_ERRORS}
        if errors:
            raise located(ValidationError(errors), self._line, self.column_label)

    def not_validated(self, instance):
        """Fields left unchecked: an empty identifier (a new record's, made from its name,
        unless the name is missing too, which is reported)."""
        key = self.fields[self.get_import_id_fields()[0]].attribute
        return set() if getattr(instance, key) else {key}

    def found_by_lookup(self):
        return {
            field.attribute for field in self.fields.values() if isinstance(field, ForeignKeyColumn)
        }

    def column_label(self, key):
        for name, field in self.fields.items():
            if key in (name, field.attribute):
                return field.column_name
        try:
            return str(self._meta.model._meta.get_field(key).verbose_name)
        except Exception:
            return key

    def save_instance(self, instance, is_create, row, **kwargs):
        instance._created = is_create
        instance._m2m_changes = [
            (field, wanted)
            for field, wanted in instance._pending_relations.items()
            if isinstance(field, ManyToManyColumn) and wanted != field.current(instance)
        ]
        if instance._m2m_changes:
            # Recorded once all lists are written (``save_m2m``).
            instance.skip_history_when_saving = True
        try:
            super().save_instance(instance, is_create, row, **kwargs)
        finally:
            instance.__dict__.pop("skip_history_when_saving", None)

    def before_save_instance(self, instance, row, **kwargs):
        if self.user is not None:
            # The history's author, also outside a request (the import command, a script).
            instance._history_user = self.user

    def save_m2m(self, instance, row, **kwargs):
        if instance._m2m_changes:
            # simple_history copies a record's many-to-many fields into each history entry:
            # the lists (publics, sectors…) are written first, then one entry records them all.
            for field, wanted in instance._m2m_changes:
                field.write(instance, wanted)
            instance._history_type = "+" if instance._created else "~"
            instance.save(update_fields=["updated_at"])
            del instance._history_type
            self.links_changed = True
        for field, wanted in instance._pending_relations.items():
            if not isinstance(field, ManyToManyColumn) and field.write(instance, wanted):
                self.links_changed = True

    def after_import(self, dataset, result, **kwargs):
        for model, children in self.children_to_create.items():
            bulk_create_with_history(children, model, batch_size=500, default_user=self.user)
        super().after_import(dataset, result, **kwargs)
        if self.links_changed:
            self.links_written_in_bulk()

    # Hooks for the domain.

    def import_scope(self):
        """A context manager around the whole import."""
        return contextlib.nullcontext()

    def links_written_in_bulk(self):
        """Relations were written in bulk, sending no signal: say so to whoever listens."""

    def newer_in_database(self, instance, row):
        """Why importing ``row`` over ``instance`` (as saved) would undo later edits, or None.
        Such a row is refused unless the import was told ``overwrite_newer``, and flagged in
        the preview when it was."""
        return None

    # The export.

    def filter_export(self, queryset, **kwargs):
        if self.export_select_related:
            queryset = queryset.select_related(*self.export_select_related)
        return queryset.prefetch_related(*self.export_prefetch)

    def get_export_headers(self, selected_fields=None):
        return [str(header) for header in super().get_export_headers(selected_fields)]

    # Helpers for subclasses.

    def unique_slug(self, text, model, max_length):
        """A slug for a new record named ``text``, used by no record nor earlier line."""
        taken = {value for kind, value in self._seen if kind == "key"}
        return unique_slug(text, model, max_length=max_length, taken=taken)


@receiver(pre_create_historical_record)
def record_creation_after_its_lists(sender, instance, history_instance, **kwargs):
    """A record created by an import gets its first history entry once its lists are written
    (``SpreadsheetResource.save_m2m``): that entry is the creation."""
    history_type = getattr(instance, "_history_type", None)
    if history_type:
        history_instance.history_type = history_type
