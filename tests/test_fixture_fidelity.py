"""The fixtures are the 2020-2022 livret, faithfully: every fact is found in the seed text."""

import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from actions.models import Action, Objective
from citeeducative.loading import catalogue_load
from contacts.models import ActionContact, Contact
from tests.livret_fiches import livret_fiche, livret_fiches

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "001_1d79854ecc96beda.txt"
FICHES = sorted((settings.FIXTURES_DIR / "fiches").glob("fiche-*.json"))
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared/seeds")

HEADING = re.compile(r"^#+ .*$", re.M)


def normalise(text):
    """Words only: no markup, no list markers, one space between words."""
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-•]|#+|→)\s*", " ", text, flags=re.M)
    text = text.replace("*", "").replace("’", "'").replace("\u00a0", " ")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_text():
    """The seed's running text, without its headings: page headers and block labels
    ("Périmètre") cut some sentences in two across a page break."""
    return normalise(HEADING.sub(" ", SEED.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def seed_titles():
    printed = re.findall(r"^## Fiche n°\d+ – (.+)$", SEED.read_text(encoding="utf-8"), re.M)
    return {normalise(title) for title in printed}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_objective_in_the_seed(path, seed_text):
    for objective in load(path)["objectives"]:
        assert normalise(objective) in seed_text


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_title_in_the_seed_or_says_it_was_reconstructed(path, seed_titles):
    fiche = load(path)
    if normalise(fiche["title"]) not in seed_titles:
        assert "titre" in fiche["editorial_note"].lower()
        assert "reconstitu" in fiche["editorial_note"].lower()


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_description_paragraph_in_the_seed(path, seed_text):
    blocks = re.split(r"</?(?:p|li|ul|ol)>", load(path)["description"])
    for block in filter(None, (normalise(block) for block in blocks)):
        assert block in seed_text


def test_it_finds_every_contact_email_and_phone_in_the_seed(seed_text):
    directory = load(settings.FIXTURES_DIR / "annuaire.json")
    for contact in directory["contacts"]:
        assert contact["email"] in seed_text
        assert contact["phone"] in seed_text


def test_it_has_as_many_fiches_as_the_seed_numbers():
    numbers = set(map(int, re.findall(r"Fiche n°(\d+)", SEED.read_text(encoding="utf-8"))))
    numbers.add(17)  # The one fiche whose header the extraction lost (see its editorial note).
    assert [load(path)["number"] for path in FICHES] == sorted(numbers) == list(range(1, 28))


def test_it_has_as_many_resource_links_as_the_seed():
    links = set(re.findall(r"<(https?://[^>]+)>", SEED.read_text(encoding="utf-8")))
    transcribed = {resource["url"] for path in FICHES for resource in load(path)["resources"]}
    assert transcribed == links


def test_it_loads_the_whole_livret(catalogue):
    livret = {"action__programmation__slug": "2020-2022"}
    assert livret_fiches().published().count() == 27
    objectives = Objective.objects.filter(**livret).count()
    assert objectives == sum(len(load(path)["objectives"]) for path in FICHES)
    contacts = ActionContact.objects.filter(**livret).count()
    assert contacts == sum(len(load(path)["contacts"]) for path in FICHES)


def test_it_keeps_one_contact_per_person_whatever_the_spelling_of_the_email(catalogue):
    venant = Contact.objects.get(email="marie-claude.venant@nord.gouv.fr")
    fiche_9 = livret_fiche(9)
    assert venant in fiche_9.contacts.all()
    assert not Contact.objects.filter(email="marie.claude-venant@nord.gouv.fr").exists()
    assert "marie.claude-venant" in fiche_9.editorial_note


def test_it_marks_the_reconstructed_title_of_fiche_17(catalogue):
    fiche = livret_fiche(17)
    assert fiche.title == "Tutorat et parrainage"
    assert "reconstitu" in fiche.editorial_note


def test_loading_twice_changes_nothing(catalogue):
    def snapshot():
        return (
            list(Action.objects.values_list("pk", "updated_at")),
            Action.history.count(),
            Objective.history.count(),
            ActionContact.objects.count(),
            Contact.history.count(),
        )

    before = snapshot()
    catalogue_load(directory=settings.FIXTURES_DIR)
    assert snapshot() == before
