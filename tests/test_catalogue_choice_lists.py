"""Filters a person can use: whole labels to tick, publics by kind, networks by sector, and the
school levels' ages."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from actions.models import Public
from tests.factories import (
    ActionFactory,
    ContactFactory,
    NetworkFactory,
    OrganisationFactory,
    PublicFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


def legends(html):
    return re.findall(r"<legend>([^<]+)</legend>", html)


def test_no_list_needs_a_key_held_down_to_choose_several(client):
    ActionFactory().operator_links.create(organisation=OrganisationFactory(name="Citéo"))
    ActionFactory().contact_links.create(contact=ContactFactory(), role="ville")
    page = client.get(URL).text
    assert "<select multiple" not in page and "multiple>" not in page
    assert re.search(
        r'type="checkbox" name="operateur" value="[^"]+" id="[^"]+">\s*Citéo</label>', page
    )


def test_publics_are_listed_under_their_kind_in_a_sensible_order(client):
    ActionFactory().publics.add(
        PublicFactory(label="Enseignants", kind=Public.Kind.PROFESSIONNELS),
        PublicFactory(label="Parents", kind=Public.Kind.PARENTS),
        PublicFactory(label="Enfants 2-16 ans", kind=Public.Kind.ENFANTS),
        PublicFactory(label="Adultes", kind=Public.Kind.AUTRE),
    )
    page = client.get(URL).text
    start = page.index("<legend>Public cible</legend>")
    public_list = page[start : page.index("</fieldset>\n</div>", start)]
    assert legends(public_list) == [
        "Public cible",
        "Enfants et jeunes",
        "Parents et familles",
        "Professionnels",
        "Autre",
    ]
    assert public_list.index("Enseignants") > public_list.index("Professionnels</legend>")


def test_networks_are_listed_under_their_sector(client):
    NetworkFactory(name="Rosa Parks", sector=SectorFactory(slug="nord", name="Secteur Nord"))
    NetworkFactory(name="Lebas", sector=SectorFactory(slug="sud", name="Secteur Sud"))
    page = client.get(URL).text
    start = page.index("<legend>Réseau REP+</legend>")
    assert legends(page[start : start + 2000])[:3] == ["Réseau REP+", "Secteur Nord", "Secteur Sud"]


def test_a_long_list_says_how_to_search_it(client):
    ActionFactory().operator_links.create(organisation=OrganisationFactory())
    page = client.get(URL).text
    assert 'data-choice-list data-search-label="Chercher dans la liste"' in page


def numbers(client, **params):
    response = client.get(URL, {"programmation": "2020-2022", **params})
    return {action.number for action in response.context["page"].object_list}


def test_a_public_named_by_school_level_has_the_level_s_ages(client, catalogue):
    # Fiche 20: "Public collèges et lycées"; fiche 8: the teachers of the 1er and 2nd degrés.
    assert {8, 20} <= numbers(client, age="14")
    assert 8 in numbers(client, age="5")
    assert 20 not in numbers(client, age="9")


def test_every_derived_age_says_so_in_the_fixtures():
    directory = json.loads((settings.FIXTURES_DIR / "annuaire.json").read_text(encoding="utf-8"))
    for public in directory["publics"]:
        printed = re.search(r"\d+-\d+ ans", public["label"])
        if public["age_min"] is not None and not printed:
            assert "déduits" in public["note"], public["slug"]
