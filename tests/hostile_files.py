"""Hostile spreadsheets, built byte by byte: each small to send, each costly to read without
limits (the imports' tests and bench/hostile_imports.py)."""

import io
import struct
import zipfile

import openpyxl

HEADER = ["programmation", "numéro", "titre", "axe"]
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(text, repeat=1):
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{attribute}>'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def _ods(rows_xml):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES}>'
        '<office:body><office:spreadsheet><table:table table:name="Feuille1">'
        f"<table:table-row>{''.join(_ods_cell(name) for name in HEADER)}</table:table-row>"
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return stream.getvalue()


def ods_with_repeated_rows(repeat=100_000_000):
    """Under the column names, one filled row repeated ``repeat`` times."""
    cells = "".join(_ods_cell(value) for value in ("2020-2022", "40", "Atelier", "axe-1"))
    return _ods(f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>')


def ods_with_repeated_columns(repeat=100_000_000):
    """Under the column names, one row whose filled cell is repeated ``repeat`` times."""
    return _ods(f"<table:table-row>{_ods_cell('Atelier', repeat)}</table:table-row>")


def ods_lying_about_its_size():
    """An ODS whose content.xml declares 100 bytes and unpacks to far more."""
    data = bytearray(ods_with_repeated_rows(repeat=2))
    name = b"content.xml"
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", data, local + 22, 100)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 100)
    return bytes(data)


def xlsx(cells):
    """A workbook with the column names and ``{(row, column): value}``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def xlsx_bomb(padding=200_000_000):
    """A valid workbook whose sheet ends with ``padding`` spaces: a few hundred kilobytes that
    unpack to ``padding`` bytes."""
    source = zipfile.ZipFile(io.BytesIO(xlsx({(2, 3): "Atelier"})))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                with archive.open(member.filename, "w", force_zip64=True) as sheet:
                    sheet.write(data)
                    chunk = b" " * 1_000_000
                    for _ in range(padding // len(chunk)):
                        sheet.write(chunk)
            else:
                archive.writestr(member, data)
    return stream.getvalue()


def csv_with_rows(count):
    lines = [",".join(HEADER)] + [f"2020-2022,{40 + index},Atelier,axe-1" for index in range(count)]
    return ("\r\n".join(lines) + "\r\n").encode()
