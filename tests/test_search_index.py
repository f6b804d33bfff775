"""The full-text index stays in step with the fiches after every migration (see the trap
described in actions.search.indexing)."""

import pytest
from django.db import connection

from actions.models import Action
from actions.search.query import matching
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

FTS_TRIGGERS = {
    "action_search_fts_insert",
    "action_search_fts_update",
    "action_search_fts_delete",
}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index only")
def test_the_sqlite_index_triggers_exist_after_the_migrations():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'actions_action'"
        )
        triggers = {name for (name,) in cursor.fetchall()}
    assert triggers >= FTS_TRIGGERS


def found(text):
    return list(matching(text).apply(Action.objects.all()).values_list("title", flat=True))


def test_a_fiche_saved_after_the_migrations_is_found():
    ActionFactory(title="Atelier de calligraphie")
    assert found("calligraphie") == ["Atelier de calligraphie"]


def test_a_fiche_changed_is_found_by_its_new_words_only():
    action = ActionFactory(title="Atelier de calligraphie")
    action.title = "Atelier d'origami"
    action.save()
    assert (found("calligraphie"), found("origami")) == ([], ["Atelier d'origami"])


def test_a_deleted_fiche_leaves_the_index():
    ActionFactory(title="Atelier de calligraphie").delete()
    assert found("calligraphie") == []
