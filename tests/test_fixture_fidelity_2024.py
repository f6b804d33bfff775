"""The 2024-2026 programmation is the Contrat de ville 2024-2030's, faithfully: every title,
paragraph, objective and link of its fiches is found in the seed text, and the fiches it
continues are earlier ones."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings

from actions.models import Action, Programmation
from citeeducative.loading import catalogue_load
from tests.test_fixture_fidelity import normalise

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "004_a082183e430ade8c.txt"
FICHES = sorted((settings.FIXTURES_DIR / "fiches-2024-2026").glob("fiche-*.json"))
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared/seeds")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_text():
    """The contract's words, whatever their capitals: a fiche's title or objective starts with
    a capital where the sentence it is taken from runs on in lower case."""
    return normalise(SEED.read_text(encoding="utf-8")).casefold()


def found(text, seed_text):
    return normalise(text).casefold() in seed_text


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_title_in_the_seed_or_says_it_was_reconstructed(path, seed_text):
    fiche = load(path)
    if not found(fiche["title"], seed_text):
        assert "titre reconstitué" in fiche["editorial_note"].casefold()


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_description_paragraph_in_the_seed(path, seed_text):
    blocks = re.split(r"</?(?:p|li|ul|ol)>", load(path)["description"])
    paragraphs = [block for block in blocks if normalise(block)]
    assert paragraphs
    for paragraph in paragraphs:
        assert found(paragraph, seed_text), paragraph


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_finds_every_objective_and_perimeter_detail_in_the_seed(path, seed_text):
    fiche = load(path)
    for text in [*fiche["objectives"], fiche["perimeter_details"]]:
        assert found(text, seed_text), text


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_says_where_in_the_seed_each_fiche_comes_from_and_why_its_axe(path):
    note = load(path)["editorial_note"]
    assert note.startswith("Source : Contrat de ville 2024-2030")
    assert re.search(r"lignes? \d+", note)
    assert f"Axe {load(path)['axe']} :" in note


def without_accents(text):
    return "".join(
        character
        for character in unicodedata.normalize("NFD", text)
        if not unicodedata.combining(character)
    )


@pytest.mark.parametrize("path", FICHES, ids=lambda path: path.stem)
def test_it_names_only_operators_and_partners_the_seed_names(path, seed_text):
    """Each structure is written in the seed, by its name or its acronym, accents aside
    (the livret's « Citéo » is the contract's « CITEO »)."""
    directory = load(settings.FIXTURES_DIR / "annuaire.json")
    organisations = {row["slug"]: row for row in directory["organisations"]}
    fiche = load(path)
    slugs = fiche["partners"] + [row["organisation"] for row in fiche["operators"]]
    for slug in slugs:
        organisation = organisations[slug]
        names = {organisation["name"], organisation.get("acronym") or organisation["name"]}
        # The livret names the federation "du Nord-Pas-de-Calais"; the contract, its short name.
        names.add(organisation["name"].removesuffix(" du Nord-Pas-de-Calais"))
        seed = without_accents(seed_text)
        assert any(without_accents(normalise(name).casefold()) in seed for name in names), slug


def test_it_marks_as_continued_only_fiches_whose_note_says_of_what():
    for path in FICHES:
        fiche = load(path)
        assert ("Suite de" in fiche["editorial_note"]) == bool(fiche["predecessors"]), path.stem


def test_it_finds_every_resource_link_in_the_seed():
    text = SEED.read_text(encoding="utf-8")
    for path in FICHES:
        for resource in load(path)["resources"]:
            assert f"<{resource['url']}>" in text


def test_it_numbers_the_twenty_actions_the_seed_names():
    """The seed counts « 22 actions » (encadré 1) but names twenty: see fixtures/README.md."""
    assert "22 actions" in SEED.read_text(encoding="utf-8")
    assert [load(path)["number"] for path in FICHES] == list(range(1, 21))


def test_it_loads_the_programmation_beside_the_livret(catalogue):
    programmation = Programmation.objects.get(slug="2024-2026")
    assert (programmation.start_year, programmation.end_year) == (2024, 2026)
    assert programmation.actions.published().count() == len(FICHES)
    livret = Action.objects.filter(programmation__slug="2020-2022")
    assert livret.published().count() == 27


def test_each_predecessor_is_a_fiche_of_an_earlier_programmation(catalogue):
    continued = Action.objects.filter(programmation__slug="2024-2026").exclude(predecessors=None)
    assert continued.exists()
    for action in continued.prefetch_related("predecessors__programmation"):
        for predecessor in action.predecessors.all():
            assert predecessor.programmation.end_year < action.programmation.start_year


def test_it_links_each_fiche_to_the_predecessors_its_file_names(catalogue):
    for path in FICHES:
        fiche = load(path)
        action = Action.objects.get(slug=fiche["slug"])
        linked = set(action.predecessors.values_list("slug", flat=True))
        assert linked == set(fiche["predecessors"])


def test_a_continued_fiche_knows_its_successor(catalogue):
    livret_fiche_9 = Action.objects.get(programmation__slug="2020-2022", number=9)
    assert [successor.title for successor in livret_fiche_9.successors.all()] == [
        "Équipe mobile médico-sociale"
    ]


def test_loading_twice_keeps_the_lineage(catalogue):
    def lineage():
        return sorted(Action.predecessors.through.objects.values_list("pk", flat=True))

    before = lineage()
    catalogue_load(directory=settings.FIXTURES_DIR)
    assert lineage() == before


def test_a_predecessor_that_names_no_fiche_stops_the_loading_and_writes_nothing(db, tmp_path):
    directory = tmp_path / "fixtures"
    for path in settings.FIXTURES_DIR.rglob("*.json"):
        target = directory / path.relative_to(settings.FIXTURES_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    broken = directory / "fiches-2024-2026" / "fiche-03.json"
    fiche = load(broken)
    fiche["predecessors"] = ["fiche-qui-n-existe-pas"]
    broken.write_text(json.dumps(fiche, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Action.DoesNotExist):
        catalogue_load(directory=directory)
    assert not Action.objects.exists()
