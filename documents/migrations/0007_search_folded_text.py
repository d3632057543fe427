"""PostgreSQL: each search entry keeps its notice's text folded once (search_query.fold()), so that the exact
recheck behind the index (documents/search.py, _PostgreSQL.containing) is one strpos over stored text
instead of normalising every candidate's whole text (NFKC, lower case, translate) in every page query.
SQLite needs nothing: its index is exact. Existing entries are filled by rebuilding the index.
"""
from django.db import migrations

ADD = "ALTER TABLE documents_searchentry ADD COLUMN IF NOT EXISTS folded text NOT NULL DEFAULT ''"
DROP = "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS folded"


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from documents import search  # the index code of this release: the form this migration installs

        schema_editor.execute(ADD)
        search.index_documents(apps.get_model("documents", "Document").objects.all())


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_target_indicators")]

    operations = [migrations.RunPython(_forward, _backward)]
