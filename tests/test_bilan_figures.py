"""The public figures of a programmation: its published fiches by axe, territory (« Toute la
ville » counting in every sector, a network in its sector), public, age band and structure, and
the age × sector coverage with its gaps."""

import pytest
from django.core.cache import cache

from actions.models import Action, Programmation, Public, Sector
from bilan.figures import catalogue_figures, count_catalogue
from tests.factories import (
    ActionFactory,
    AxeFactory,
    NetworkFactory,
    OrganisationFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
    many_complete_actions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmation():
    return ProgrammationFactory()


@pytest.fixture
def sectors():
    return SectorFactory(slug="nord"), SectorFactory(slug="sud")


def test_the_livret_counts_as_the_livret_reads(catalogue):
    figures = count_catalogue(Programmation.objects.get(slug="2020-2022"))
    assert figures.fiches == 27
    assert [count for *_axe, count in figures.by_axe] == [8, 8, 11]
    assert figures.city_wide == 17
    assert [(name, named, city) for name, _slug, named, city in figures.by_sector] == [
        ("Secteur Nord", 6, 17),
        ("Secteur Sud", 6, 17),
    ]


def test_each_sector_counts_the_fiches_its_catalogue_filter_lists(catalogue):
    for programmation in Programmation.objects.all():
        figures = count_catalogue(programmation)
        fiches = Action.objects.published().filter(programmation=programmation)
        for _name, slug, named, city in figures.by_sector:
            listed = fiches.covering_sectors(Sector.objects.filter(slug=slug)).count()
            assert named + city == listed, (programmation.slug, slug)


def test_a_fiche_for_the_whole_city_counts_in_every_sector(programmation, sectors):
    ActionFactory(programmation=programmation)
    figures = count_catalogue(programmation)
    assert figures.city_wide == 1
    assert [(named, city) for _name, _slug, named, city in figures.by_sector] == [(0, 1), (0, 1)]


def test_a_fiche_of_a_network_counts_for_its_sector_once(programmation, sectors):
    nord, _sud = sectors
    fiche = ActionFactory(programmation=programmation)
    network = NetworkFactory(sector=nord)
    fiche.networks.add(network)
    fiche.sectors.add(nord)
    figures = count_catalogue(programmation)
    assert figures.city_wide == 0
    assert [named for _name, _slug, named, _city in figures.by_sector] == [1, 0]
    assert [count for name, _sector, count in figures.by_network if name == network.name] == [1]


def test_drafts_and_other_programmations_are_not_counted(programmation):
    ActionFactory(programmation=programmation)
    ActionFactory(programmation=programmation, status=Action.Status.DRAFT)
    other = ProgrammationFactory(
        slug="2024-2026", name="Programmation 2024-2026", start_year=2024, end_year=2026
    )
    ActionFactory(programmation=other)
    assert count_catalogue(programmation).fiches == 1


def test_every_axe_is_listed_even_without_fiche(programmation):
    AxeFactory(number=2)
    ActionFactory(programmation=programmation, axe=AxeFactory(number=1))
    figures = count_catalogue(programmation)
    assert [(number, count) for number, _title, _slug, count in figures.by_axe] == [(1, 1), (2, 0)]


def test_a_public_counts_in_each_age_band_its_range_reaches(programmation):
    fiche = ActionFactory(programmation=programmation)
    fiche.publics.add(PublicFactory(age_min=2, age_max=18))
    figures = count_catalogue(programmation)
    assert dict(figures.by_age_band) == {
        "0-2 ans": 1,
        "3-5 ans": 1,
        "6-10 ans": 1,
        "11-14 ans": 1,
        "15-17 ans": 1,
        "18-25 ans": 1,
        "Adultes": 0,
    }


def test_an_open_ended_range_reaches_the_adults(programmation):
    ActionFactory(programmation=programmation).publics.add(PublicFactory(age_min=16, age_max=None))
    bands = dict(count_catalogue(programmation).by_age_band)
    assert (bands["11-14 ans"], bands["15-17 ans"], bands["Adultes"]) == (0, 1, 1)


def test_parents_and_professionals_count_among_the_adults(programmation):
    ActionFactory(programmation=programmation).publics.add(
        PublicFactory(kind=Public.Kind.PARENTS), PublicFactory(kind=Public.Kind.PROFESSIONNELS)
    )
    figures = count_catalogue(programmation)
    assert dict(figures.by_age_band)["Adultes"] == 1
    assert figures.without_age == 0


def test_a_fiche_with_two_publics_in_one_band_counts_once(programmation):
    fiche = ActionFactory(programmation=programmation)
    fiche.publics.add(PublicFactory(age_min=6, age_max=8), PublicFactory(age_min=9, age_max=10))
    figures = count_catalogue(programmation)
    assert dict(figures.by_age_band)["6-10 ans"] == 1
    assert dict(figures.by_public_kind)["Enfants et jeunes"] == 1


def test_fiches_without_public_or_without_age_are_told_apart(programmation):
    ActionFactory(programmation=programmation)
    ActionFactory(programmation=programmation).publics.add(PublicFactory(kind=Public.Kind.ENFANTS))
    figures = count_catalogue(programmation)
    assert figures.without_public == 1
    assert figures.without_age == 2


def test_the_coverage_grid_shows_where_nothing_is_offered(programmation, sectors):
    nord, _sud = sectors
    toddlers = ActionFactory(programmation=programmation)
    toddlers.publics.add(PublicFactory(age_min=0, age_max=3))
    toddlers.sectors.add(nord)
    teenagers = ActionFactory(programmation=programmation)
    teenagers.publics.add(PublicFactory(age_min=12, age_max=16))
    figures = count_catalogue(programmation)
    grid = dict(figures.coverage)
    assert figures.coverage_sectors == ["Secteur Nord", "Secteur Sud"]
    assert grid["0-2 ans"] == [1, 0]
    assert grid["11-14 ans"] == [1, 1]  # for the whole city: in both sectors
    assert ("0-2 ans", "Secteur Sud") in figures.coverage_gaps
    assert ("11-14 ans", "Secteur Sud") not in figures.coverage_gaps


def test_the_most_involved_structures_come_first(programmation):
    busy, quiet = OrganisationFactory(name="Zèbre"), OrganisationFactory(name="Abeille")
    for _ in range(2):
        fiche = ActionFactory(programmation=programmation)
        fiche.operator_links.create(organisation=busy)
        fiche.partners.add(quiet)
    ActionFactory(programmation=programmation).operator_links.create(organisation=quiet)
    figures = count_catalogue(programmation)
    assert [(item.name, item.fiches) for item in figures.top_operators] == [
        ("Zèbre", 2),
        ("Abeille", 1),
    ]
    assert (figures.operators, figures.partners) == (2, 1)


def test_an_empty_programmation_counts_zero_everywhere(programmation):
    figures = count_catalogue(programmation)
    assert figures.fiches == figures.city_wide == figures.without_public == 0
    assert figures.top_operators == []


def test_the_figures_are_kept_until_the_catalogue_changes(programmation, django_assert_num_queries):
    ActionFactory(programmation=programmation)
    assert catalogue_figures(programmation).fiches == 1
    with django_assert_num_queries(1):  # the catalogue's version, kept in the database
        assert catalogue_figures(programmation).fiches == 1
    ActionFactory(programmation=programmation)
    assert catalogue_figures(programmation).fiches == 2


def test_the_figures_cost_the_same_queries_for_3_and_300_fiches(
    programmation, django_assert_num_queries
):
    many_complete_actions(3)
    cache.clear()
    with django_assert_num_queries(6):
        count_catalogue(programmation)
    many_complete_actions(300)
    with django_assert_num_queries(6):
        assert count_catalogue(programmation).fiches == 303
