"""PostgreSQL: each search entry keeps its notice's text folded once (fold(), in documents/search/folding.py),
so that the exact recheck behind the index (the PostgreSQL backend's containing()) is one strpos over stored text
instead of normalising every candidate's whole text (NFKC, lower case, translate) in every page query.
SQLite needs nothing: its index is exact.

Entries without their folded text would fail the recheck, so they are dropped here and written again by
`manage.py reindex --missing` (which `make run` runs; see the README's note on upgrading): the migration
runs no index code of ours, which would be whatever the code has become by the time it runs.
"""

from django.db import migrations

ADD = "ALTER TABLE documents_searchentry ADD COLUMN IF NOT EXISTS folded text NOT NULL DEFAULT ''"
EMPTY = "DELETE FROM documents_searchentry"
DROP = "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS folded"


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)
        schema_editor.execute(EMPTY)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_target_indicators")]

    operations = [migrations.RunPython(_forward, _backward)]
