"""The lists the fiches draw on, as spreadsheets: contacts, structures, publics, sectors,
networks, axes and programmations, each keyed by its slug."""

import pytest

from actions.models import Axe, Network, Programmation, Public, Sector
from actions.resources import (
    AxeResource,
    NetworkResource,
    ProgrammationResource,
    PublicResource,
    SectorResource,
)
from contacts.models import Contact
from contacts.resources import ContactResource
from partners.models import Organisation
from partners.resources import OrganisationResource
from tests.factories import (
    AxeFactory,
    ContactFactory,
    NetworkFactory,
    OrganisationFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
)
from tests.factories_import import dataset

pytestmark = pytest.mark.django_db


def problems(result):
    return [message for error in result.base_errors for message in error.messages]


@pytest.mark.parametrize(
    ("resource", "make"),
    [
        (ContactResource, lambda: ContactFactory(organisation=OrganisationFactory())),
        (OrganisationResource, lambda: OrganisationFactory(kind="association")),
        (PublicResource, lambda: PublicFactory(age_min=6, age_max=11)),
        (SectorResource, SectorFactory),
        (NetworkResource, lambda: NetworkFactory(college="Collège Rosa Parks")),
        (AxeResource, AxeFactory),
        (ProgrammationResource, ProgrammationFactory),
    ],
)
def test_each_list_exports_and_imports_back_unchanged(resource, make):
    make()
    make()
    result = resource().import_data(resource().export())
    assert not problems(result)
    assert result.totals["skip"] == result.total_rows >= 1


def test_the_lists_are_written_with_french_labels_and_slugs():
    network = NetworkFactory(slug="rep-rosa-parks", is_lead=True)
    row = NetworkResource().export().dict[0]
    assert row == {
        "identifiant": "rep-rosa-parks",
        "nom": network.name,
        "secteur": "nord",
        "collège": "",
        "chef de file": "oui",
    }
    PublicFactory(slug="parents", kind=Public.Kind.PARENTS)
    assert PublicResource().export().dict[0]["type"] == "Parents et familles"


def test_a_new_contact_is_created_with_its_structure():
    structure = OrganisationFactory(slug="ccas")
    ContactResource().import_data(
        dataset({"identifiant": "", "prénom": "Houria", "nom": "Cheurfi", "structure": "ccas"})
    )
    contact = Contact.objects.get()
    assert (contact.slug, contact.organisation) == ("houria-cheurfi", structure)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [{"identifiant": "", "prénom": "A", "nom": "B", "e-mail": "pas-une-adresse"}],
            "Ligne 2, colonne « e-mail » : ",
        ),
        (
            [
                {"identifiant": "", "prénom": "A", "nom": "B", "e-mail": "a@roubaix.fr"},
                {"identifiant": "", "prénom": "C", "nom": "D", "e-mail": "A@roubaix.fr"},
            ],
            "Ligne 3, colonne « e-mail » : l'adresse A@roubaix.fr est aussi celle de la ligne 2",
        ),
        (
            [{"identifiant": "", "prénom": "A", "nom": "B", "structure": "inconnue"}],
            "Ligne 2, colonne « structure » : structure inconnue « inconnue ».",
        ),
        (
            [{"identifiant": "", "prénom": "", "nom": "B"}],
            "Ligne 2, colonne « prénom » : ",
        ),
    ],
)
def test_an_invalid_contact_row_refuses_the_file(rows, expected):
    result = ContactResource().import_data(dataset(*rows))
    assert any(message.startswith(expected) for message in problems(result)), problems(result)
    assert not Contact.objects.exists()


def test_an_address_already_used_by_another_contact_is_refused():
    ContactFactory(slug="julia-camus", email="jcamus@ville-roubaix.fr")
    result = ContactResource().import_data(
        dataset({"identifiant": "", "prénom": "J", "nom": "C", "e-mail": "JCamus@ville-roubaix.fr"})
    )
    assert "déjà celle du contact « julia-camus »" in " ".join(problems(result))
    assert Contact.objects.count() == 1


def test_an_unknown_structure_kind_is_refused_with_the_possible_ones():
    result = OrganisationResource().import_data(
        dataset({"identifiant": "", "nom": "Citéo", "type": "club"})
    )
    assert any(
        "valeur inconnue « club » (valeurs possibles : « Institution »" in message
        for message in problems(result)
    )
    assert not Organisation.objects.exists()


def test_a_public_with_its_ages_in_the_wrong_order_is_refused():
    result = PublicResource().import_data(
        dataset({"identifiant": "", "libellé": "Enfants", "âge minimum": 12, "âge maximum": 6})
    )
    assert "Ligne 2 : L'âge minimum dépasse l'âge maximum." in problems(result)
    assert not Public.objects.exists()


def test_a_second_lead_network_in_a_sector_is_refused():
    NetworkFactory(is_lead=True)
    result = NetworkResource().import_data(
        dataset({"identifiant": "", "nom": "Autre", "secteur": "nord", "chef de file": "oui"})
    )
    assert "Ligne 2 : Ce secteur a déjà un réseau chef de file." in problems(result)
    assert Network.objects.count() == 1


def test_an_axe_programmation_and_sector_are_created_from_their_rows():
    AxeResource().import_data(dataset({"numéro": 4, "identifiant": "axe-4", "titre": "Nouveau"}))
    ProgrammationResource().import_data(
        dataset(
            {"identifiant": "2027", "nom": "2027", "année de début": 2027, "année de fin": 2027}
        )
    )
    SectorResource().import_data(dataset({"identifiant": "est", "nom": "Secteur Est"}))
    assert Axe.objects.get(number=4).slug == "axe-4"
    assert Programmation.objects.get(slug="2027").end_year == 2027
    assert Sector.objects.get(slug="est").name == "Secteur Est"
