"""Open data on the public site: /actions/export.csv and /actions/export.json give the
catalogue as /actions/ filters it (published fiches only, no editorial columns);
/actions/export-data-inclusion.json gives it as data·inclusion services."""

import csv
import io
import json

import pytest
from data_inclusion.schema import v1 as schema
from django.urls import reverse
from django.utils.timezone import localdate

from actions.models import Action, Programmation, Public
from actions.resources import ActionResource
from opendata.data_inclusion import data_inclusion_publics
from spreadsheets.formats import CSV
from tests.factories import (
    ActionFactory,
    AxeFactory,
    CiteEducativeFactory,
    ContactFactory,
    PublicFactory,
    complete_action,
    many_complete_actions,
)

pytestmark = pytest.mark.django_db

CSV_URL = reverse("opendata:csv")
JSON_URL = reverse("opendata:json")
DATA_INCLUSION_URL = reverse("opendata:data_inclusion")


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def json_rows(response):
    return json.loads(body(response))


def test_the_csv_export_lists_the_published_fiches_only(client):
    complete_action(title="Publiée")
    complete_action(title="Brouillon", status=Action.Status.DRAFT)
    assert [row["titre"] for row in csv_rows(client.get(CSV_URL))] == ["Publiée"]


def test_coordinators_get_the_published_fiches_only_too(coordinator_client):
    complete_action(title="Brouillon", status=Action.Status.DRAFT)
    assert json_rows(coordinator_client.get(JSON_URL)) == []


def test_the_exports_have_no_editorial_columns(client):
    complete_action(editorial_note="Reconstitué d'après le livret")
    row = json_rows(client.get(JSON_URL))[0]
    assert not {"statut", "note éditoriale", "démonstration"} & set(row)
    assert "Reconstitué" not in json.dumps(row, ensure_ascii=False)


def test_each_row_gives_the_fiche_public_address_and_last_update(client, settings):
    settings.SITE_URL = "https://catalogue.example.org"
    action = complete_action(slug="lecture")
    row = json_rows(client.get(JSON_URL))[0]
    assert row["adresse"] == "https://catalogue.example.org/actions/lecture/"
    assert row["mise à jour"] == localdate(action.updated_at).isoformat()
    assert csv_rows(client.get(CSV_URL))[0]["adresse"] == row["adresse"]


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_the_exports_filter_like_the_catalogue(client, url):
    complete_action(title="Axe un", number=1)
    complete_action(title="Axe deux", number=2, axe=AxeFactory(number=2))
    query = "?axe=axe-2"
    catalogue = client.get(reverse("actions:list") + query)
    assert "Axe deux" in catalogue.text and "Axe un" not in catalogue.text
    response = client.get(url + query)
    rows = csv_rows(response) if url == CSV_URL else json_rows(response)
    assert [row["titre"] for row in rows] == ["Axe deux"]


def test_the_exports_search_and_sort_like_the_catalogue(client):
    complete_action(title="Accompagner les parents", number=1)
    complete_action(title="Lecture", number=2, description="<p>Avec les parents.</p>")
    complete_action(title="Théâtre", number=3)
    rows = json_rows(client.get(JSON_URL + "?q=parent"))
    assert [row["titre"] for row in rows] == ["Accompagner les parents", "Lecture"]


def test_an_invalid_parameter_is_ignored_as_on_the_catalogue(client):
    complete_action()
    assert len(json_rows(client.get(JSON_URL + "?age=abc&axe=inconnu"))) == 1


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, DATA_INCLUSION_URL])
def test_the_exports_are_streamed(client, url):
    complete_action()
    response = client.get(url)
    assert response.streaming
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, DATA_INCLUSION_URL])
def test_the_exports_refuse_post(client, url):
    assert client.post(url).status_code == 405


def test_the_export_reads_a_few_queries_per_chunk_of_fiches(client, django_assert_max_num_queries):
    many_complete_actions(450)
    with django_assert_max_num_queries(45):
        rows = csv_rows(client.get(CSV_URL))
    assert len(rows) == 450


def test_the_csv_is_utf8_with_a_bom_for_excel(client):
    complete_action(title="Éloquence")
    content = body(client.get(CSV_URL))
    assert content.startswith("\ufeff".encode())
    assert "Éloquence".encode() in content


def test_the_csv_defuses_formulas_and_the_json_stays_raw(client):
    complete_action(title='=HYPERLINK("http://x")', number=1)
    complete_action(title="-1 fiche", number=2)
    complete_action(title="@SUM(A1)", number=3)
    titles = [row["titre"] for row in csv_rows(client.get(CSV_URL))]
    assert titles == ['\'=HYPERLINK("http://x")', "'-1 fiche", "'@SUM(A1)"]
    raw = [row["titre"] for row in json_rows(client.get(JSON_URL))]
    assert raw == ['=HYPERLINK("http://x")', "-1 fiche", "@SUM(A1)"]


def test_a_downloaded_csv_imports_back_as_unchanged(client):
    complete_action(title="-Lecture = plaisir")
    data = body(client.get(CSV_URL))
    result = ActionResource().import_data(CSV().create_dataset(data), dry_run=True)
    assert result.totals["skip"] == 1


def test_the_catalogue_links_to_its_exports_with_its_query(client):
    complete_action(number=1)
    page = client.get(reverse("actions:list") + "?secteur=nord&tri=titre&page=1")
    assert f'href="{CSV_URL}?secteur=nord&amp;tri=titre"' in page.text
    assert f'href="{JSON_URL}?secteur=nord&amp;tri=titre"' in page.text


def test_the_catalogue_offers_no_export_when_nothing_matches(client):
    page = client.get(reverse("actions:list") + "?q=introuvable")
    assert CSV_URL not in page.text


# data·inclusion


def data_inclusion(client, query=""):
    return json_rows(client.get(DATA_INCLUSION_URL + query))


def test_the_data_inclusion_export_validates_with_the_schema_package(client, catalogue):
    data = data_inclusion(client)
    [structure] = data["structures"]
    schema.Structure.model_validate(structure, context={"ignore_warnings": False})
    # The current programmation's, as the catalogue lists by default.
    current = Action.objects.published().filter(programmation=Programmation.objects.current())
    assert len(data["services"]) == current.count() == 20
    for service in data["services"]:
        schema.Service.model_validate(service, context={"ignore_warnings": False})
        assert service["structure_id"] == structure["id"]


def test_each_service_is_in_the_cites_commune(client):
    CiteEducativeFactory()
    complete_action()
    [service] = data_inclusion(client)["services"]
    assert service["zone_eligibilite"] == ["99001"]
    assert (service["commune"], service["code_postal"], service["code_insee"]) == (
        "Valmont",
        "99100",
        "99001",
    )


def test_the_structure_is_the_cite_with_its_coordination_address(client):
    CiteEducativeFactory()
    [structure] = data_inclusion(client)["structures"]
    assert structure["id"] == "cite-educative-de-valmont--cite-educative"
    assert structure["nom"] == "Cité éducative de Valmont"
    assert structure["courriel"] == "cite@valmont.example"


def test_a_service_gives_the_fiche_contact_description_and_address(client, settings):
    settings.SITE_URL = "http://testserver"
    CiteEducativeFactory()
    action = complete_action(slug="lecture", description="<p>Lire <strong>ensemble</strong>.</p>")
    action.contact_links.all().delete()
    contact = ContactFactory(
        first_name="Julia",
        last_name="Camus",
        email="jcamus@ville-roubaix.fr",
        phone="03.59.57.31.00",
    )
    action.contact_links.create(contact=contact, role="ville")
    [service] = data_inclusion(client)["services"]
    assert service["id"] == "cite-educative-de-valmont--lecture"
    assert service["lien_source"] == "http://testserver/actions/lecture/"
    assert service["contact_nom_prenom"] == "Julia Camus"
    assert service["courriel"] == "jcamus@ville-roubaix.fr"
    assert service["telephone"] == "+33359573100"
    assert service["description"].startswith("Lire ensemble.\n\nObjectifs : ")


def test_an_address_the_schema_refuses_is_left_out_not_the_service(client):
    action = ActionFactory()
    action.contact_links.create(contact=ContactFactory(email="demo@exemple.invalid"), role="ville")
    [service] = data_inclusion(client)["services"]
    assert "courriel" not in service


def test_the_data_inclusion_export_filters_like_the_catalogue(client):
    complete_action(number=1)
    complete_action(number=2, axe=AxeFactory(number=2))
    assert len(data_inclusion(client, "?axe=axe-2")["services"]) == 1


def test_the_publics_are_mapped_to_the_schema_codes_with_their_ages_in_precisions(client):
    action = ActionFactory()
    action.publics.add(
        PublicFactory(label="Enfants 2-18 ans", kind=Public.Kind.ENFANTS, age_min=2, age_max=18),
        PublicFactory(label="Parents", kind=Public.Kind.PARENTS),
    )
    [service] = data_inclusion(client)["services"]
    assert service["publics"] == ["familles", "jeunes"]
    assert service["publics_precisions"] == "Enfants 2-18 ans (de 2 à 18 ans) ; Parents"


@pytest.mark.parametrize(
    ("kind", "age_min", "age_max", "codes"),
    [
        (Public.Kind.ENFANTS, 2, 6, ["familles"]),
        (Public.Kind.ENFANTS, 11, 16, ["jeunes"]),
        (Public.Kind.ENFANTS, 9, 18, ["familles", "jeunes"]),
        (Public.Kind.ENFANTS, None, None, ["familles", "jeunes"]),
        (Public.Kind.PARENTS, None, None, ["familles"]),
        (Public.Kind.HABITANTS, None, None, ["residents-qpv-frr"]),
        (Public.Kind.PROFESSIONNELS, None, None, []),
        (Public.Kind.AUTRE, 18, None, []),
    ],
)
def test_each_kind_of_public_maps_to_schema_codes(kind, age_min, age_max, codes):
    public = Public(label="Public", kind=kind, age_min=age_min, age_max=age_max)
    found, _ = data_inclusion_publics([public])
    assert found == codes
    assert set(codes) <= {code.value for code in schema.Public}


def test_a_fiche_for_professionals_only_has_no_public_code_but_its_precisions(client):
    action = ActionFactory()
    action.publics.add(PublicFactory(label="Enseignants", kind=Public.Kind.PROFESSIONNELS))
    [service] = data_inclusion(client)["services"]
    assert "publics" not in service
    assert service["publics_precisions"] == "Enseignants"
