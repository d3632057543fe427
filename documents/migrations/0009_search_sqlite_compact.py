"""The search index's third form on SQLite (documents/search/sqlite.py): smaller for the same answers.

- The bigram table loses its one-character prefix index, and the body comes first (column 0's entries carry
  no column number); one-character words are read from a new table of each notice's distinct characters.
- An FTS rowid is the notice's day over its number that day (documents_searchday hands the numbers out), not
  the day over a 32-bit entry id: rowids close together keep the doclists small. The entry's id is that key.

Entries of the old form would answer wrongly, so they are dropped: `reindex --missing` (which `make run` runs)
indexes the notices again. PostgreSQL is untouched. The migration runs no index code of ours.
"""

from django.db import migrations

OLD_FTS = "CREATE VIRTUAL TABLE documents_search USING fts5(title, body, content='', tokenize='ascii', prefix='1')"
CREATE = [
    "CREATE VIRTUAL TABLE documents_search USING fts5(body, title, content='', tokenize='ascii')",
    "CREATE VIRTUAL TABLE documents_search_chars USING fts5(body, content='', detail=none, tokenize='ascii')",
    "CREATE TABLE documents_searchday (day INTEGER PRIMARY KEY, last INTEGER NOT NULL)",
]
DROP = ["DROP TABLE IF EXISTS documents_search", "DROP TABLE IF EXISTS documents_search_chars"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*DROP, "DROP TABLE IF EXISTS documents_searchday", *CREATE, "DELETE FROM documents_searchentry"]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in [*DROP, "DROP TABLE IF EXISTS documents_searchday", OLD_FTS, "DELETE FROM documents_searchentry"]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documents", "0008_document_source_url")]

    operations = [migrations.RunPython(forwards, backwards)]
