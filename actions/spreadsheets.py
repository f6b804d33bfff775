"""What the catalogue's spreadsheet resources share (django-import-export).

- File formats that read what Excel and LibreOffice write: CSV in UTF-8 (with or without BOM)
  or Windows-1252, separated by commas or semicolons; XLSX; ODS (with LibreOffice's repeated
  cells); JSON. Exports to CSV, XLSX and ODS defuse formulas; JSON stays raw.
- ``CatalogueResource``: columns in French, relations by natural keys, every refused row
  explained by line and column in French, all-or-nothing imports through ``save()`` (so that
  history records them) with the search columns refreshed once per fiche.
- ``SpreadsheetAdminMixin``: the admin's import and export with the permissions and French
  messages coordinators need.
"""

import csv
import io
import json
import re
import unicodedata

import tablib
from diff_match_patch import diff_match_patch
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator, validate_email
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm
from import_export.instance_loaders import CachedInstanceLoader
from import_export.resources import Diff
from import_export.results import Error, RowResult
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history

from .caching import catalogue_changed
from .signals import search_refresh_deferred

# Formula injection ##########################################################################

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"
# What may follow the apostrophe of an escaped cell: a trigger, another apostrophe, or a line
# feed (XLSX and ODS are XML, which reads a carriage return as a line feed).
ESCAPED = FORMULA_TRIGGERS | {QUOTE, "\n"}


def unescape_formula(value):
    """The value an exported cell stood for: ``escape_formula`` undone."""
    if isinstance(value, str) and len(value) > 1 and value[0] == QUOTE and value[1] in ESCAPED:
        return value[1:]
    return value


def escape_formula(value):
    """A text cell prefixed with an apostrophe when a spreadsheet would run it as a formula.

    A value that already starts with an apostrophe before one of ``ESCAPED`` is prefixed too,
    so that ``unescape_formula(escape_formula(value)) == value`` for every text."""
    if (
        isinstance(value, str)
        and value
        and (value[0] in FORMULA_TRIGGERS or unescape_formula(value) != value)
    ):
        return QUOTE + value
    return value


def defused(dataset):
    """A copy of ``dataset`` with every text cell escaped (the headers are ours)."""
    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([escape_formula(cell) for cell in row])
    return safe


# Reading files ##############################################################################


class UnreadableFile(ValueError):
    """The uploaded file is not a spreadsheet of the chosen format; the message is French."""


def decode_text(data):
    """Text as spreadsheets save it: UTF-8 with or without BOM, else Windows-1252 (Excel's
    "CSV (séparateur : point-virgule)" on a French Windows)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data = data.decode("cp1252")
            except UnicodeDecodeError:
                raise UnreadableFile(_("Ce fichier n'est pas un fichier texte.")) from None
    if "\x00" in data:
        raise UnreadableFile(_("Ce fichier n'est pas un fichier texte."))
    return data.removeprefix("\ufeff")


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def dataset_from_rows(rows):
    """A dataset from the first row (headers) and the rows under it, as a person left them:
    trailing empty rows and unnamed empty columns dropped, short rows padded."""
    rows = [list(row) for row in rows]
    while rows and all(_is_blank(cell) for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile(_("Le fichier est vide."))
    headers = ["" if cell is None else str(cell).strip() for cell in rows[0]]
    body = rows[1:]
    while (
        headers
        and not headers[-1]
        and all(len(row) < len(headers) or _is_blank(row[len(headers) - 1]) for row in body)
    ):
        headers.pop()
    if not any(headers):
        raise UnreadableFile(_("La première ligne doit donner le nom des colonnes."))
    if not body:
        raise UnreadableFile(
            _("Le fichier ne contient aucune ligne sous celle des noms de colonnes.")
        )
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for line, row in enumerate(body, start=2):
        if any(not _is_blank(cell) for cell in row[width:]):
            raise UnreadableFile(
                _("La ligne %(line)d a plus de cellules que la ligne des noms de colonnes.")
                % {"line": line}
            )
        dataset.append((row + [""] * width)[:width])
    return dataset


def _csv_delimiter(text):
    # Excel in French writes semicolons, LibreOffice asks, most tools write commas.
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _numeric(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class CSV(base_formats.CSV):
    """CSV read from bytes (the encoding and the separator are detected) and written in UTF-8
    with a BOM, so that Excel shows the accents, with formulas defused."""

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = decode_text(in_stream)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text)))
        except csv.Error as error:
            raise UnreadableFile(str(error)) from None
        return dataset_from_rows(rows)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(defused(dataset), **kwargs)


class XLSX(base_formats.XLSX):
    """Excel's format; formulas defused on export, computed values read on import."""

    def create_dataset(self, in_stream):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except Exception:
            raise UnreadableFile(_("Ce fichier n'est pas un classeur XLSX.")) from None
        sheet = book.active
        rows = [[_numeric(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return dataset_from_rows(rows)

    def export_data(self, dataset, **kwargs):
        kwargs.setdefault("column_width", 30)
        return super().export_data(defused(dataset), **kwargs)


class ODS(base_formats.ODS):
    """LibreOffice's format, read and written here rather than by tablib: tablib keeps only the
    first paragraph of a multi-line cell and drops the repeated cells LibreOffice writes for
    identical neighbours (``number-columns-repeated``), which shifts the columns."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        from odf import opendocument, table

        try:
            document = opendocument.load(io.BytesIO(in_stream))
            sheet = document.spreadsheet.getElementsByType(table.Table)[0]
        except Exception:
            raise UnreadableFile(_("Ce fichier n'est pas un classeur ODS.")) from None
        rows, pending_blank = [], 0
        for row in sheet.getElementsByType(table.TableRow):
            values = []
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                values.extend([_ods_value(cell)] * min(repeat, 1024))
            while values and _is_blank(values[-1]):
                values.pop()
            repeat = int(row.getAttribute("numberrowsrepeated") or 1)
            if not values:
                # LibreOffice ends a sheet with a million repeated empty rows: count them,
                # keep them only if a row follows (the line numbers must stay right).
                pending_blank += repeat
                continue
            rows.extend([[]] * pending_blank)
            pending_blank = 0
            rows.extend([values] * repeat)
        return dataset_from_rows(rows)

    def export_data(self, dataset, **kwargs):
        from odf import opendocument, table, teletype, text

        document = opendocument.OpenDocumentSpreadsheet()
        sheet = table.Table(name=str(dataset.title or "Feuille 1"))
        document.spreadsheet.addElement(sheet)
        for values in [dataset.headers or [], *defused(dataset)]:
            row = table.TableRow()
            sheet.addElement(row)
            for value in values:
                if isinstance(value, bool) or value is None or value == "":
                    cell = table.TableCell()
                elif isinstance(value, int | float):
                    cell = table.TableCell(valuetype="float", value=value)
                    cell.addElement(text.P(text=str(value)))
                else:
                    cell = table.TableCell(valuetype="string")
                    for line in str(value).split("\n"):
                        paragraph = text.P()
                        teletype.addTextToElement(paragraph, line)
                        cell.addElement(paragraph)
                row.addElement(cell)
        stream = io.BytesIO()
        document.write(stream)
        return stream.getvalue()


def _ods_value(cell):
    from odf import teletype, text

    value_type = cell.getAttribute("valuetype")
    if value_type == "float":
        return _numeric(float(cell.getAttribute("value")))
    if value_type == "boolean":
        return cell.getAttribute("booleanvalue") == "true"
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(text.P))


class JSON(base_formats.JSON):
    """A list of objects, one per row, keys being the column names; exported raw."""

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        try:
            data = json.loads(decode_text(in_stream))
        except json.JSONDecodeError:
            raise UnreadableFile(_("Ce fichier n'est pas du JSON valide.")) from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise UnreadableFile(_("Le JSON doit être une liste d'objets, un par ligne."))
        headers = list(dict.fromkeys(key for item in data for key in item))
        rows = [headers] + [[_json_cell(item.get(header)) for header in headers] for item in data]
        return dataset_from_rows(rows)


def _json_cell(value):
    # A list in a JSON file stands for the lines of a cell.
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return value


FORMATS = [CSV, XLSX, ODS, JSON]


# Cells ######################################################################################


def fold(text):
    """Lower case without accents nor surrounding spaces: "Troïka " -> "troika"."""
    text = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


def lines(text):
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, int):
            return value
        text = cell_text(value)
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise ValueError(_("« %(value)s » n'est pas un nombre entier.") % {"value": text})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ChoiceWidget(widgets.Widget):
    """A choice written with its French label ("Publiée"); its code is accepted too."""

    def __init__(self, choices, default=None):
        super().__init__()
        self.choices = choices
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.default is None:
                raise ValueError(_("valeur obligatoire (%(choices)s).") % self._listed())
            return self.default
        for choice in self.choices:
            if fold(text) in (fold(choice.value), fold(choice.label)):
                return choice.value
        raise ValueError(
            _("valeur inconnue « %(value)s » (valeurs possibles : %(choices)s).")
            % {"value": text, **self._listed()}
        )

    def _listed(self):
        return {"choices": ", ".join(f"« {choice.label} »" for choice in self.choices)}

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class BooleanWidget(widgets.Widget):
    TRUE = {"oui", "o", "vrai", "x", "1", "true", "yes"}
    FALSE = {"non", "n", "faux", "0", "false", "no", ""}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = fold(cell_text(value))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("« %(value)s » : écrire « oui » ou « non ».") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("oui") if value else _("non")


class Column(fields.Field):
    """A resource field whose cell may carry the apostrophe our exports put before a formula,
    and that knows its resource (for the lookups of one import)."""

    resource = None

    def __init__(self, column_name, attribute=None, widget=None, readonly=False):
        super().__init__(
            attribute=attribute,
            column_name=column_name,
            widget=widget or TextWidget(),
            readonly=readonly,
        )

    def cell(self, row):
        return unescape_formula(row[self.column_name])

    def clean(self, row, **kwargs):
        return self.widget.clean(self.cell(row), row=row, **kwargs)


class ForeignKeyColumn(Column):
    """A foreign key written as the related record's natural key (a slug by default)."""

    def __init__(self, column_name, attribute, model, *, key="slug", other_keys=(), unknown):
        super().__init__(column_name, attribute)
        self.model, self.key, self.other_keys, self.unknown = model, key, other_keys, unknown

    def clean(self, row, **kwargs):
        text = cell_text(self.cell(row))
        if not text:
            if not self.resource._meta.model._meta.get_field(self.attribute).null:
                raise ValueError(_("valeur obligatoire."))
            return None
        for key in (self.key, *self.other_keys):
            found = self.resource.lookup(self.model, key).get(fold(text))
            if found is not None:
                return found
        raise ValueError(self.unknown % {"value": text})

    def get_value(self, instance):
        if getattr(instance, f"{self.attribute}_id", None) is None:
            return None
        return getattr(instance, self.attribute)

    def export(self, instance, **kwargs):
        related = self.get_value(instance)
        return "" if related is None else getattr(related, self.key)


class RelationColumn(Column):
    """A cell listing related records, one a line, written once the record is saved.

    ``parse`` turns the cell into the wanted items and ``current`` reads the items in the
    database, both in one comparable form; ``write`` replaces them and ``render`` writes items
    as the lines of a cell. During an import the cell shows the items being written, so that
    the preview costs no query after the save."""

    prefetch = None

    def clean(self, row, **kwargs):
        return self.parse(lines(cell_text(self.cell(row))))

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._pending_relations[self] = self.clean(row)

    def export(self, instance, **kwargs):
        pending = getattr(instance, "_pending_relations", {})
        if self in pending:
            return "\n".join(self.render(pending[self]))
        if instance.pk is None:
            return ""
        return "\n".join(self.render(self.current(instance)))

    def get_value(self, instance):
        return self.current(instance) if instance.pk is not None else self.empty

    def is_new(self, instance):
        # Set by ``CatalogueResource.save_instance``: a record just created has no relations.
        return getattr(instance, "_created", False)

    def forget_prefetched(self, instance):
        getattr(instance, "_prefetched_objects_cache", {}).pop(self.prefetch, None)


class ManyToManyColumn(RelationColumn):
    """A many-to-many relation (publics, sectors…) as the slugs of its records, one a line
    (commas and semicolons also separate them: a slug has neither)."""

    empty = frozenset()

    def __init__(self, column_name, attribute, model, *, unknown):
        super().__init__(column_name, attribute)
        self.model, self.unknown, self.prefetch = model, unknown, attribute

    def parse(self, cell_lines):
        names = [name.strip() for line in cell_lines for name in re.split(r"[,;]", line)]
        names = [name for name in names if name]
        lookup = self.resource.lookup(self.model, "slug")
        missing = [name for name in names if fold(name) not in lookup]
        if missing:
            raise ValueError(self.unknown % {"value": ", ".join(f"« {name} »" for name in missing)})
        return frozenset(lookup[fold(name)].pk for name in names)

    def current(self, instance):
        if self.is_new(instance):
            return self.empty
        return frozenset(item.pk for item in getattr(instance, self.attribute).all())

    def render(self, items):
        # In the records' own order, as the fiche page lists them.
        return [item.slug for pk, item in self.resource.by_pk(self.model).items() if pk in items]

    def write(self, instance, wanted):
        """Link rows added and removed in two statements. No ``m2m_changed`` signal: the
        caller has compared (``CatalogueResource.save_instance``), saves the fiche again so
        that one history entry records its lists, and the fiche's search columns are refreshed
        since it was saved; the cached catalogue is marked stale once, after the import
        (``CatalogueResource.after_import``)."""
        field = instance._meta.get_field(self.attribute)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        current = self.current(instance)
        removed, added = current - wanted, wanted - current
        if removed:
            through.objects.filter(**{source: instance, f"{target}__in": removed}).delete()
        through.objects.bulk_create(
            through(**{f"{source}_id": instance.pk, f"{target}_id": pk}) for pk in sorted(added)
        )
        self.forget_prefetched(instance)
        return True


class OrderedChildrenColumn(RelationColumn):
    """A fiche's ordered children (objectives, links to contacts…), one a line, replaced as a
    whole when they differ: the old ones deleted one by one (history records each deletion),
    the new ones created with simple_history's ``bulk_create_with_history`` (one history entry
    each, by the importing user; a new fiche's children with all the others at the end of the
    import, in one statement per kind). Their own signals would only refresh the fiche's search
    columns, already due since the fiche was saved, and mark the cached catalogue stale, done
    once after the import."""

    empty = ()

    def __init__(self, column_name, related_name, fields_):
        super().__init__(column_name, related_name)
        self.prefetch, self.fields_ = related_name, fields_

    def parse(self, cell_lines):
        items, problems = [], []
        for line in cell_lines:
            try:
                items.append(self.parse_line(line))
            except ValueError as problem:
                problems.append(str(problem))
        if problems:
            raise ValueError(" ".join(problems))
        if len(set(items)) < len(items):
            raise ValueError(_("une même ligne est écrite deux fois."))
        return tuple(items)

    def manager(self, instance):
        return getattr(instance, self.attribute)

    def current(self, instance):
        if self.is_new(instance):
            return self.empty
        if len(self.fields_) == 1:
            return tuple(getattr(child, self.fields_[0]) for child in self.manager(instance).all())
        return tuple(
            tuple(getattr(child, name) for name in self.fields_)
            for child in self.manager(instance).all()
        )

    def write(self, instance, wanted):
        if wanted == self.current(instance):
            return False
        manager = self.manager(instance)
        if not self.is_new(instance):
            manager.all().delete()
        children = []
        for position, item in enumerate(wanted, start=1):
            values = item if len(self.fields_) > 1 else (item,)
            children.append(
                manager.model(
                    **{manager.field.name: instance},
                    position=position,
                    **dict(zip(self.fields_, values, strict=True)),
                )
            )
        if self.is_new(instance):
            # A new fiche's children are inserted with all the others, after the last row.
            self.resource.children_to_create.setdefault(manager.model, []).extend(children)
        else:
            bulk_create_with_history(children, manager.model, default_user=self.resource.user)
        self.forget_prefetched(instance)
        return True


class ObjectivesColumn(OrderedChildrenColumn):
    def __init__(self, column_name):
        super().__init__(column_name, "objectives", ("text",))

    def parse_line(self, line):
        return line

    def render(self, items):
        return list(items)


class ResourcesColumn(OrderedChildrenColumn):
    """Additional resources, one a line: "Titre | https://…"."""

    def __init__(self, column_name):
        super().__init__(column_name, "resources", ("title", "url"))

    def parse_line(self, line):
        title, separator, url = line.rpartition("|")
        title, url = title.strip(), url.strip()
        if not separator or not title:
            raise ValueError(
                _("« %(line)s » : écrire « Titre | https://adresse ».") % {"line": line}
            )
        try:
            URLValidator()(url)
        except ValidationError:
            raise ValueError(_("adresse invalide « %(url)s ».") % {"url": url}) from None
        if len(title) > 255 or len(url) > 500:
            raise ValueError(_("« %(line)s » : titre ou adresse trop long.") % {"line": line})
        return (title, url)

    def render(self, items):
        return [f"{title} | {url}" for title, url in items]


class RoleLinksColumn(OrderedChildrenColumn):
    """Links with a role, one a line: "Rôle : identifiant" (contacts, operators)."""

    def __init__(
        self,
        column_name,
        related_name,
        *,
        target,
        model,
        roles,
        default_role=None,
        unknown,
        key_hint,
    ):
        super().__init__(column_name, related_name, (f"{target}_id", "role"))
        self.model, self.roles = model, roles
        self.default_role, self.unknown, self.key_hint = default_role, unknown, key_hint

    def parse_line(self, line):
        role_text, separator, key = line.rpartition(":")
        if not separator:
            if self.default_role is None:
                raise ValueError(
                    _("« %(line)s » : écrire « Rôle : %(hint)s » (rôles : %(roles)s).")
                    % {"line": line, "hint": self.key_hint, "roles": self._roles()}
                )
            role = self.default_role
        else:
            role = next(
                (
                    choice.value
                    for choice in self.roles
                    if fold(role_text) in (fold(choice.value), fold(choice.label))
                ),
                None,
            )
            if role is None:
                raise ValueError(
                    _("rôle inconnu « %(role)s » (rôles : %(roles)s).")
                    % {"role": role_text.strip(), "roles": self._roles()}
                )
        return (self.find(key.strip()).pk, role)

    def find(self, key):
        found = self.resource.lookup(self.model, "slug").get(fold(key))
        if found is None:
            raise ValueError(self.unknown % {"value": key})
        return found

    def _roles(self):
        return ", ".join(str(choice.label) for choice in self.roles)

    def render(self, items):
        by_pk = self.resource.by_pk(self.model)
        return [f"{self.roles(role).label} : {by_pk[pk].slug}" for pk, role in items]


class ContactLinksColumn(RoleLinksColumn):
    """Contacts by slug, or by e-mail address (checked: a malformed one is refused)."""

    def find(self, key):
        if "@" in key:
            try:
                validate_email(key)
            except ValidationError:
                raise ValueError(
                    _("adresse e-mail mal formée « %(value)s ».") % {"value": key}
                ) from None
            found = self.resource.lookup(self.model, "email").get(fold(key))
            if found is None:
                raise ValueError(self.unknown % {"value": key})
            return found
        return super().find(key)


# Resources ##################################################################################


class ImportProblem(Error):
    """An error of a whole import, shown as French sentences rather than a traceback."""

    @property
    def messages(self):
        if isinstance(self.error, ValidationError):
            return self.error.messages
        return [_("Erreur inattendue : %(error)s") % {"error": self.error}]


class PreviewDiff(Diff):
    """The preview's cells, short enough to read a whole row: what changes in full (inserted
    and deleted text marked), the unchanged text around it and unchanged cells shortened."""

    SHORT = 90

    def as_html(self):
        return [
            self._cell(force_str(before), force_str(after))
            for before, after in zip(self.left, self.right, strict=True)
        ]

    def _cell(self, before, after):
        if self.new or before == after:
            return self._text(Truncator(after).chars(self.SHORT))
        engine = diff_match_patch()
        parts = engine.diff_main(before, after)
        engine.diff_cleanupSemantic(parts)
        html = []
        for operation, text in parts:
            if operation == engine.DIFF_INSERT:
                html.append(format_html("<ins>{}</ins>", self._text(text)))
            elif operation == engine.DIFF_DELETE:
                html.append(format_html("<del>{}</del>", self._text(text)))
            else:
                html.append(self._text(self._elided(text)))
        return mark_safe("".join(html))

    def _elided(self, text):
        if len(text) <= self.SHORT:
            return text
        half = self.SHORT // 2 - 1
        return f"{text[:half]} … {text[-half:]}"

    @staticmethod
    def _text(text):
        # Line breaks shown, as in the spreadsheet's cell.
        return mark_safe(escape(text).replace("\n", "<br>"))


class PrefetchingInstanceLoader(CachedInstanceLoader):
    """All the records a file names in one query, with what the comparisons and the preview
    read (``CatalogueResource.import_prefetch``)."""

    def get_queryset(self):
        return self.resource.get_queryset().prefetch_related(*self.resource.import_prefetch)


class CatalogueResource(resources.ModelResource):
    """Base of the catalogue's resources.

    Imports are all or nothing whoever runs them (admin, ``import`` command, script): one
    transaction, rolled back if any row is refused. Each refusal names the line of the sheet
    (the headers being line 1), the column and the problem, in French. Rows are saved with
    ``save()``, so history and signals see them; the search columns are refreshed once per
    fiche at the end (``search_refresh_deferred``).
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
        use_transactions = True
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

    def import_id_column(self):
        return self.fields[self.get_import_id_fields()[0]].column_name

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
        if self.import_id_column() not in headers:
            problems.append(
                _("colonne « %(column)s » manquante.") % {"column": self.import_id_column()}
            )
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
        self.links_changed = False
        self.children_to_create = {}
        self.reset_import_state()
        with search_refresh_deferred():
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
        if all(_is_blank(value) for value in row.values()):
            # A blank line left in the middle of a sheet: nothing to do, no error, and no
            # type, so that it is neither counted nor shown in the preview.
            row_result = self.get_row_result_class()()
            row_result.import_type = None
            row_result.blank = True
        else:
            row_result = super().import_row(row, instance_loader, **kwargs)
            row_result.blank = False
        row_result.line = self._line
        return row_result

    def import_instance(self, instance, row, **kwargs):
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
        key_field = self.fields[self.get_import_id_fields()[0]]
        key = getattr(instance, key_field.attribute)
        if key and key_field.attribute not in errors:
            first = self.seen_before("key", fold(key), self._line)
            if first:
                problems[key_field.attribute] = _(
                    "« %(value)s » est déjà l'identifiant de la ligne %(line)d du fichier."
                ) % {"value": key, "line": first}
        return problems

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
            raise self.located(ValidationError(errors))

    def not_validated(self, instance):
        """Fields left unchecked: an empty identifier (a new record's, made from its name,
        unless the name is missing too, which is reported)."""
        key = self.fields[self.get_import_id_fields()[0]].attribute
        return set() if getattr(instance, key) else {key}

    def found_by_lookup(self):
        return {
            field.attribute for field in self.fields.values() if isinstance(field, ForeignKeyColumn)
        }

    def located(self, error):
        """``error`` with each message prefixed by the line and column it is about, and keyed
        by the column name (the preview shows the key above the messages)."""
        located = {}
        for key, messages_ in error.message_dict.items():
            if key == NON_FIELD_ERRORS:
                located.setdefault(NON_FIELD_ERRORS, []).extend(
                    _("Ligne %(line)d : %(message)s") % {"line": self._line, "message": message}
                    for message in messages_
                )
                continue
            column = self.column_label(key)
            located.setdefault(column, []).extend(
                _("Ligne %(line)d, colonne « %(column)s » : %(message)s")
                % {"line": self._line, "column": column, "message": message}
                for message in messages_
            )
        return ValidationError(located)

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
            # The links written in bulk sent no signal: the cached public pages and option
            # lists are stale all the same.
            catalogue_changed()

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
        base = slugify(text)[:max_length].strip("-") or "sans-titre"
        candidate, counter = base, 1
        while model.objects.filter(slug=candidate).exists() or ("key", candidate) in self._seen:
            counter += 1
            suffix = f"-{counter}"
            candidate = base[: max_length - len(suffix)] + suffix
        return candidate


@receiver(pre_create_historical_record)
def record_creation_after_its_lists(sender, instance, history_instance, **kwargs):
    """A record created by an import gets its first history entry once its lists are written
    (``CatalogueResource.save_m2m``): that entry is the creation."""
    history_type = getattr(instance, "_history_type", None)
    if history_type:
        history_instance.history_type = history_type


# The admin ##################################################################################


class ExportForm(SelectableFieldsExportForm):
    """The export form's checkboxes labelled with the French column names."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return str(field.column_name) if field else field_name


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
    export_form_class = ExportForm

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
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
            return HttpResponseRedirect(
                reverse(
                    "admin:{}_{}_import".format(*self.get_model_info()),
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)

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
