"""Spreadsheets for the import tests: files as Excel, LibreOffice or a script write them."""

import csv
import io
import json

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from spreadsheets.formats import CSV, FORMATS

HEADERS = ["programmation", "numéro", "identifiant", "titre", "axe"]


def fiche_row(**values):
    """A valid new fiche of the programmation "2020-2022", axe 1 (tests.factories' defaults)."""
    row = {
        "programmation": "2020-2022",
        "numéro": 40,
        "identifiant": "",
        "titre": "Ateliers d'éloquence au collège",
        "axe": "axe-1",
    }
    row.update(values)
    return row


def dataset(*rows):
    headers = list(dict.fromkeys(key for row in rows for key in row))
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append([row.get(header, "") for header in headers])
    return data


def csv_bytes(*rows, encoding="utf-8", delimiter=","):
    """A CSV file of dict rows, as a spreadsheet saves it (CRLF line ends)."""
    headers = list(dict.fromkeys(key for row in rows for key in row))
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return text.getvalue().encode(encoding)


def json_bytes(*rows):
    return json.dumps(list(rows), ensure_ascii=False).encode()


def read(data, file_format=CSV):
    """The dataset an uploaded file gives, as the admin reads it."""
    return file_format().create_dataset(data)


def upload(data, name="fiches.csv"):
    return SimpleUploadedFile(name, data)


def format_index(file_format):
    """The value of the admin form's format choice for ``file_format``."""
    return str(FORMATS.index(file_format))
