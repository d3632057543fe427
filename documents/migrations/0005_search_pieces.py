"""The search index's second form (documents/search.py): the schema changes here, the entries are written
again by `manage.py reindex --missing` (which `make run` runs; see the README's note on upgrading).

SQLite: the FTS5 table gains a one-character prefix index (a one-character word reads one doclist).
PostgreSQL: the tsvectors hold positionless 1–3-character pieces instead of positioned bigrams, so a common
word is answered by the GIN index alone.

Entries of the old form would answer wrongly, so both databases drop them: a notice without an entry is one
`reindex --missing` indexes. The migration runs no index code of ours, which would be whatever the code
has become by the time it runs, not the form this migration installs.
"""

from django.db import migrations

FTS5 = "CREATE VIRTUAL TABLE documents_search USING fts5(title, body, content='', tokenize='ascii'{prefix})"
EMPTY = "DELETE FROM documents_searchentry"


def _run(prefix):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TABLE IF EXISTS documents_search")
            schema_editor.execute(FTS5.format(prefix=prefix))
        schema_editor.execute(EMPTY)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_merge_roles_and_search")]

    operations = [
        migrations.RunPython(_run(", prefix='1'"), _run("")),
    ]
