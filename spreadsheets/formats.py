"""File formats that read what Excel and LibreOffice write, and exports that defuse formulas."""

import csv
import io
import json
from decimal import Decimal

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

# Formula injection ##########################################################################
# Every formula trigger is defused with a leading apostrophe that an import removes; the
# library's own escape (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only deletes a leading "=",
# which would alter the text.

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


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def dataset_from_rows(rows):
    """A dataset from the first row (headers) and the rows under it, as a person left them:
    trailing empty rows and unnamed empty columns dropped, short rows padded."""
    rows = [list(row) for row in rows]
    while rows and all(is_blank(cell) for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise UnreadableFile(_("Le fichier est vide."))
    headers = ["" if cell is None else str(cell).strip() for cell in rows[0]]
    body = rows[1:]
    while (
        headers
        and not headers[-1]
        and all(len(row) < len(headers) or is_blank(row[len(headers) - 1]) for row in body)
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
        if any(not is_blank(cell) for cell in row[width:]):
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
            while values and is_blank(values[-1]):
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
                elif isinstance(value, int | float | Decimal):
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
