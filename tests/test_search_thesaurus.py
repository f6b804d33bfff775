"""The field's words: a thesaurus coordinators keep, the same answers on both databases."""

import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import Action, ThesaurusEntry
from actions.search.query import terms
from actions.search.vocabulary import catalogue_matching
from citeeducative.loading import catalogue_load
from tests.factories import ActionFactory, PublicFactory
from tests.livret_fiches import livret_fiches

pytestmark = pytest.mark.django_db
SEED = settings.FIXTURES_DIR / "thesaurus.json"


def found(text):
    matches = catalogue_matching(text).apply(Action.objects.published())
    return sorted(matches.values_list("title", flat=True))


def test_a_word_finds_the_fiches_that_use_its_equivalent():
    ThesaurusEntry.objects.create(expressions="cantine, restauration scolaire")
    ActionFactory(title="Menus de la restauration scolaire")
    ActionFactory(title="Cantine solidaire")
    assert found("cantine") == ["Cantine solidaire", "Menus de la restauration scolaire"]
    assert found("restauration scolaire") == found("cantine")


def test_an_expression_needs_all_its_words():
    ThesaurusEntry.objects.create(expressions="cantine, restauration scolaire")
    ActionFactory(title="Restauration du patrimoine")
    assert found("cantine") == []


def test_the_other_words_of_the_search_still_narrow_it():
    ThesaurusEntry.objects.create(expressions="collège, collégiens")
    ActionFactory(title="Sport pour les collégiens")
    ActionFactory(title="Théâtre pour les collégiens")
    assert found("sport au collège") == ["Sport pour les collégiens"]


def test_the_thesaurus_matches_on_stems_not_spelling():
    ThesaurusEntry.objects.create(expressions="décrochage, décrocheurs")
    ActionFactory(title="Un an après le décrochage")
    assert found("DECROCHEUR") == ["Un an après le décrochage"]


def test_a_coordinator_s_change_applies_to_the_next_search(client):
    ActionFactory(title="Cantine solidaire")
    assert found("restauration scolaire") == []
    entry = ThesaurusEntry.objects.create(expressions="cantine, restauration scolaire")
    assert found("restauration scolaire") == ["Cantine solidaire"]
    entry.delete()
    assert found("restauration scolaire") == []


def test_the_catalogue_page_uses_the_thesaurus(client):
    ThesaurusEntry.objects.create(expressions="collège, collégiens")
    ActionFactory(title="Accueil des collégiens exclus")
    response = client.get(reverse("actions:list"), {"q": "collège"})
    assert [action.title for action in response.context["page"].object_list] == [
        "Accueil des collégiens exclus"
    ]


def test_an_entry_needs_two_searchable_expressions():
    with pytest.raises(ValidationError, match="au moins deux"):
        ThesaurusEntry(expressions="cantine, le").full_clean()


def test_an_entry_is_written_tidily():
    entry = ThesaurusEntry(expressions=" cantine ,restauration scolaire,, ")
    entry.full_clean()
    assert entry.expressions == "cantine, restauration scolaire"
    assert str(entry) == "cantine ↔ restauration scolaire"


def test_a_coordinator_adds_an_entry_in_the_admin(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:actions_thesaurusentry_add"),
        {"expressions": "cantine, restauration scolaire", "note": "Les mots des parents."},
    )
    assert response.status_code == 302
    assert ThesaurusEntry.objects.get().expressions == "cantine, restauration scolaire"


def test_a_reader_cannot_change_the_thesaurus(reader_client):
    response = reader_client.post(
        reverse("admin:actions_thesaurusentry_add"), {"expressions": "a, b"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        # Without the thesaurus: 18 and 19; 12 and 13; 11; 24.
        ("décrocheurs", {5, 13, 18, 19}),
        ("collégiens", {3, 4, 6, 7, 10, 12, 13, 20, 22, 25}),
        ("primaire", {3, 4, 5, 6, 7, 8, 11, 25}),
        ("bibliothèque", {21, 24, 26}),
    ],
)
def test_the_livret_answers_the_field_s_words_on_both_databases(catalogue, query, numbers):
    assert (
        set(
            catalogue_matching(query)
            .apply(livret_fiches().published())
            .values_list("number", flat=True)
        )
        == numbers
    )


def fiche_words():
    """Every word the fixtures' fiches write: title, description, objectives, publics."""
    directory = json.loads((settings.FIXTURES_DIR / "annuaire.json").read_text(encoding="utf-8"))
    publics = {public["slug"]: public["label"] for public in directory["publics"]}
    texts = []
    for path in (settings.FIXTURES_DIR / "fiches").glob("fiche-*.json"):
        fiche = json.loads(path.read_text(encoding="utf-8"))
        texts += [fiche["title"], re.sub(r"<[^>]+>", " ", fiche["description"])]
        texts += fiche["objectives"] + [publics[slug] for slug in fiche["publics"]]
    return " ".join(texts)


def test_the_seeded_thesaurus_only_joins_words_the_fiches_use():
    text = fiche_words()
    for entry in json.loads(SEED.read_text(encoding="utf-8"))["entries"]:
        assert entry["note"], entry
        for expression in entry["expressions"].split(","):
            assert re.search(rf"\b{re.escape(expression.strip())}\b", text, re.I), expression


def test_each_seeded_entry_joins_words_the_stemmer_keeps_apart():
    for entry in json.loads(SEED.read_text(encoding="utf-8"))["entries"]:
        stems = [tuple(terms(expression)) for expression in entry["expressions"].split(",")]
        assert len(set(stems)) == len(stems), entry["expressions"]


def test_the_seed_fills_an_empty_thesaurus_only(catalogue):
    seeded = ThesaurusEntry.objects.count()
    assert seeded == len(json.loads(SEED.read_text(encoding="utf-8"))["entries"])
    ThesaurusEntry.objects.filter(expressions__startswith="parents").delete()
    catalogue_load(directory=settings.FIXTURES_DIR)
    assert ThesaurusEntry.objects.count() == seeded - 1


def test_publics_are_searched_through_the_thesaurus_too():
    ThesaurusEntry.objects.create(expressions="primaire, 1er degré")
    ActionFactory(title="Formation").publics.add(PublicFactory(label="Enseignants du 1er degré"))
    assert found("primaire") == ["Formation"]
