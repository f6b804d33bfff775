"""The spreadsheet formats: formulas defused in CSV, XLSX and ODS exports (not JSON), and the
escape undone on import so that nothing is lost."""

import io
import json

import openpyxl
import pytest
import tablib
from hypothesis import given
from hypothesis import strategies as st

from spreadsheets.formats import CSV, JSON, ODS, XLSX, escape_formula, unescape_formula

TRIGGERS = ["=1+1", "+33 3 20", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]
# XML (XLSX, ODS) reads a carriage return as a line feed.
XML_TRIGGERS = [text.replace("\r", "\n") for text in TRIGGERS]


@given(st.text())
def test_unescaping_an_escaped_text_gives_it_back(text):
    assert unescape_formula(escape_formula(text)) == text


@given(st.text(min_size=1))
def test_an_escaped_text_never_starts_a_formula(text):
    assert escape_formula(text)[0] not in "=+-@\t\r"


@pytest.mark.parametrize("text", ["Lecture", "'citation'", "", "2022"])
def test_a_harmless_text_is_exported_as_it_is(text):
    assert escape_formula(text) == text


def test_numbers_are_not_escaped():
    assert escape_formula(-3) == -3


def sample():
    data = tablib.Dataset(headers=["titre", "numéro"])
    for text in TRIGGERS:
        data.append([text, 1])
    return data


def test_the_csv_export_prefixes_formulas_with_an_apostrophe():
    lines = CSV().export_data(sample()).lstrip("\ufeff").splitlines()
    assert lines[1] == "'=1+1,1"
    assert lines[4] == "'@SUM(A1),1"


def test_the_xlsx_export_writes_formulas_as_escaped_text():
    book = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(sample())))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == ["'" + text for text in XML_TRIGGERS]


def test_the_ods_export_writes_formulas_as_escaped_text():
    back = ODS().create_dataset(ODS().export_data(sample()))
    assert back["titre"] == ["'" + text for text in XML_TRIGGERS]


def test_the_json_export_stays_raw():
    assert [row["titre"] for row in json.loads(JSON().export_data(sample()))] == TRIGGERS


@pytest.mark.parametrize("file_format", [CSV, XLSX, ODS])
def test_the_export_does_not_change_the_dataset_it_is_given(file_format):
    data = sample()
    file_format().export_data(data)
    assert data["titre"] == TRIGGERS


def test_a_csv_row_longer_than_its_headers_is_refused():
    from spreadsheets.formats import UnreadableFile

    with pytest.raises(UnreadableFile, match="La ligne 2 a plus de cellules"):
        CSV().create_dataset(b"titre\nLire,en trop\n")


def test_an_empty_file_is_refused():
    from spreadsheets.formats import UnreadableFile

    with pytest.raises(UnreadableFile, match="vide"):
        CSV().create_dataset(b"")


def test_a_json_file_must_be_a_list_of_objects():
    from spreadsheets.formats import UnreadableFile

    with pytest.raises(UnreadableFile, match="liste d'objets"):
        JSON().create_dataset(b'{"titre": "Lire"}')


def test_lists_in_a_json_file_are_the_lines_of_a_cell():
    data = JSON().create_dataset(json.dumps([{"objectifs": ["Lire", "Écrire"]}]).encode())
    assert data["objectifs"] == ["Lire\nÉcrire"]


def test_trailing_empty_rows_and_columns_of_a_workbook_are_dropped():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["titre", None, None])
    sheet.append(["Lire", None, None])
    sheet.append([None, None, None])
    stream = io.BytesIO()
    book.save(stream)
    data = XLSX().create_dataset(stream.getvalue())
    assert (data.headers, data.dict) == (["titre"], [{"titre": "Lire"}])
