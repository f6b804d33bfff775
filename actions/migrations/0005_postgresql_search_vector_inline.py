"""On PostgreSQL, keep each fiche's search vector inside its table row.

A vector of a few kilobytes does not compress well, so by default PostgreSQL moves it out of
line, into the TOAST table: matching and ranking a broad search ("parents", 6 000 of 10 000
fiches) then fetched every vector from there, ~40 ms for the count and ~55 ms for the ranked
page. With storage MAIN, the long texts (description, editorial note) go out of line first and
the vector stays in the row: ~10 ms each. Existing vectors are rewritten so that they move,
and the stems that only SQLite's index reads are emptied, which narrows every row.
"""

from django.db import migrations

TABLE = "actions_action"


def store_vector_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN")
        # Concatenating an empty vector makes a new value, which is stored the new way.
        schema_editor.execute(
            f"UPDATE {TABLE} SET search_vector = search_vector || ''::tsvector, "
            "search_terms = '', search_title_terms = ''"
        )


def store_vector_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("actions", "0004_sqlite_full_text_index")]

    operations = [migrations.RunPython(store_vector_inline, store_vector_out_of_line)]
