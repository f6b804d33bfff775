"""File formats that read what Excel and LibreOffice write, and exports that defuse formulas."""

import csv
import io
import json
from decimal import Decimal

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from .limits import (
    LimitExceeded,
    UnreadableFile,
    check_file_size,
    check_line,
    check_width,
    filled_lines,
    is_blank,
    open_workbook_archive,
)
from .ods import read_ods_lines

__all__ = ["FORMATS", "LimitExceeded", "UnreadableFile", "is_blank"]

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


def decode_text(data):
    """Text as spreadsheets save it: UTF-8 with or without BOM, else Windows-1252 (Excel's
    "CSV (séparateur : point-virgule)" on a French Windows)."""
    check_file_size(len(data))
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


def dataset_from_lines(lines):
    """A dataset from the filled rows of a sheet, ``(line, values)`` already checked against
    the limits (``limits.filled_lines``), the first line giving the headers: rows as a person
    left them, trailing empty rows and unnamed empty columns dropped, short rows padded."""
    rows = []
    for line, values in lines:
        rows.extend([] for _ in range(line - 1 - len(rows)))
        rows.append(values)
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


def _xlsx_lines(book):
    """``(line, values)`` for each filled row of the active sheet, read by openpyxl's own
    parser row by row: its worksheet pads every row to the width the file declares and fills
    every missing row up to the next one, so that one cell at XFD1048576 would cost a million
    rows of 16,384 cells."""
    from openpyxl.worksheet._reader import WorkSheetParser

    sheet = book.active
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for line, cells in parser.parse():
            filled = {cell["column"]: cell["value"] for cell in cells}
            filled = {column: value for column, value in filled.items() if not is_blank(value)}
            if filled:
                check_line(line)
                check_width(max(filled))
                yield line, [_numeric(filled.get(column)) for column in range(1, max(filled) + 1)]


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
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text))
        try:
            return dataset_from_lines(filled_lines(reader))
        except csv.Error as error:
            raise UnreadableFile(str(error)) from None

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(defused(dataset), **kwargs)


class XLSX(base_formats.XLSX):
    """Excel's format; formulas defused on export, computed values read on import."""

    def create_dataset(self, in_stream):
        import openpyxl

        unreadable = _("Ce fichier n'est pas un classeur XLSX.")
        open_workbook_archive(in_stream, unreadable).close()
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except Exception:
            raise UnreadableFile(unreadable) from None
        try:
            return dataset_from_lines(_xlsx_lines(book))
        except UnreadableFile:
            raise
        except Exception:
            raise UnreadableFile(unreadable) from None
        finally:
            book.close()

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
        return dataset_from_lines(read_ods_lines(in_stream))

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
        check_width(len(headers))
        rows = ([_json_cell(item.get(header)) for header in headers] for item in data)
        return dataset_from_lines(filled_lines([headers, *rows]))


def _json_cell(value):
    # A list in a JSON file stands for the lines of a cell.
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return value


FORMATS = [CSV, XLSX, ODS, JSON]
