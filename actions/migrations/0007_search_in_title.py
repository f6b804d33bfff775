"""A search lists first the fiches whose title holds every searched word. So that this test
reads an index rather than every match: on PostgreSQL, a vector of the title alone with its
GIN index; on SQLite, a ``title`` column in the FTS5 index next to ``terms``."""

from importlib import import_module

import django.contrib.postgres.search
from django.db import migrations

full_text_index = import_module("actions.migrations.0004_sqlite_full_text_index")

# Triggers belong to their table: a migration that makes SQLite rebuild actions_action
# (most AlterField) must create them again.
TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_insert AFTER INSERT ON actions_action BEGIN
        INSERT INTO action_search_fts(rowid, title, terms)
        VALUES (new.id, new.search_title_terms, new.search_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_update
    AFTER UPDATE OF search_title_terms, search_terms ON actions_action BEGIN
        DELETE FROM action_search_fts WHERE rowid = old.id;
        INSERT INTO action_search_fts(rowid, title, terms)
        VALUES (new.id, new.search_title_terms, new.search_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_delete AFTER DELETE ON actions_action BEGIN
        DELETE FROM action_search_fts WHERE rowid = old.id;
    END""",
]
SQLITE_TITLE_COLUMN = [
    *full_text_index.DROP,
    "CREATE VIRTUAL TABLE action_search_fts USING fts5(title, terms, tokenize='unicode61')",
    """INSERT INTO action_search_fts(rowid, title, terms)
    SELECT id, search_title_terms, search_terms FROM actions_action""",
    *TRIGGERS,
]
POSTGRESQL_TITLE_VECTOR = [
    "UPDATE actions_action SET search_title_vector = to_tsvector('french_unaccent', title)",
    "CREATE INDEX action_search_title_vector_gin ON actions_action USING gin (search_title_vector)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


index_titles = _run({"sqlite": SQLITE_TITLE_COLUMN, "postgresql": POSTGRESQL_TITLE_VECTOR})
unindex_titles = _run(
    {
        "sqlite": full_text_index.DROP + full_text_index.CREATE,
        "postgresql": ["DROP INDEX IF EXISTS action_search_title_vector_gin"],
    }
)


class Migration(migrations.Migration):
    dependencies = [("actions", "0006_status_id_index")]

    operations = [
        migrations.AddField(
            model_name="action",
            name="search_title_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index_titles, unindex_titles),
    ]
