"""Imports refuse at once, in French, what is too large to read: the file's size, its rows and
columns (repeated or not), what a zip-based workbook unpacks to. Nothing is written, and the
preview's file is not kept."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse

from actions.models import Action
from spreadsheets.formats import CSV, ODS, XLSX, LimitExceeded, UnreadableFile
from spreadsheets.tasks import prune_waiting_imports
from spreadsheets.waiting import WaitingFileStorage
from tests import hostile_files
from tests.factories import AxeFactory, ProgrammationFactory
from tests.factories_import import csv_bytes, fiche_row, format_index, upload

pytestmark = pytest.mark.django_db

IMPORT = "admin:actions_action_import"
PROCESS = "admin:actions_action_process_import"
RESOURCE = "actions.resources.ActionResource"


@pytest.fixture
def territory():
    return ProgrammationFactory(), AxeFactory()


def waiting_files():
    files = storages["import_export"]
    if not files.exists(WaitingFileStorage.FOLDER):
        return []
    return files.listdir(WaitingFileStorage.FOLDER)[1]


def preview(client, data, file_format, name):
    return client.post(
        reverse(IMPORT),
        {"import_file": upload(data, name), "format": format_index(file_format), "resource": "0"},
    )


def refusal(page):
    assert page.status_code == 200
    assert "confirm_form" not in page.context
    [error] = page.context["form"].errors["import_file"]
    return error


HOSTILE = {
    "rows repeated 100,000,000 times (ODS)": (
        hostile_files.ods_with_repeated_rows,
        ODS,
        "Le fichier a plus de 2000 lignes sous celle des noms de colonnes "
        "(la ligne 100000001 est remplie).",
    ),
    "a cell repeated 100,000,000 times (ODS)": (
        hostile_files.ods_with_repeated_columns,
        ODS,
        "Une ligne du fichier a 100000000 colonnes ; un import en accepte au plus 100.",
    ),
    "200 MB of XML in 200 kB (XLSX)": (
        hostile_files.xlsx_bomb,
        XLSX,
        "Ce classeur se décompresse en 200 Mo ; un import accepte au plus 50 Mo décompressés.",
    ),
    "20 MB of XML in 20 kB (XLSX)": (
        lambda: hostile_files.xlsx_bomb(padding=20_000_000),
        XLSX,
        "Ce classeur est compressé plus de 100 fois, ce qu'aucun tableur ne fait",
    ),
    "a cell on the last row of a sheet (XLSX)": (
        lambda: hostile_files.xlsx({(1_048_576, 1): "2020-2022"}),
        XLSX,
        "(la ligne 1048576 est remplie)",
    ),
    "a cell in the last column of a sheet (XLSX)": (
        lambda: hostile_files.xlsx({(2, 16_384): "Atelier"}),
        XLSX,
        "Une ligne du fichier a 16384 colonnes",
    ),
    "100,000 rows (CSV)": (
        lambda: hostile_files.csv_with_rows(100_000),
        CSV,
        "Le fichier a plus de 2000 lignes sous celle des noms de colonnes "
        "(la ligne 2002 est remplie).",
    ),
}


@pytest.mark.parametrize(("build", "file_format", "message"), HOSTILE.values(), ids=HOSTILE)
def test_the_admin_refuses_a_hostile_file_and_keeps_nothing(
    coordinator_client, territory, build, file_format, message
):
    name = f"fiches.{file_format().get_extension()}"
    error = refusal(preview(coordinator_client, build(), file_format, name))
    assert message in error
    assert not Action.objects.exists()
    assert waiting_files() == []


@pytest.mark.parametrize(("build", "file_format", "message"), HOSTILE.values(), ids=HOSTILE)
def test_the_import_command_refuses_a_hostile_file(
    territory, tmp_path, build, file_format, message
):
    path = tmp_path / f"fiches.{file_format().get_extension()}"
    path.write_bytes(build())
    with pytest.raises(LimitExceeded) as refused:
        call_command(
            "import",
            RESOURCE,
            str(path),
            "--format",
            f"spreadsheets.formats.{file_format.__name__}",
            "--no-input",
            stderr=io.StringIO(),
        )
    assert message in str(refused.value)
    assert not Action.objects.exists()


def test_a_file_over_the_upload_limit_is_refused_before_it_is_read(
    coordinator_client, territory, settings
):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_000_000
    data = csv_bytes(fiche_row(titre="x" * 1_100_000))
    error = refusal(preview(coordinator_client, data, CSV, "fiches.csv"))
    assert error == (
        "Le fichier pèse 1,1 Mo ; un import accepte au plus 1 Mo. "
        "Découpez-le en plusieurs fichiers."
    )
    assert not Action.objects.exists()
    assert waiting_files() == []


def test_the_rows_limit_counts_the_filled_rows_under_the_column_names(territory, settings):
    settings.IMPORT_MAX_ROWS = 3
    assert len(CSV().create_dataset(hostile_files.csv_with_rows(3))) == 3
    with pytest.raises(LimitExceeded, match=r"plus de 3 lignes .*la ligne 5 est remplie"):
        CSV().create_dataset(hostile_files.csv_with_rows(4))


def test_empty_repeated_rows_before_the_limit_cost_nothing(settings):
    # LibreOffice ends each sheet with a million repeated empty rows.
    data = hostile_files.ods_with_repeated_rows(repeat=2).replace(
        b"</table:table>",
        b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
        b"</table:table-row></table:table>",
    )
    assert len(ODS().create_dataset(data)) == 2


def test_a_workbook_that_lies_about_its_size_is_unreadable():
    with pytest.raises(UnreadableFile, match=r"Ce fichier n.est pas un classeur ODS\."):
        ODS().create_dataset(hostile_files.ods_lying_about_its_size())


def test_the_preview_file_waits_in_the_shared_storage_until_the_confirmation(
    coordinator_client, territory
):
    page = preview(coordinator_client, csv_bytes(fiche_row()), CSV, "fiches.csv")
    form = page.context["confirm_form"]
    assert waiting_files() == [form["import_file_name"].value()]
    coordinator_client.post(reverse(PROCESS), {name: form[name].value() for name in form.fields})
    assert Action.objects.count() == 1
    assert waiting_files() == []


def test_a_refused_preview_keeps_no_file(coordinator_client, territory):
    page = preview(coordinator_client, csv_bytes(fiche_row(axe="axe-9")), CSV, "fiches.csv")
    assert "Import refusé" in page.text
    assert waiting_files() == []


def test_the_worker_deletes_the_files_of_previews_past_their_lifetime(
    coordinator_client, territory, settings
):
    settings.IMPORT_PREVIEW_LIFETIME_MINUTES = 60
    old = preview(coordinator_client, csv_bytes(fiche_row()), CSV, "a.csv").context["confirm_form"]
    recent = preview(coordinator_client, csv_bytes(fiche_row()), CSV, "b.csv")
    old_name = old["import_file_name"].value()
    path = storages["import_export"].path(f"{WaitingFileStorage.FOLDER}/{old_name}")
    two_hours_ago = (os.path.getmtime(path) - timedelta(hours=2).total_seconds(),) * 2
    os.utime(path, two_hours_ago)

    prune_waiting_imports.enqueue()

    assert waiting_files() == [recent.context["confirm_form"]["import_file_name"].value()]


def test_the_hourly_pruning_is_one_of_the_worker_periodic_tasks(settings):
    assert settings.PERIODIC_TASKS["spreadsheets.tasks.prune_waiting_imports"] == {
        "every": timedelta(hours=1)
    }


def test_confirming_an_expired_preview_says_so_and_writes_nothing(coordinator_client, territory):
    form = preview(coordinator_client, csv_bytes(fiche_row()), CSV, "fiches.csv").context[
        "confirm_form"
    ]
    WaitingFileStorage(name=form["import_file_name"].value()).remove()
    response = coordinator_client.post(
        reverse(PROCESS), {name: form[name].value() for name in form.fields}
    )
    assert response.status_code == 302
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "L'aperçu de cet import a expiré : rien n'a été enregistré." in messages
    assert not Action.objects.exists()


def test_a_confirmation_naming_a_file_outside_the_waiting_folder_is_a_french_400(
    coordinator_client, territory
):
    form = preview(coordinator_client, csv_bytes(fiche_row()), CSV, "fiches.csv").context[
        "confirm_form"
    ]
    fields = {name: form[name].value() for name in form.fields}
    fields["import_file_name"] = "../../../citeeducative/settings.py"
    response = coordinator_client.post(reverse(PROCESS), fields)
    assert response.status_code == 400
    assert "Requête incorrecte" in response.text
    assert not Action.objects.exists()
