"""The search index's second form (documents/search.py), rebuilt from the notices already stored.

SQLite: the FTS5 table gains a one-character prefix index (a one-character word reads one doclist).
PostgreSQL: the tsvectors hold positionless 1–3-character pieces instead of positioned bigrams, so a common
word is answered by the GIN index alone.
"""
from django.db import migrations

FTS5 = "CREATE VIRTUAL TABLE documents_search USING fts5(title, body, content='', tokenize='ascii'{prefix})"


def _rebuild(prefix):
    from documents import search  # the index code of this release: the form this migration installs

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TABLE IF EXISTS documents_search")
            schema_editor.execute(FTS5.format(prefix=prefix))
        search.rebuild_index(apps.get_model("documents", "Document").objects.all())

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_merge_roles_and_search")]

    operations = [
        migrations.RunPython(_rebuild(", prefix='1'"), _rebuild("")),
    ]
