"""Import and export in the back office: buttons beside the existing tools, permissions, the
preview in French, the confirmation that applies everything or nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from contacts.models import Contact
from spreadsheets.formats import CSV, XLSX
from tests.factories import AxeFactory, ContactFactory, ProgrammationFactory, complete_action
from tests.factories_import import csv_bytes, fiche_row, format_index, upload

pytestmark = pytest.mark.django_db

IMPORT = "admin:actions_action_import"
PROCESS = "admin:actions_action_process_import"
EXPORT = "admin:actions_action_export"


@pytest.fixture
def territory():
    return ProgrammationFactory(), AxeFactory()


def preview(client, data, file_format=CSV, name="fiches.csv", url=IMPORT):
    return client.post(
        reverse(url),
        {"import_file": upload(data, name), "format": format_index(file_format), "resource": "0"},
    )


def confirm(client, page, url=PROCESS):
    form = page.context["confirm_form"]
    return client.post(reverse(url), {name: form[name].value() for name in form.fields})


def test_the_fiche_list_shows_import_export_and_the_fiches_to_complete(coordinator_client):
    page = coordinator_client.get(reverse("admin:actions_action_changelist"))
    assert reverse(IMPORT) in page.text
    assert reverse(EXPORT) in page.text
    assert reverse("admin:actions_action_quality") in page.text


def test_the_fiche_page_keeps_its_history_link(coordinator_client):
    action = complete_action()
    page = coordinator_client.get(reverse("admin:actions_action_change", args=[action.pk]))
    assert reverse("admin:actions_action_history", args=[action.pk]) in page.text


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:contacts_contact_changelist",
        "admin:partners_organisation_changelist",
        "admin:actions_public_changelist",
    ],
)
def test_contacts_structures_and_publics_have_import_and_export(coordinator_client, url_name):
    page = coordinator_client.get(reverse(url_name))
    assert "import/" in page.text
    assert "export/" in page.text


def test_the_preview_says_in_french_what_each_line_will_do(coordinator_client, territory):
    complete_action(slug="lecture", number=1)
    data = csv_bytes(
        {**fiche_row(numéro=40), "identifiant": ""},
        {**fiche_row(numéro=1, titre="Lecture corrigée"), "identifiant": "lecture"},
    )
    page = preview(coordinator_client, data)
    assert page.status_code == 200
    assert "Création" in page.text
    assert "Modification" in page.text
    assert "1 à créer, 1 à modifier" in page.text
    assert Action.objects.count() == 1


def test_confirming_applies_the_import_as_the_coordinator(
    coordinator_client, coordinator, territory
):
    page = preview(coordinator_client, csv_bytes(fiche_row(titre="Ateliers d'éloquence")))
    response = confirm(coordinator_client, page)
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.title == "Ateliers d'éloquence"
    assert action.history.get().history_user == coordinator
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Import terminé (fiches action) : 1 créé(s), 0 modifié(s), 0 inchangé(s)."]


def test_a_refused_file_is_explained_and_offers_no_confirmation(coordinator_client, territory):
    page = preview(coordinator_client, csv_bytes(fiche_row(axe="axe-9")))
    assert "Import refusé" in page.text
    assert "Ligne 2, colonne « axe » : axe inconnu « axe-9 »" in page.text
    assert "confirm_form" not in page.context or page.context["confirm_form"] is None
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("data", "file_format", "name"),
    [
        (b"%PDF-1.7\n\x00\x00 binaire", CSV, "livret.csv"),
        (b"ceci n'est pas un classeur", XLSX, "fiches.xlsx"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_french_message(
    coordinator_client, data, file_format, name
):
    page = preview(coordinator_client, data, file_format, name)
    assert page.status_code == 200
    [error] = page.context["form"].errors["import_file"]
    assert error.startswith("Ce fichier n'a pas pu être lu comme un tableur au format choisi.")
    assert not Action.objects.exists()


def test_a_confirmation_that_meets_a_problem_writes_nothing(coordinator_client, territory):
    page = preview(coordinator_client, csv_bytes(fiche_row(numéro=40)))
    # Between the preview and the confirmation, someone else takes number 40.
    complete_action(number=40, slug="arrivee-entre-temps")
    response = confirm(coordinator_client, page)
    assert response.status_code == 302
    assert Action.objects.count() == 1
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "Import refusé" in messages
    assert "le numéro 40 est déjà celui de la fiche « arrivee-entre-temps »" in messages


def test_the_export_downloads_the_filtered_list(coordinator_client):
    complete_action(title="Publiée")
    complete_action(title="Brouillon", status=Action.Status.DRAFT)
    response = coordinator_client.post(
        reverse(EXPORT) + "?status__exact=draft",
        {"format": format_index(CSV), "resource": "0", **_all_fields()},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="fiches-action-')
    text = response.content.decode("utf-8-sig")
    assert "Brouillon" in text
    assert "Publiée" not in text.split("\n", 1)[1].split(",")[3]


def _all_fields():
    from actions.resources import ActionResource

    return {f"actionresource_{name}": "on" for name in ActionResource().get_export_order()}


def test_a_reader_may_export_but_not_import(reader):
    client = Client()
    client.force_login(reader)
    page = client.get(reverse("admin:actions_action_changelist"))
    assert reverse(EXPORT) in page.text
    assert reverse(IMPORT) not in page.text
    assert client.get(reverse(EXPORT)).status_code == 200
    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.post(reverse(PROCESS), {}).status_code == 403


def test_staff_without_view_permission_may_not_export(django_user_model):
    user = django_user_model.objects.create_user("stagiaire", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(reverse(EXPORT)).status_code == 403


def test_the_import_page_needs_a_login(client):
    response = client.get(reverse(IMPORT))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_a_contact_with_a_malformed_email_is_refused(coordinator_client):
    data = csv_bytes({"identifiant": "", "prénom": "Julia", "nom": "Camus", "e-mail": "julia@"})
    page = preview(coordinator_client, data, url="admin:contacts_contact_import")
    assert "Ligne 2, colonne « e-mail » :" in page.text
    assert not Contact.objects.exists()


def test_contacts_are_imported_and_keyed_by_their_slug(coordinator_client):
    ContactFactory(
        slug="julia-camus", first_name="Julia", last_name="Camus", phone="03 20 00 00 00"
    )
    data = csv_bytes(
        {
            "identifiant": "julia-camus",
            "prénom": "Julia",
            "nom": "Camus",
            "téléphone": "03 59 57 31 00",
        },
        {"identifiant": "", "prénom": "Houria", "nom": "Cheurfi", "e-mail": "h@roubaix.fr"},
    )
    page = preview(coordinator_client, data, url="admin:contacts_contact_import")
    confirm(coordinator_client, page, url="admin:contacts_contact_process_import")
    assert Contact.objects.get(slug="julia-camus").phone == "03 59 57 31 00"
    assert Contact.objects.get(slug="houria-cheurfi").email == "h@roubaix.fr"


def test_importing_needs_the_add_permission_as_well_as_change(django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("relectrice", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_action", "change_action"])
    )
    client = Client()
    client.force_login(user)
    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 200
