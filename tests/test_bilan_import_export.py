"""Follow-ups as spreadsheets (``bilan.resources.FollowUpResource``): one row per fiche and
year, French decimals, lines one a line, all or nothing, explained in French."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from bilan.models import FollowUp
from bilan.resources import FollowUpResource, FunderResource
from bilan.totals import follow_up_totals
from spreadsheets.cells import parse_decimal
from spreadsheets.formats import CSV, XLSX
from tests.factories import ActionFactory, PublicFactory
from tests.factories_bilan import FollowUpFactory, FunderFactory, followed_action
from tests.factories_import import csv_bytes, dataset, format_index, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50 €", Decimal("1234.50")),
        ("1\u202f234,5", Decimal("1234.5")),
        ("1234.50", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("85,5 %", Decimal("85.5")),
        (1200, Decimal(1200)),
        (12.5, Decimal("12.5")),
        ("", None),
    ],
)
def test_french_decimals_are_read_as_people_type_them(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["douze", "1,2,3", "12 €€", "1e5"])
def test_what_is_not_a_number_is_refused_in_french(text):
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        parse_decimal(text)


@pytest.fixture
def fiche():
    return ActionFactory(slug="ateliers-parents")


@pytest.fixture
def caf():
    return FunderFactory(slug="caf", name="Caisse d'allocations familiales")


def row(**values):
    base = {"fiche": "ateliers-parents", "année": 2021}
    base.update(values)
    return base


def run(*rows, dry_run=False):
    return FollowUpResource().import_data(dataset(*rows), dry_run=dry_run)


def problems(result):
    return [message for error in result.base_errors for message in error.messages]


def test_a_funder_named_twice_in_a_cell_is_refused(fiche, caf):
    result = run(row(**{"co-financements": "caf : 1\nCaisse d'allocations familiales : 2"}))
    assert "un même financeur est écrit deux fois." in str(result.invalid_rows[0].error_dict)
    assert not FollowUp.objects.exists()


def test_a_complete_row_is_imported_with_its_lines(fiche, caf):
    parents = PublicFactory(slug="parents")
    result = run(
        row(
            état="terminée",
            **{
                "crédits cité éducative": "12 500,00 €",
                "co-financements": "Caisse d'allocations familiales : 1 234,50",
                "n° dauphin": "2021-00042",
                "bénéficiaires": "parents : 120 / 95",
                "indicateurs": "Ateliers tenus | séances | 20 | 24,5",
                "bilan qualitatif": "Très suivi.",
            },
        )
    )
    assert not result.has_validation_errors() and not result.has_errors()
    follow_up = FollowUp.objects.get()
    assert (follow_up.action, follow_up.year, follow_up.state) == (fiche, 2021, "terminee")
    assert follow_up.cite_amount == Decimal("12500")
    assert [(line.funder, line.amount) for line in follow_up.cofundings.all()] == [
        (caf, Decimal("1234.50"))
    ]
    assert [
        (line.public, line.planned, line.reached) for line in follow_up.beneficiaries.all()
    ] == [(parents, 120, 95)]
    [indicator] = follow_up.indicators.all()
    assert (indicator.label, indicator.unit, indicator.target, indicator.achieved) == (
        "Ateliers tenus",
        "séances",
        Decimal(20),
        Decimal("24.5"),
    )
    assert indicator.exceeds_target  # allowed, and flagged
    assert follow_up.history.count() == 1


def test_an_export_imports_again_unchanged(fiche, caf):
    follow_up = followed_action(action=fiche)
    follow_up.cofundings.update(funder=caf)
    for file_format in (CSV, XLSX):
        exported = file_format().export_data(FollowUpResource().export())
        result = FollowUpResource().import_data(file_format().create_dataset(exported))
        assert not result.has_validation_errors(), result.invalid_rows
        assert result.totals["skip"] == 1


def test_the_same_file_twice_updates_rather_than_duplicates(fiche):
    run(row(**{"crédits cité éducative": "100"}))
    run(row(**{"crédits cité éducative": "250"}))
    assert FollowUp.objects.get().cite_amount == Decimal(250)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"fiche": "inconnue"}, "colonne « fiche » : fiche inconnue « inconnue »"),
        ({"année": "2025"}, "L'année 2025 est hors de la programmation 2020-2022"),
        ({"crédits cité éducative": "-5"}, "Un montant ne peut pas être négatif."),
        ({"crédits cité éducative": "beaucoup"}, "« beaucoup » n'est pas un nombre."),
        ({"co-financements": "caf : -10"}, "montant négatif refusé (« -10 »)"),
        ({"co-financements": "Mécène : 10"}, "financeur inconnu « Mécène »"),
        ({"co-financements": "caf"}, "écrire « financeur : montant »"),
        ({"bénéficiaires": "parents : -3 / 2"}, "nombre de bénéficiaires négatif refusé"),
        ({"bénéficiaires": "nulle-part : 3 / 2"}, "public inconnu « nulle-part »"),
        (
            {"indicateurs": "Ateliers | séances | 10"},
            "écrire « libellé | unité | cible | réalisé »",
        ),
        ({"indicateurs": "Ateliers | | 10 | -1"}, "valeur d'indicateur négatif refusé"),
        ({"état": "abandonnée"}, "valeur inconnue « abandonnée »"),
    ],
)
def test_bad_input_is_refused_in_french_and_changes_nothing(fiche, caf, values, message):
    PublicFactory(slug="parents")
    result = run(row(année=2020), row(**values))
    assert result.has_validation_errors()
    located = [
        text
        for invalid in result.invalid_rows
        for texts in invalid.error_dict.values()
        for text in texts
    ]
    assert any(message in text and text.startswith("Ligne 3") for text in located), located
    assert not FollowUp.objects.exists()  # not even the good line 2


def test_two_rows_for_one_fiche_and_year_are_refused(fiche):
    result = run(row(), row())
    assert result.has_validation_errors()
    assert "est déjà l'identifiant de la ligne 2 du fichier" in str(
        result.invalid_rows[0].error_dict
    )


def test_the_key_columns_are_required(fiche):
    result = FollowUpResource().import_data(dataset({"fiche": "ateliers-parents"}))
    assert "Ligne 1 (noms des colonnes) : colonne « année » manquante." in problems(result)


def test_the_import_command_refuses_a_bad_file_whole(fiche, tmp_path):
    path = tmp_path / "suivis.csv"
    path.write_bytes(csv_bytes(row(), row(année=1990)))
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import", "bilan.resources.FollowUpResource", str(path), "--no-input", stderr=errors
        )
    assert "Ligne 3, colonne « année »" in errors.getvalue()
    assert not FollowUp.objects.exists()


def test_funders_import_by_name_with_a_slug_made_for_them():
    FunderResource().import_data(dataset({"identifiant": "", "nom": "Fondation des Lilas"}))
    assert FunderFactory._meta.model.objects.get().slug == "fondation-des-lilas"


def test_the_follow_up_list_imports_through_the_preview(coordinator_client, fiche):
    page = coordinator_client.post(
        reverse("admin:bilan_followup_import"),
        {
            "import_file": upload(csv_bytes(row(**{"crédits cité éducative": "1 000,00 €"}))),
            "format": format_index(CSV),
            "resource": "0",
        },
    )
    assert not FollowUp.objects.exists()
    form = page.context["confirm_form"]
    coordinator_client.post(
        reverse("admin:bilan_followup_process_import"),
        {name: form[name].value() for name in form.fields},
    )
    follow_up = FollowUp.objects.get()
    assert follow_up.cite_amount == Decimal(1000)
    assert follow_up.history.get().history_user.username == "coordinatrice"


def test_the_follow_up_list_exports(reader_client):
    FollowUpFactory()
    page = reader_client.get(reverse("admin:bilan_followup_changelist"))
    assert reverse("admin:bilan_followup_export") in page.text


def test_an_import_of_lines_alone_refreshes_the_kept_totals(fiche, caf):
    follow_up = FollowUpFactory(action=fiche, year=2021, cite_amount=0)
    assert follow_up_totals(fiche.programmation, [2021]).budget == 0
    run(row(**{"co-financements": "caf : 300"}))
    assert follow_up_totals(fiche.programmation, [2021]).budget == Decimal(300)
    assert follow_up.cofundings.get().amount == Decimal(300)
