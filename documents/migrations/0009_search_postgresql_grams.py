"""PostgreSQL: the search index holds each notice's characters and bigrams as integer codes in an int4[]
with a GIN index, instead of tsvectors of 1–3-character pieces (several times the text's size), and the
title folded as text instead of a tsvector. The folded text (0007) stays: longer words are checked on it.
SQLite needs nothing.

Entries of the old form have no codes, so they are dropped here and written again by
`manage.py reindex --missing` (which `make run` runs; see the README's note on upgrading): the migration
runs no index code of ours, which would be whatever the code has become by the time it runs.
"""

from django.db import migrations

FORWARD = [
    "DELETE FROM documents_searchentry",
    "DROP INDEX IF EXISTS documents_search_body_gin",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS body",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS title",
    "ALTER TABLE documents_searchentry ADD COLUMN title text NOT NULL DEFAULT ''",
    "ALTER TABLE documents_searchentry ADD COLUMN grams int4[] NOT NULL DEFAULT '{}'",
    "CREATE INDEX documents_search_grams_gin ON documents_searchentry USING gin (grams)",
]
BACKWARD = [
    "DELETE FROM documents_searchentry",
    "DROP INDEX IF EXISTS documents_search_grams_gin",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS grams",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS title",
    "ALTER TABLE documents_searchentry ADD COLUMN title tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE documents_searchentry ADD COLUMN body tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX documents_search_body_gin ON documents_searchentry USING gin (body)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0008_document_source_url")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
