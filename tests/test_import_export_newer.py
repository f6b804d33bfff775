"""A spreadsheet that would undo later edits is flagged and refused unless the coordinator
means it; the description travels as readable text beside its HTML."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.resources import ActionResource
from spreadsheets.formats import CSV, XLSX
from tests.factories import AxeFactory, ProgrammationFactory, complete_action
from tests.factories_import import csv_bytes, fiche_row, format_index, read, upload

pytestmark = pytest.mark.django_db

IMPORT = "admin:actions_action_import"
PROCESS = "admin:actions_action_process_import"


def exported(file_format=CSV):
    data = file_format().export_data(ActionResource().export())
    return data.encode() if isinstance(data, str) else data


def edited_on_the_site(action, title):
    Action.objects.filter(pk=action.pk).update(
        title=title, updated_at=timezone.now() + datetime.timedelta(minutes=5)
    )


def renamed(data, title):
    rows = read(data).dict
    rows[0]["titre"] = title
    return csv_bytes(*rows)


def preview(client, data, overwrite=False):
    form = {"import_file": upload(data), "format": format_index(CSV), "resource": "0"}
    if overwrite:
        form["overwrite_newer"] = "on"
    return client.post(reverse(IMPORT), form)


def test_the_export_says_when_each_fiche_was_last_changed():
    action = complete_action()
    row = ActionResource().export().dict[0]
    assert row["mise à jour"] == timezone.localtime(action.updated_at).strftime("%Y-%m-%d %H:%M:%S")


def test_an_older_row_that_changes_a_fiche_is_refused_with_its_reason(coordinator_client):
    action = complete_action(title="Lecture")
    data = renamed(exported(), "Lecture (ancien fichier)")
    edited_on_the_site(action, "Lecture revue sur le site")
    page = preview(coordinator_client, data)
    assert "Import refusé" in page.text
    assert "modifiée sur le site le" in page.text
    assert "Remplacer aussi les modifications plus récentes" in page.text
    assert "confirm_form" not in page.context or page.context["confirm_form"] is None
    assert Action.objects.get().title == "Lecture revue sur le site"


def test_an_older_row_that_changes_nothing_is_not_refused(coordinator_client):
    action = complete_action(title="Lecture")
    data = exported()
    Action.objects.filter(pk=action.pk).update(updated_at=timezone.now() + datetime.timedelta(1))
    page = preview(coordinator_client, data)
    assert "Import refusé" not in page.text
    assert page.context["confirm_form"] is not None


def test_ticking_the_box_flags_the_row_and_lets_the_import_through(coordinator_client):
    action = complete_action(title="Lecture")
    data = renamed(exported(), "Lecture (ancien fichier)")
    edited_on_the_site(action, "Lecture revue sur le site")
    page = preview(coordinator_client, data, overwrite=True)
    assert "Remplace des modifications plus récentes" in page.text
    form = page.context["confirm_form"]
    values = {name: form[name].value() for name in form.fields}
    assert values["overwrite_newer"] is True
    response = coordinator_client.post(reverse(PROCESS), values)
    assert response.status_code == 302
    assert Action.objects.get().title == "Lecture (ancien fichier)"


def test_a_newer_file_imports_without_question(coordinator_client):
    complete_action(title="Lecture")
    page = preview(coordinator_client, renamed(exported(), "Lecture corrigée"))
    assert "Remplace des modifications" not in page.text
    assert page.context["confirm_form"] is not None


def test_a_file_with_only_a_date_compares_days():
    action = complete_action(title="Lecture")
    rows = read(exported()).dict
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    rows[0].update({"titre": "Lecture d'hier", "mise à jour": yesterday.isoformat()})
    result = ActionResource().import_data(read(csv_bytes(*rows)), dry_run=True)
    assert result.has_validation_errors()
    action.refresh_from_db()
    assert action.title == "Lecture"


def test_the_description_is_exported_as_readable_text_beside_its_html():
    complete_action(description="<p>Lire <strong>ensemble</strong> :</p><ul><li>contes</li></ul>")
    row = ActionResource().export().dict[0]
    assert row["description"] == "Lire ensemble :\n\n- contes"
    assert (
        row["description (HTML)"]
        == "<p>Lire <strong>ensemble</strong> :</p><ul><li>contes</li></ul>"
    )


@pytest.mark.parametrize("file_format", [CSV, XLSX])
def test_an_unchanged_description_keeps_its_formatting_through_a_round_trip(file_format):
    html = "<p>Lire <strong>ensemble</strong> :</p><ul><li>contes</li></ul>"
    complete_action(description=html)
    result = ActionResource().import_data(read(exported(file_format), file_format))
    assert result.totals["skip"] == 1
    assert Action.objects.get().description == html


def test_a_description_rewritten_in_the_spreadsheet_becomes_paragraphs_and_lists():
    complete_action(description="<p>Lire <strong>ensemble</strong>.</p>")
    rows = read(exported()).dict
    rows[0]["description"] = "Lire à deux.\n\nAu programme :\n- contes\n• jeux"
    result = ActionResource().import_data(read(csv_bytes(*rows)))
    assert not result.has_validation_errors()
    assert Action.objects.get().description == (
        "<p>Lire à deux.</p><p>Au programme :</p><ul><li>contes</li><li>jeux</li></ul>"
    )


def test_a_new_fiche_from_a_plain_text_cell_gets_paragraphs():
    ProgrammationFactory()
    AxeFactory()
    row = {**fiche_row(), "description": "Un.\n\nDeux."}
    result = ActionResource().import_data(read(csv_bytes(row)))
    assert not result.has_validation_errors()
    assert Action.objects.get().description == "<p>Un.</p><p>Deux.</p>"
