"""Where a fiche happens: a fiche that names no place covers the whole city, a REP+ network
lies in its sector, and each sector is named once."""

import pytest
from django.urls import reverse

from actions.models import Action, Sector
from tests.factories import ActionFactory, NetworkFactory, SectorFactory
from tests.livret_fiches import livret_fiche, livret_fiches

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


@pytest.fixture
def nord():
    return SectorFactory(slug="nord", name="Secteur Nord")


@pytest.fixture
def sud():
    return SectorFactory(slug="sud", name="Secteur Sud")


def titles(client, **params):
    response = client.get(URL, {"tri": "titre", **params})
    return [action.title for action in response.context["page"].object_list]


def test_a_fiche_that_names_no_place_matches_every_sector(client, nord, sud):
    ActionFactory(title="Partout")
    ActionFactory(title="Au sud").sectors.add(sud)
    assert titles(client, secteur="nord") == ["Partout"]
    assert titles(client, secteur="sud") == ["Au sud", "Partout"]


def test_a_fiche_linked_to_a_network_matches_the_network_s_sector(client, nord, sud):
    ActionFactory(title="Rosa Parks").networks.add(NetworkFactory(sector=nord))
    ActionFactory(title="Lebas").networks.add(NetworkFactory(sector=sud))
    assert titles(client, secteur="nord") == ["Rosa Parks"]


def test_a_network_filter_finds_its_fiches_its_sector_s_and_the_city_s(client, nord, sud):
    rosa_parks, anne_frank = NetworkFactory(sector=nord), NetworkFactory(sector=nord)
    ActionFactory(title="Réseau demandé").networks.add(rosa_parks)
    ActionFactory(title="Autre réseau du secteur").networks.add(anne_frank)
    ActionFactory(title="Tout le secteur").sectors.add(nord)
    named_there = ActionFactory(title="Secteur, mais un autre réseau")
    named_there.sectors.add(nord)
    named_there.networks.add(anne_frank)
    ActionFactory(title="Autre secteur").sectors.add(sud)
    ActionFactory(title="Toute la ville")
    assert titles(client, reseau=rosa_parks.slug) == [
        "Réseau demandé",
        "Tout le secteur",
        "Toute la ville",
    ]


def test_the_whole_city_is_a_queryset_rule_for_every_count(nord):
    everywhere = ActionFactory()
    ActionFactory().sectors.add(nord)
    ActionFactory().networks.add(NetworkFactory(sector=nord))
    assert list(Action.objects.whole_city()) == [everywhere]
    assert Action.objects.covering_sectors([nord]).count() == 3


def test_a_card_says_toute_la_ville_for_a_fiche_that_names_no_place(client):
    ActionFactory(title="Partout")
    assert '<li class="tag tag--sector">Toute la ville</li>' in client.get(URL).text


def test_a_card_names_each_sector_once(client, nord):
    action = ActionFactory()
    action.sectors.add(nord)
    action.networks.add(NetworkFactory(sector=nord), NetworkFactory(sector=nord))
    page = client.get(URL).text
    assert page.count('<li class="tag tag--sector">Secteur Nord</li>') == 1
    assert "Toute la ville" not in page


def test_a_card_names_the_sector_of_its_networks(client, sud):
    ActionFactory().networks.add(NetworkFactory(sector=sud))
    assert '<li class="tag tag--sector">Secteur Sud</li>' in client.get(URL).text


def test_the_fiche_page_gives_each_sector_once_with_its_networks(client, nord):
    action = ActionFactory()
    action.sectors.add(nord)
    action.networks.add(NetworkFactory(sector=nord, name="Rosa Parks"))
    page = client.get(action.get_absolute_url()).text
    assert "<li>Secteur Nord : REP+ Rosa Parks</li>" in page
    assert page.count("Secteur Nord") == 1


def test_the_fiche_page_says_toute_la_ville(client):
    action = ActionFactory()
    assert "<li>Toute la ville</li>" in client.get(action.get_absolute_url()).text


def test_the_livret_s_sectors_follow_the_same_rule(catalogue, client):
    fiche_10 = livret_fiche(10)
    page = client.get(fiche_10.get_absolute_url()).text
    assert "Secteur Nord : REP+ Anne Frank, REP+ Madame de Sévigné, REP+ Rosa Parks" in page
    assert "Secteur Sud : REP+ Jean-Baptiste Lebas" in page


def test_in_the_livret_a_sector_filter_keeps_the_city_wide_fiches(client, catalogue):
    sud = livret_fiches().published().covering_sectors(Sector.objects.filter(slug="sud"))
    found = set(sud.values_list("number", flat=True))
    assert {4, 7, 8, 13} <= found  # Secteur Sud
    assert not {3, 6, 12, 25} & found  # Secteur Nord only
    assert {1, 2, 9, 27} <= found  # The whole city
    assert 10 in found  # REP+ Jean-Baptiste Lebas, in the Sud
