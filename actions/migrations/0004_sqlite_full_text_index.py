"""On SQLite, an FTS5 index of the stems in ``search_terms``, kept in step by triggers, so that
a search reads an index rather than every fiche. PostgreSQL has its GIN index (0003)."""

from django.db import migrations

# Triggers belong to their table: a migration that makes SQLite rebuild actions_action
# (most AlterField) must create them again (see 0006).
TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_insert AFTER INSERT ON actions_action BEGIN
        INSERT INTO action_search_fts(rowid, terms) VALUES (new.id, new.search_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_update AFTER UPDATE OF search_terms ON actions_action BEGIN
        DELETE FROM action_search_fts WHERE rowid = old.id;
        INSERT INTO action_search_fts(rowid, terms) VALUES (new.id, new.search_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS action_search_fts_delete AFTER DELETE ON actions_action BEGIN
        DELETE FROM action_search_fts WHERE rowid = old.id;
    END""",
]
CREATE = [
    "CREATE VIRTUAL TABLE action_search_fts USING fts5(terms, tokenize='unicode61')",
    "INSERT INTO action_search_fts(rowid, terms) SELECT id, search_terms FROM actions_action",
    *TRIGGERS,
]
DROP = [
    "DROP TRIGGER IF EXISTS action_search_fts_insert",
    "DROP TRIGGER IF EXISTS action_search_fts_update",
    "DROP TRIGGER IF EXISTS action_search_fts_delete",
    "DROP TABLE IF EXISTS action_search_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("actions", "0003_postgresql_search")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
