"""Spreadsheet import and export of the fiches (actions.resources.ActionResource): columns,
natural keys, all-or-nothing imports with French reasons, history and search."""

import pytest
from django.contrib.auth.models import User

from actions.models import Action, Objective
from actions.resources import ActionResource
from actions.search.query import matching
from contacts.models import ActionContact
from spreadsheets.formats import CSV, JSON, ODS, XLSX
from tests.factories import (
    ActionFactory,
    AxeFactory,
    ContactFactory,
    NetworkFactory,
    OrganisationFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
    complete_action,
)
from tests.factories_import import csv_bytes, dataset, fiche_row, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory():
    """What a new fiche's row names: its programmation and axe."""
    return ProgrammationFactory(), AxeFactory()


def export_rows(queryset=None):
    return ActionResource().export(queryset).dict


def run(data, dry_run=False, **kwargs):
    return ActionResource().import_data(data, dry_run=dry_run, **kwargs)


def problems(result):
    return [message for error in result.base_errors for message in error.messages]


# Export


def test_it_exports_one_row_per_fiche_with_french_column_names():
    complete_action()
    ActionFactory()
    rows = export_rows()
    assert len(rows) == 2
    assert list(rows[0]) == [
        "programmation",
        "numéro",
        "identifiant",
        "titre",
        "axe",
        "statut",
        "description",
        "description (HTML)",
        "objectifs",
        "publics",
        "secteurs",
        "réseaux",
        "précisions sur le périmètre",
        "partenaires",
        "opérateurs",
        "contacts",
        "ressources",
        "suite de",
        "note éditoriale",
        "démonstration",
        "mise à jour",
    ]


def test_it_writes_relations_with_natural_keys_one_a_line():
    action = complete_action(slug="lecture-partagee", number=3)
    action.objectives.create(position=32_000, text="Second objectif")
    row = export_rows()[0]
    contact = action.contact_links.get().contact
    operator = action.operator_links.get().organisation
    assert row["programmation"] == "2020-2022"
    assert row["numéro"] == 3
    assert row["identifiant"] == "lecture-partagee"
    assert row["axe"] == "axe-1"
    assert row["statut"] == "Publiée"
    assert row["objectifs"].split("\n")[-1] == "Second objectif"
    assert row["publics"] == action.publics.get().slug
    assert row["secteurs"] == "nord"
    assert row["partenaires"] == action.partners.get().slug
    assert row["opérateurs"] == f"Opérateur : {operator.slug}"
    assert row["contacts"] == f"Troïka : {contact.slug}"
    assert row["ressources"] == "Site | https://example.org/"


def test_the_export_reads_each_relation_in_one_query_whatever_the_number_of_fiches(
    django_assert_max_num_queries,
):
    for number in range(1, 21):
        complete_action(number=number)
    with django_assert_max_num_queries(16):
        export_rows()


# Import: creation and update


def test_a_row_without_identifiant_creates_a_fiche_named_after_its_title(territory):
    result = run(dataset(fiche_row(titre="Ateliers d'éloquence")))
    assert result.totals["new"] == 1
    action = Action.objects.get()
    assert action.slug == "ateliers-deloquence"
    assert action.status == Action.Status.DRAFT


def test_an_unchanged_export_imports_as_unchanged_rows():
    complete_action()
    complete_action()
    result = run(ActionResource().export())
    assert result.totals["skip"] == 2
    assert result.totals["update"] == 0


def test_an_edited_row_updates_the_fiche_and_all_its_lists():
    action = complete_action(number=4)
    parents = PublicFactory(slug="parents")
    contact = ContactFactory(slug="julia-camus")
    partner = OrganisationFactory(slug="ccas")
    row = export_rows()[0]
    row.update(
        {
            "titre": "Titre corrigé",
            "objectifs": "Premier\nDeuxième",
            "publics": "parents",
            "secteurs": "",
            "partenaires": "ccas",
            "contacts": "Ville : julia-camus",
            "ressources": "",
        }
    )
    result = run(dataset(row))
    assert result.totals["update"] == 1
    action.refresh_from_db()
    assert action.title == "Titre corrigé"
    assert [o.text for o in action.objectives.all()] == ["Premier", "Deuxième"]
    assert list(action.publics.all()) == [parents]
    assert not action.sectors.exists()
    assert list(action.partners.all()) == [partner]
    assert [(link.contact, link.role) for link in action.contact_links.all()] == [
        (contact, ActionContact.Role.VILLE)
    ]
    assert not action.resources.exists()


def test_a_contact_may_be_named_by_its_email_address(territory):
    contact = ContactFactory(email="Julia.Camus@ville-roubaix.fr")
    run(dataset(fiche_row(contacts="Troïka : julia.camus@ville-roubaix.fr")))
    assert Action.objects.get().contact_links.get().contact == contact


def test_roles_and_slugs_are_read_whatever_their_case_and_accents(territory):
    contact = ContactFactory(slug="julia-camus")
    operator = OrganisationFactory(slug="citeo")
    run(dataset(fiche_row(contacts="TROIKA : Julia-Camus", opérateurs="prestataire : citeo")))
    action = Action.objects.get()
    assert action.contact_links.get().contact == contact
    assert action.operator_links.get().organisation == operator
    assert action.operator_links.get().role == "prestataire"


def test_an_operator_without_role_is_an_operateur(territory):
    OrganisationFactory(slug="citeo")
    run(dataset(fiche_row(opérateurs="citeo")))
    assert Action.objects.get().operator_links.get().role == "operateur"


def test_an_axe_may_be_given_by_its_number(territory):
    AxeFactory(number=2)
    run(dataset(fiche_row(axe="2")))
    assert Action.objects.get().axe_id == 2


def test_a_file_with_only_some_columns_changes_only_those(territory):
    action = complete_action(slug="lecture", title="Ancien titre")
    objectives = list(action.objectives.values_list("text", flat=True))
    run(dataset({"identifiant": "lecture", "titre": "Nouveau titre"}))
    action.refresh_from_db()
    assert action.title == "Nouveau titre"
    assert list(action.objectives.values_list("text", flat=True)) == objectives


def test_blank_lines_in_the_middle_of_a_sheet_are_ignored(territory):
    data = dataset(fiche_row(numéro=40), fiche_row(numéro=41, titre="Autre fiche"))
    data.insert(1, ["", "", "", "", ""])
    result = run(data)
    assert result.totals["new"] == 2
    assert not result.has_validation_errors()


# Import: history and search


def test_the_import_is_recorded_in_history_with_its_author(territory):
    coordinator = User.objects.create_user("coordinatrice")
    run(dataset(fiche_row(objectifs="Prendre la parole")), user=coordinator)
    action = Action.objects.get()
    assert action.history.get().history_user == coordinator
    assert Objective.history.get().history_user == coordinator


def test_a_fiche_created_by_an_import_has_one_history_entry_with_its_lists(territory):
    public = PublicFactory(slug="parents")
    run(dataset(fiche_row(publics="parents")))
    entry = Action.objects.get().history.get()
    assert entry.history_type == "+"
    assert [row.public for row in entry.publics.all()] == [public]


def test_an_update_is_one_history_entry(territory):
    action = complete_action(slug="lecture")
    PublicFactory(slug="parents")
    before = action.history.count()
    run(dataset({"identifiant": "lecture", "titre": "Corrigé", "publics": "parents"}))
    assert action.history.count() == before + 1
    assert action.history.latest().title == "Corrigé"


def test_imported_fiches_are_found_by_the_search(territory):
    run(dataset(fiche_row(titre="Ateliers d'éloquence", objectifs="Oser parler en public")))
    assert matching("eloquence").apply(Action.objects).count() == 1
    assert matching("parler").apply(Action.objects).count() == 1


def test_a_changed_list_is_found_by_the_search(territory):
    complete_action(slug="lecture")
    run(dataset({"identifiant": "lecture", "objectifs": "Découvrir la photographie"}))
    assert matching("photographie").apply(Action.objects).get().slug == "lecture"


def test_the_dry_run_writes_nothing(territory):
    result = run(dataset(fiche_row()), dry_run=True)
    assert result.totals["new"] == 1
    assert not Action.objects.exists()


# Import: refusals


def refused(row, **kwargs):
    """The problems of a file made of ``row``, checking that nothing was written."""
    before = Action.objects.count(), Objective.objects.count()
    result = run(dataset(row), **kwargs)
    assert result.has_validation_errors() or result.has_errors()
    assert (Action.objects.count(), Objective.objects.count()) == before
    return problems(result)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"axe": "axe-9"}, "Ligne 2, colonne « axe » : axe inconnu « axe-9 »"),
        ({"titre": ""}, "Ligne 2, colonne « titre » : "),
        ({"contacts": "Troïka : personne"}, "Ligne 2, colonne « contacts » : contact inconnu"),
        (
            {"contacts": "Troïka : julia@"},
            "Ligne 2, colonne « contacts » : adresse e-mail mal formée « julia@ »",
        ),
        ({"contacts": "Chef : julia"}, "Ligne 2, colonne « contacts » : rôle inconnu « Chef »"),
        ({"publics": "martiens"}, "Ligne 2, colonne « publics » : public(s) inconnu(s)"),
        ({"partenaires": "inconnue"}, "Ligne 2, colonne « partenaires » : structure(s)"),
        ({"secteurs": "est"}, "Ligne 2, colonne « secteurs » : secteur(s) inconnu(s)"),
        ({"réseaux": "rep-x"}, "Ligne 2, colonne « réseaux » : réseau(x) inconnu(s)"),
        ({"opérateurs": "Opérateur : x"}, "Ligne 2, colonne « opérateurs » : structure inconnue"),
        ({"numéro": "douze"}, "Ligne 2, colonne « numéro » : « douze » n'est pas un nombre"),
        ({"numéro": "0"}, "Ligne 2, colonne « numéro » : le numéro doit être compris"),
        ({"numéro": ""}, "Ligne 2, colonne « numéro » : valeur obligatoire."),
        ({"statut": "en ligne"}, "Ligne 2, colonne « statut » : valeur inconnue « en ligne »"),
        ({"programmation": "2050"}, "Ligne 2, colonne « programmation » : programmation inc"),
        ({"ressources": "Site sans adresse"}, "Ligne 2, colonne « ressources » : « Site sans"),
        ({"objectifs": "Lire\nLire"}, "Ligne 2, colonne « objectifs » : une même ligne"),
    ],
)
def test_an_invalid_row_is_refused_with_its_line_column_and_problem(territory, values, expected):
    messages = refused(fiche_row(**values))
    assert any(message.startswith(expected) for message in messages), messages
    assert messages[0].startswith("Import refusé")


def test_a_number_already_used_in_the_programmation_is_refused(territory):
    ActionFactory(number=40, slug="existante")
    messages = refused(fiche_row(numéro=40))
    assert (
        "Ligne 2, colonne « numéro » : le numéro 40 est déjà celui de la fiche « existante »"
        in messages[1]
    )


def test_a_number_written_twice_in_the_file_is_refused(territory):
    before = Action.objects.count()
    result = run(dataset(fiche_row(numéro=40), fiche_row(numéro=40, titre="Doublon")))
    assert Action.objects.count() == before
    assert (
        "Ligne 3, colonne « numéro » : le numéro 40 est aussi celui de la ligne 2 du fichier."
        in problems(result)
    )


def test_an_identifiant_written_twice_in_the_file_is_refused(territory):
    result = run(
        dataset(
            fiche_row(numéro=40, identifiant="lecture"),
            fiche_row(numéro=41, identifiant="lecture"),
        )
    )
    assert not Action.objects.exists()
    assert any("ligne 2 du fichier" in message for message in problems(result))


def test_one_invalid_row_refuses_the_whole_file(territory):
    result = run(dataset(fiche_row(numéro=40), fiche_row(numéro=41, axe="axe-9")))
    assert result.totals["new"] == 1
    assert result.totals["invalid"] == 1
    assert not Action.objects.exists()


def test_an_invalid_update_leaves_the_fiche_as_it_was():
    action = complete_action(slug="lecture", title="Titre")
    refused({"identifiant": "lecture", "titre": "Changé", "axe": "axe-9"})
    action.refresh_from_db()
    assert action.title == "Titre"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["identifiant", "titre", "couleur"], "colonne inconnue « couleur »"),
        (["identifiant", "titre", "Titre"], "colonne « titre » en double"),
        (["programmation", "numéro", "titre", "axe"], "colonne « identifiant » manquante"),
    ],
)
def test_a_file_with_wrong_columns_is_refused_naming_them(territory, headers, expected):
    data = dataset(dict.fromkeys(headers, ""))
    result = run(data)
    assert any(expected in message for message in problems(result)), problems(result)
    assert problems(result)[0].startswith("Ligne 1 (noms des colonnes)")


def test_column_names_are_read_whatever_their_case_and_accents(territory):
    row = {
        "Programmation": "2020-2022",
        "NUMERO": 40,
        "Identifiant": "",
        "Titre ": "Lire",
        "axe": 1,
    }
    result = run(dataset(row))
    assert result.totals["new"] == 1


def test_the_open_data_columns_are_accepted_and_ignored(territory):
    result = run(dataset(fiche_row(adresse="https://ailleurs.example/", **{"mise à jour": "x"})))
    assert result.totals["new"] == 1


# Files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_reads_csv_as_excel_and_libreoffice_save_it(territory, encoding):
    data = csv_bytes(fiche_row(titre="Éloquence et théâtre à l'école"), encoding=encoding)
    run(read(data))
    assert Action.objects.get().title == "Éloquence et théâtre à l'école"


def test_it_reads_semicolon_separated_csv(territory):
    data = csv_bytes(fiche_row(titre="Lire, écrire ; compter"), delimiter=";", encoding="cp1252")
    run(read(data))
    assert Action.objects.get().title == "Lire, écrire ; compter"


@pytest.mark.parametrize("file_format", [CSV, XLSX, ODS, JSON])
def test_an_export_imports_back_unchanged_in_every_format(file_format):
    complete_action(title="-- Lecture = plaisir", description="<p>Ligne 1</p>\n<p>Ligne 2</p>")
    exported = ActionResource().export()
    data = file_format().export_data(exported)
    back = file_format().create_dataset(data.encode() if isinstance(data, str) else data)
    result = run(back)
    assert result.totals["skip"] == 1, problems(result)


@pytest.mark.parametrize("file_format", [CSV, XLSX, ODS, JSON])
def test_multiline_cells_survive_every_format(file_format):
    action = complete_action(slug="lecture")
    exported = ActionResource().export()
    exported_row = exported.dict[0]
    data = file_format().export_data(exported)
    Action.objects.all().delete()
    run(file_format().create_dataset(data.encode() if isinstance(data, str) else data))
    # Everything but the time of the change, which is the import's.
    again = ActionResource().export().dict[0]
    assert {**again, "mise à jour": ""} == {**exported_row, "mise à jour": ""}
    assert Action.objects.get(slug="lecture").objectives.count() == 1
    assert action.pk != Action.objects.get().pk


def test_it_reads_the_repeated_cells_libreoffice_writes(territory):
    from odf import opendocument, table, text

    document = opendocument.OpenDocumentSpreadsheet()
    sheet = table.Table(name="Fiches")
    document.spreadsheet.addElement(sheet)
    for values in [
        ["programmation", "numéro", "identifiant", "précisions sur le périmètre", "titre", "axe"],
        ["2020-2022", 40, "", "", "Lire", "axe-1"],
    ]:
        row = table.TableRow()
        sheet.addElement(row)
        index = 0
        while index < len(values):
            repeat = 1
            while index + repeat < len(values) and values[index + repeat] == values[index]:
                repeat += 1
            cell = (
                table.TableCell(numbercolumnsrepeated=repeat) if repeat > 1 else table.TableCell()
            )
            if values[index] != "":
                cell.addElement(text.P(text=str(values[index])))
            row.addElement(cell)
            index += repeat
    stream = __import__("io").BytesIO()
    document.write(stream)
    run(read(stream.getvalue(), ODS))
    action = Action.objects.get()
    assert (action.title, action.axe.slug) == ("Lire", "axe-1")


@pytest.mark.parametrize("file_format", [CSV, XLSX, ODS, JSON])
def test_a_file_that_is_not_a_spreadsheet_cannot_be_read(file_format):
    from spreadsheets.formats import UnreadableFile

    with pytest.raises(UnreadableFile):
        file_format().create_dataset(b"%PDF-1.7\n\x00\x01\x02\x81\x8d binaire")


# Every kind of list


def test_sectors_networks_and_perimeter_text_are_imported(territory):
    SectorFactory(slug="nord")
    SectorFactory(slug="sud")
    network = NetworkFactory(slug="rep-lebas")
    run(
        dataset(
            fiche_row(
                secteurs="nord\nsud",
                réseaux="rep-lebas",
                **{"précisions sur le périmètre": "École Jules Ferry\nQuartier de l'Alma"},
            )
        )
    )
    action = Action.objects.get()
    assert sorted(action.sectors.values_list("slug", flat=True)) == ["nord", "sud"]
    assert list(action.networks.all()) == [network]
    assert action.perimeter_details == "École Jules Ferry\nQuartier de l'Alma"


def test_a_new_fiche_needs_the_columns_that_make_one(territory):
    result = run(dataset({"identifiant": "", "titre": "Lire"}))
    assert not Action.objects.exists()
    assert (
        "Ligne 2, colonne « axe » : colonne absente du fichier, obligatoire pour créer un "
        "enregistrement." in problems(result)
    )


def test_a_fiche_s_predecessors_are_exported_and_imported_by_identifiant():
    earlier = complete_action(number=1, slug="poste-liaison")
    later = complete_action(number=2, slug="soutien-aux-missions")
    later.predecessors.add(earlier)
    dataset = ActionResource().export()
    assert [row["suite de"] for row in dataset.dict] == ["", "poste-liaison"]
    later.predecessors.clear()
    result = ActionResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(later.predecessors.values_list("slug", flat=True)) == ["poste-liaison"]
