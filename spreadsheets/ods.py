"""LibreOffice's sheets read as a stream (``content.xml`` parsed event by event, each row
dropped once read), rather than by odfpy or tablib, which build the whole document in memory.

Repeated rows and cells (``number-rows-repeated``, ``number-columns-repeated``: LibreOffice
writes one element for identical neighbours, and a million repeated empty rows to end a sheet)
are counted, never expanded past the limits: empty ones are skipped, filled ones are checked
(``limits.check_line``, ``limits.check_width``) before they are repeated.
"""

import zipfile
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.translation import gettext as _

from .limits import UnreadableFile, check_line, check_width, is_blank, open_workbook_archive

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CELLS = {f"{TABLE}table-cell", f"{TABLE}covered-table-cell"}


def read_ods_lines(data):
    """``(line, values)`` for each filled row of the first sheet, in order (line 1 first)."""
    unreadable = _("Ce fichier n'est pas un classeur ODS.")
    archive = open_workbook_archive(data, unreadable)
    try:
        with archive, archive.open("content.xml") as content:
            yield from _sheet_lines(content)
    except UnreadableFile:
        raise
    except (KeyError, ParseError, ValueError, OSError, EOFError, zipfile.BadZipFile):
        # No content.xml, malformed XML or attribute, a member whose CRC or size is wrong.
        raise UnreadableFile(unreadable) from None


def _repeat(element, attribute):
    value = int(element.get(f"{TABLE}{attribute}") or 1)
    if value < 1:
        raise ValueError(attribute)
    return value


def _sheet_lines(content):
    parents, line, sheet_depth = [], 1, None
    cells, blank_cells = [], 0
    for event, element in iterparse(content, events=("start", "end")):
        if event == "start":
            parents.append(element)
            if element.tag == f"{TABLE}table" and sheet_depth is None:
                sheet_depth = len(parents)
            continue
        parents.pop()
        if sheet_depth is None:
            continue
        if element.tag == f"{TABLE}table" and len(parents) + 1 == sheet_depth:
            return
        if element.tag in CELLS and parents and parents[-1].tag == f"{TABLE}table-row":
            repeat = _repeat(element, "number-columns-repeated")
            value = _cell_value(element)
            if is_blank(value):
                blank_cells += repeat
            else:
                check_width(len(cells) + blank_cells + repeat)
                cells.extend([""] * blank_cells + [value] * repeat)
                blank_cells = 0
            element.clear()
        elif element.tag == f"{TABLE}table-row":
            repeat = _repeat(element, "number-rows-repeated")
            if cells:
                check_line(line + repeat - 1)
                for offset in range(repeat):
                    yield line + offset, list(cells)
            line += repeat
            cells, blank_cells = [], 0
            parents[-1].remove(element)


def _cell_value(cell):
    value_type = cell.get(f"{OFFICE}value-type")
    if value_type == "float":
        number = float(cell.get(f"{OFFICE}value"))
        return int(number) if number.is_integer() else number
    if value_type == "boolean":
        return cell.get(f"{OFFICE}boolean-value") == "true"
    return "\n".join(_text(paragraph) for paragraph in cell.findall(f"{TEXT}p"))


def _text(element):
    """A paragraph's text as LibreOffice shows it (odfpy's ``teletype.extractText``)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
