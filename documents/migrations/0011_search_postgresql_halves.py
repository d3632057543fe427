"""PostgreSQL: the search index's GIN index becomes two partial indexes on the same expression, one for the entries
of even document ids and one for odd, so that a rebuild builds them at once on two connections (PostgreSQL 15 builds
a GIN index in one process). documents/search/postgresql.py asks both halves; its finish() builds them as here.
SQLite needs nothing.
"""

from django.db import migrations

GRAMS = "documents_search_grams(folded)"
FORWARD = [
    "DROP INDEX IF EXISTS documents_search_grams_gin",
    *(
        f"CREATE INDEX IF NOT EXISTS documents_search_grams_gin_{half} ON documents_searchentry USING gin ({GRAMS}) "
        f"WHERE (document_id & 1) = {half}"
        for half in (0, 1)
    ),
    # No statistics, as 0010 did for the single index: ANALYZE would compute every sampled notice's pieces.
    *(f"ALTER INDEX documents_search_grams_gin_{half} ALTER COLUMN 1 SET STATISTICS 0" for half in (0, 1)),
]
BACKWARD = [
    "DROP INDEX IF EXISTS documents_search_grams_gin_0",
    "DROP INDEX IF EXISTS documents_search_grams_gin_1",
    f"CREATE INDEX IF NOT EXISTS documents_search_grams_gin ON documents_searchentry USING gin ({GRAMS})",
    "ALTER INDEX documents_search_grams_gin ALTER COLUMN 1 SET STATISTICS 0",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0010_search_postgresql_grams")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
