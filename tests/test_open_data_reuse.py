"""Open data made to be reused: the JSON gives lists as arrays, the description as plain text
beside its HTML, names beside identifiers; the data·inclusion services fill the schema's coded
fields wherever a fiche states them, and keep their description within the advised length."""

import json

import pytest
from data_inclusion.schema import v1 as schema
from data_inclusion.schema.v1.score_qualite import score
from django.urls import reverse

from actions.models import Action, Public
from citeeducative.text import plain_text
from tests.factories import (
    ActionFactory,
    ContactFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicFactory,
    SectorFactory,
    complete_action,
    many_complete_actions,
)

pytestmark = pytest.mark.django_db


def records(client, query=""):
    response = client.get(reverse("opendata:json") + query)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def services(client, query=""):
    response = client.get(reverse("opendata:data_inclusion") + query)
    return json.loads(b"".join(response.streaming_content))["services"]


# JSON


def test_the_json_gives_lists_as_arrays(client):
    action = complete_action()
    action.objectives.create(text="Deuxième objectif", position=9)
    [record] = records(client)
    assert record["objectifs"] == [objective.text for objective in action.objectives.all()]
    for name in ("publics", "secteurs", "réseaux", "partenaires", "opérateurs", "contacts"):
        assert isinstance(record[name], list) and len(record[name]) == 1, name
    assert record["ressources"] == [{"titre": "Site", "adresse": "https://example.org/"}]


def test_the_json_gives_the_description_as_plain_text_beside_its_html(client):
    ActionFactory(
        description="<p>Lire <strong>ensemble</strong> &amp; écrire :</p><ul><li>contes</li></ul>"
    )
    [record] = records(client)
    assert record["description"] == "Lire ensemble & écrire :\n- contes"
    assert record["description (HTML)"].startswith("<p>Lire <strong>ensemble</strong>")


def test_the_json_names_what_it_identifies(client):
    action = ActionFactory()
    action.publics.add(
        PublicFactory(slug="enfants-6-11", label="Enfants 6-11 ans", age_min=6, age_max=11)
    )
    action.networks.add(NetworkFactory(slug="rosa-parks", name="Rosa Parks"))
    action.operator_links.create(
        organisation=OrganisationFactory(slug="citeo", name="Citéo"), role="prestataire"
    )
    action.contact_links.create(
        contact=ContactFactory(slug="julia-camus", first_name="Julia", last_name="Camus"),
        role="ville",
    )
    [record] = records(client)
    assert record["axe"] == {"identifiant": "axe-1", "numéro": 1, "titre": "Axe numéro 1"}
    [public] = record["publics"]
    assert (public["identifiant"], public["libellé"]) == ("enfants-6-11", "Enfants 6-11 ans")
    assert (public["âge minimum"], public["âge maximum"]) == (6, 11)
    assert record["réseaux"][0]["identifiant"] == "rosa-parks"
    assert record["réseaux"][0]["nom"] == "REP+ Rosa Parks"
    [operator] = record["opérateurs"]
    assert (operator["identifiant"], operator["nom"], operator["rôle"]) == (
        "citeo",
        "Citéo",
        "Prestataire",
    )
    [contact] = record["contacts"]
    assert (contact["identifiant"], contact["nom"], contact["rôle"]) == (
        "julia-camus",
        "Julia Camus",
        "Ville",
    )


def test_the_json_reads_a_few_queries_per_chunk_of_fiches(client, django_assert_max_num_queries):
    many_complete_actions(450)
    with django_assert_max_num_queries(45):
        assert len(records(client)) == 450


def test_the_data_inclusion_export_reads_a_few_queries_per_chunk(
    client, django_assert_max_num_queries
):
    many_complete_actions(450)
    with django_assert_max_num_queries(45):
        assert len(services(client)) == 450


# data·inclusion: what a fiche states, in the schema's codes


@pytest.mark.parametrize(
    ("title", "objective", "expected"),
    [
        (
            "Formation des parents à la lecture à voix haute",
            "",
            [
                "famille--soutien-a-la-parentalite-et-a-leducation",
                "lecture-ecriture-calcul--maitriser-le-francais",
            ],
        ),
        (
            "Le sport comme levier d'ouverture",
            "",
            ["remobilisation--activites-sportives-et-culturelles"],
        ),
        ("Équipe mobile", "Prévenir les problèmes de santé", ["sante--acces-aux-soins"]),
        ("Commission Écoles-Collège-Quartier", "Mieux se connaître", []),
    ],
)
def test_thematiques_come_from_the_words_of_the_title_and_objectives(
    client, title, objective, expected
):
    action = ActionFactory(title=title, description="<p>Des parents, du sport.</p>")
    if objective:
        action.objectives.create(text=objective)
    [service] = services(client)
    assert service.get("thematiques", []) == expected


def test_a_fiche_that_says_it_is_free_is_free(client):
    ActionFactory(description="<p>Les ateliers sont gratuits et ouverts à tous.</p>")
    [service] = services(client)
    assert service["frais"] == "gratuit"


def test_a_fiche_that_names_a_price_is_paid_with_the_sentence_that_says_so(client):
    ActionFactory(description="<p>Stage d'une semaine. Participation de 5 € par famille.</p>")
    [service] = services(client)
    assert service["frais"] == "payant"
    assert service["frais_precisions"] == "Participation de 5 € par famille."


def test_a_fiche_silent_on_fees_says_nothing_of_them(client):
    ActionFactory(description="<p>Des ateliers.</p>")
    [service] = services(client)
    assert "frais" not in service


def test_a_fiche_naming_where_it_takes_place_is_in_person(client):
    action = ActionFactory(description="<p>Des ateliers.</p>")
    action.sectors.add(SectorFactory())
    [service] = services(client)
    assert service["modes_accueil"] == ["en-presentiel"]


def test_a_fiche_online_is_at_a_distance(client):
    ActionFactory(
        description="<p>Des permanences en ligne.</p>", perimeter_details="Collège Anne Frank"
    )
    [service] = services(client)
    assert service["modes_accueil"] == ["a-distance", "en-presentiel"]


def test_a_fiche_naming_no_place_has_no_mode_of_reception(client):
    ActionFactory(description="<p>Des ateliers.</p>")
    [service] = services(client)
    assert "modes_accueil" not in service


def test_professionals_take_up_the_action_through_its_contacts(client):
    action = ActionFactory()
    action.contact_links.create(
        contact=ContactFactory(
            first_name="Julia", last_name="Camus", email="j@ville.example", phone="03 20 00 00 00"
        ),
        role="ville",
    )
    action.contact_links.create(
        contact=ContactFactory(first_name="Ali", last_name="Ben", email="", phone=""),
        role="structure",
        position=2,
    )
    [service] = services(client)
    assert service["modes_mobilisation"] == ["envoyer-un-courriel", "telephoner"]
    assert service["mobilisable_par"] == ["professionnels"]
    assert service["mobilisation_precisions"] == (
        "Contacts de la fiche : Julia Camus – Ville – j@ville.example – 03 20 00 00 00 ; "
        "Ali Ben – Structure."
    )


def test_a_fiche_without_a_contact_to_reach_has_no_mode_of_mobilisation(client):
    ActionFactory()
    [service] = services(client)
    assert not {"modes_mobilisation", "mobilisable_par"} & set(service)


def test_a_long_description_is_summed_up_within_the_advised_length(client):
    sentences = "".join(
        f"<p>Phrase numéro {n} de la description de la fiche.</p>" for n in range(200)
    )
    action = ActionFactory(description=sentences)
    action.objectives.create(text="Un objectif qui doit rester")
    [service] = services(client)
    assert 200 <= len(service["description"]) <= 2000
    assert service["description"].endswith("Objectifs : Un objectif qui doit rester.")
    assert "Phrase numéro 0 " in service["description"]


def test_the_real_catalogue_fills_the_coded_fields_and_scores_better(client, catalogue):
    # The livret's fiches, transcribed with their publics and partners.
    found = services(client, "?programmation=2020-2022")
    livret = Action.objects.published().filter(programmation__slug="2020-2022")
    assert len(found) == livret.count()
    with_themes = [service for service in found if service.get("thematiques")]
    assert len(with_themes) >= len(found) // 2
    for service in found:
        model = schema.Service.model_validate(service, context={"ignore_warnings": False})
        assert len(model.description) <= 2000
        assert score(model)[1]["modes_mobilisation_bien_definis"] in (0.0, 1.0)


def test_every_public_kind_is_still_mapped(client):
    action = ActionFactory()
    action.publics.add(PublicFactory(kind=Public.Kind.PARENTS))
    [service] = services(client)
    assert service["publics"] == ["familles"]


@pytest.mark.parametrize(
    "text",
    [
        "<p>Comprendre les visions des uns et des autres.</p>",
        "<p>Lutter contre les discriminations liées à l'orientation sexuelle.</p>",
    ],
)
def test_words_that_only_look_alike_fill_nothing(client, text):
    action = ActionFactory(title="Rencontres", description=text)
    action.objectives.create(text=plain_text(text))
    action.sectors.add(SectorFactory())
    [service] = services(client)
    assert service["modes_accueil"] == ["en-presentiel"]
    assert "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite" not in service.get(
        "thematiques", []
    )
