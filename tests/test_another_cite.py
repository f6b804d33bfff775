"""Another Cité éducative runs the portal with its own fixtures and no code change: nothing
in the code, the templates or the stylesheets names a city."""

import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from livret.models import Seminar
from livret.rendering import livret_html

pytestmark = pytest.mark.django_db

OTHER_CITE = Path(__file__).parent / "fixtures" / "autre-cite"
# The city the real fixtures are about: the only place allowed to name it, with the README.
CITY = json.loads((settings.FIXTURES_DIR / "territoire.json").read_text())["cite"]["territory"]


@pytest.fixture
def other_cite(settings):
    settings.FIXTURES_DIR = OTHER_CITE
    call_command("load_catalogue", verbosity=0)


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("actions:list"),
        reverse("actions:detail", args=["ateliers-du-mercredi-aux-saules"]),
        reverse("contacts:list"),
        reverse("partners:list"),
        reverse("livret:list"),
    ],
)
def test_every_page_names_the_other_cite_and_never_the_first(client, other_cite, url):
    page = client.get(url).text
    assert "Cité éducative de Valmont-sur-Lys" in page
    assert CITY not in page


def test_the_header_shows_its_territory_and_the_footer_its_steering(client, other_cite):
    page = client.get(reverse("home")).text
    assert '<span class="site-header__city">Valmont-sur-Lys</span>' in page
    assert "Ville de Valmont-sur-Lys · Préfecture · Éducation nationale" in page
    assert 'href="mailto:cite@valmont.example"' in page


def test_its_colour_is_the_sites(client, other_cite):
    page = client.get(reverse("home")).text
    assert reverse("theme_css") + "?couleur=7a2e8c" in page
    css = client.get(reverse("theme_css"))
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert "--brand: #7a2e8c;" in css.text
    assert "--brand-dark: #5b2269;" in css.text


def test_its_livret_carries_its_name_and_steering(other_cite):
    html = livret_html(seminar=Seminar.objects.get())
    assert 'data-cite="Cité éducative de Valmont-sur-Lys"' in html
    assert "Ville de Valmont-sur-Lys · Préfecture · Éducation nationale" in html
    assert "--brand: #7a2e8c;" in html
    assert CITY not in html


def test_its_open_data_is_about_its_commune(client, other_cite):
    response = client.get(reverse("opendata:data_inclusion"))
    data = json.loads(b"".join(response.streaming_content))
    [structure] = data["structures"]
    assert structure["commune"] == "Valmont-sur-Lys"
    assert structure["code_insee"] == "99001"
    assert (
        data["services"][0]["id"]
        == "cite-educative-de-valmont-sur-lys--ateliers-du-mercredi-aux-saules"
    )


def test_the_admin_is_titled_with_its_name(coordinator_client, other_cite):
    page = coordinator_client.get(reverse("admin:index")).text
    assert "Cité éducative de Valmont-sur-Lys – coordination" in page


def test_no_file_of_the_project_names_the_city_but_the_fixtures_and_the_readme():
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    naming = [
        path
        for path in tracked
        if not path.startswith(("fixtures/", "tests/"))
        and path != "README.md"
        and (settings.BASE_DIR / path).is_file()
        and CITY.casefold()
        in (settings.BASE_DIR / path).read_bytes().decode(errors="ignore").casefold()
    ]
    assert naming == []
