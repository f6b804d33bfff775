"""A search as a person types it: the last word is the start of a word, a typo is put right
from the index's own words ("Vouliez-vous dire …")."""

import pytest
from django.urls import reverse

from actions.models import Action, SearchWord, ThesaurusEntry
from actions.search.suggestions import Lexicon
from actions.search.vocabulary import catalogue_matching, prefix_words
from tests.factories import ActionFactory, AxeFactory

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


def found(text):
    matches = catalogue_matching(text).apply(Action.objects.published())
    return sorted(matches.values_list("title", flat=True))


def test_the_last_word_is_the_start_of_a_word():
    ActionFactory(title="Orientation des collégiens")
    assert found("orient") == ["Orientation des collégiens"]
    # Cut short, "orientati" stems to "orientat", which "orientation" ("orient") is not.
    assert found("orientati") == ["Orientation des collégiens"]


def test_only_the_last_word_is_a_start():
    ActionFactory(title="Orientation des collégiens")
    assert found("orientati collégiens") == []
    assert found("collégiens orientati") == ["Orientation des collégiens"]


def test_a_start_stands_for_words_not_for_stems():
    # "cite" stems to "cit", the start of "citoyenneté": only words beginning "cite" count.
    ActionFactory(title="Citoyenneté et laïcité")
    ActionFactory(title="La cité des enfants")
    assert found("cite") == ["La cité des enfants"]


def test_two_letters_are_not_a_start_yet():
    ActionFactory(title="Orientation")
    assert found("or") == []


def test_a_start_brings_the_thesaurus_of_the_word_it_begins():
    ThesaurusEntry.objects.create(expressions="décrochage, décrocheurs")
    ActionFactory(title="Prévenir le décrochage")
    ActionFactory(title="Les décrocheurs")
    assert found("décrocheu") == ["Les décrocheurs", "Prévenir le décrochage"]


def test_the_index_keeps_its_words_with_their_accents():
    ActionFactory(title="L'école et le collège")
    assert SearchWord.objects.get(word="ecole").spelling == "école"
    assert prefix_words("col") == ["college"]
    assert not SearchWord.objects.filter(word__in=["le", "et"]).exists()


def test_a_typo_is_put_right_with_a_link(client):
    ActionFactory(title="Prévenir le décrochage scolaire")
    response = client.get(URL, {"q": "decrochaje scolaire"})
    assert response.context["page"].paginator.count == 0
    assert (
        'Vouliez-vous dire <a href="?q=d%C3%A9crochage+scolaire">« décrochage scolaire »</a> ?'
        in response.text
    )


def test_the_suggestion_keeps_the_filters(client):
    ActionFactory(title="Prévenir le décrochage", axe=AxeFactory(number=2))
    response = client.get(URL, {"q": "decrochaje", "axe": "axe-2", "page": "3"})
    assert response.context["suggestion"] == ("décrochage", "q=d%C3%A9crochage&axe=axe-2")


def test_no_suggestion_that_would_find_nothing_either(client):
    ActionFactory(title="Prévenir le décrochage", axe=AxeFactory(number=1))
    AxeFactory(number=2)
    response = client.get(URL, {"q": "decrochaje", "axe": "axe-2"})
    assert response.context["suggestion"] is None
    assert "Vouliez-vous dire" not in response.text


def test_no_suggestion_when_the_search_finds_something(client):
    ActionFactory(title="Prévenir le décrochage")
    assert client.get(URL, {"q": "décrochage"}).context["suggestion"] is None


def test_a_word_only_a_draft_uses_is_never_suggested(client):
    ActionFactory(title="Projet confidentiel", status=Action.Status.DRAFT)
    response = client.get(URL, {"q": "confidentiei"})
    assert response.context["suggestion"] is None


def test_the_lexicon_leaves_known_words_and_short_ones_alone():
    lexicon = Lexicon({"parents": "parents", "ecole": "école"})
    assert lexicon.suggest("parent") is None
    assert lexicon.suggest("ecol") is None  # The start of a known word.
    assert lexicon.suggest("xq") is None
    assert lexicon.suggest("Parants et écolle") == "parents et école"
    assert lexicon.suggest("zzzzzz") is None
