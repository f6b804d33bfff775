"""Workbooks laid out as reports (titles, tables, totals) rather than one record a row, with
their text cells defused against formulas as in every export (``formats.escape_formula``).

Written row by row (openpyxl's write-only mode): memory stays flat however long the sheets.
"""

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .formats import escape_formula

MONEY = '#,##0.00\\ "€"'
NUMBER = "#,##0.##"
HEADER_FILL = PatternFill("solid", fgColor="DCE4EE")
# What Excel refuses in a sheet's name, and its longest name.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


class Money(Decimal):
    """An amount in euros: written as a number with the euro format."""


class Report:
    def __init__(self):
        self.book = Workbook(write_only=True)
        self._names = set()

    def sheet(self, name, *, widths=()):
        """A new sheet; ``widths`` are its columns' widths, in characters."""
        name = SHEET_NAME_FORBIDDEN.sub("-", str(name))[:SHEET_NAME_LENGTH].strip() or "Feuille"
        base, counter = name, 1
        while name.casefold() in self._names:
            counter += 1
            suffix = f" ({counter})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        self._names.add(name.casefold())
        worksheet = self.book.create_sheet(name)
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        return ReportSheet(worksheet)

    def content(self):
        stream = io.BytesIO()
        self.book.save(stream)
        return stream.getvalue()


class ReportSheet:
    def __init__(self, worksheet):
        self.worksheet = worksheet

    def title(self, text):
        self._append([text], font=Font(bold=True, size=14))

    def blank(self):
        self.worksheet.append([])

    def header(self, *cells):
        self._append(cells, font=Font(bold=True), fill=HEADER_FILL)

    def row(self, *cells, bold=False):
        self._append(cells, font=Font(bold=True) if bold else None)

    def _append(self, cells, *, font=None, fill=None):
        row = []
        for value in cells:
            cell = WriteOnlyCell(self.worksheet, value=self._value(value))
            if isinstance(value, Money):
                cell.number_format = MONEY
            elif isinstance(value, Decimal):
                cell.number_format = NUMBER
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            row.append(cell)
        self.worksheet.append(row)

    @staticmethod
    def _value(value):
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return Decimal(value)
        return escape_formula(str(value))
