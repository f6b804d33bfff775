"""On PostgreSQL, the ``french_unaccent`` text search configuration (unaccent, then the French
stemmer) and a GIN index on the fiches' search vector."""

from django.db import migrations

CONFIGURE_POSTGRESQL_SEARCH = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE INDEX action_search_vector_gin ON actions_action USING gin (search_vector);
"""
UNCONFIGURE_POSTGRESQL_SEARCH = """
DROP INDEX IF EXISTS action_search_vector_gin;
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
"""


def configure_postgresql_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CONFIGURE_POSTGRESQL_SEARCH)


def unconfigure_postgresql_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNCONFIGURE_POSTGRESQL_SEARCH)


class Migration(migrations.Migration):
    dependencies = [("actions", "0002_initial")]

    operations = [
        migrations.RunPython(configure_postgresql_search, unconfigure_postgresql_search),
    ]
