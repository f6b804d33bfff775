"""The pages are valid HTML: the Nu HTML checker (W3C's validator, npm package vnu-jar,
installed by ``npm ci`` and run with Java) finds no error on the pages people use."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(pages, folder):
    """{page name: [error message…]} from one run of the checker over every page."""
    files = {}
    for name, html in pages.items():
        files[name] = folder / f"{name}.html"
        files[name].write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    found = {name: [] for name in pages}
    by_file = {path.resolve(): name for name, path in files.items()}
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = by_file.get(Path(message.get("url", "").removeprefix("file:")).resolve(), "?")
            found.setdefault(name, []).append(f"{message.get('lastLine')}: {message['message']}")
    return found


@pytest.fixture(scope="session")
def checker():
    if not shutil.which("java"):
        pytest.skip("Java est introuvable : apt-get install -y default-jre-headless")
    if not VNU.exists():
        pytest.skip("Le vérificateur Nu est introuvable : lancer « npm ci » à la racine du projet")


PAGES = {
    "accueil": lambda: reverse("home"),
    "catalogue": lambda: reverse("actions:list"),
    "catalogue-filtre-erreur": lambda: (
        reverse("actions:list") + "?q=parents&secteur=nord&age=abc&axe=inconnu"
    ),
    "catalogue-age": lambda: reverse("actions:list") + "?age=7&tri=titre",
    "catalogue-vide": lambda: reverse("actions:list") + "?q=astronomie",
    "catalogue-htmx": lambda: reverse("actions:list") + "?q=parents",
    "fiche": lambda: livret_fiche(2).get_absolute_url(),
    "autre-fiche": lambda: livret_fiche(20).get_absolute_url(),
    "contacts": lambda: reverse("contacts:list"),
    "partenaires": lambda: reverse("partners:list"),
    "livrets": lambda: reverse("livret:list"),
    "introuvable": lambda: "/actions/introuvable/",
}


def test_the_nu_checker_finds_no_error_on_the_public_pages(checker, client, catalogue, tmp_path):
    pages = {}
    for name, path in PAGES.items():
        response = client.get(path())
        assert response.status_code in (200, 404), name
        pages[name] = response.text
    assert "data-hx-get" in pages["catalogue"]
    # The results alone, as htmx swaps them in, inside a page's frame.
    fragment = client.get(PAGES["catalogue-htmx"](), HTTP_HX_REQUEST="true").text
    pages["catalogue-htmx"] = (
        pages["catalogue-htmx"].replace(
            pages["catalogue-htmx"][pages["catalogue-htmx"].index('<div id="resultats"') :], ""
        )
        + f'<div id="resultats">{fragment}</div></div></main></body></html>'
    )
    errors = nu_errors(pages, tmp_path)
    assert {name: found for name, found in errors.items() if found} == {}


FRAME = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Page</title></head>'
    "<body>{body}</body></html>"
)


def test_the_checker_reports_what_is_not_valid(checker, tmp_path):
    invalid = FRAME.format(body='<form hx-get="/"><input type="number" value="abc"></form>')
    errors = nu_errors(
        {"valide": FRAME.format(body="<p>Bonjour</p>"), "invalide": invalid}, tmp_path
    )
    assert errors["valide"] == []
    assert len(errors["invalide"]) == 2
    assert "hx-get" in errors["invalide"][0]


def test_an_invalid_age_is_not_echoed_into_the_number_input(client):
    html = client.get(reverse("actions:list") + "?age=abc").text
    [age_input] = [tag for tag in html.split("<input")[1:] if 'name="age"' in tag]
    assert 'type="number"' in age_input
    assert "value=" not in age_input.split(">")[0]
    assert "Âge (en années) : " in html  # the error says the age was not understood


def test_a_valid_age_stays_in_the_number_input(client):
    html = client.get(reverse("actions:list") + "?age=7").text
    assert (
        'name="age" value="7"' in html or 'value="7"' in html.split('name="age"')[1].split(">")[0]
    )
