"""The full-text index (documents/search.py): a row per document, and the database's own index beside it.

SQLite: the contentless FTS5 table documents_search over the bigram text (tokenize=ascii: every
non-ASCII character and ASCII letter or digit is a token character; search.py widens ASCII punctuation).
PostgreSQL: tsvector columns title and body on documents_searchentry, and the GIN index
documents_search_body_gin. Existing notices are indexed by `manage.py reindex`.
"""
import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE documents_search USING fts5(title, body, content='', tokenize='ascii')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS documents_search"]
POSTGRESQL = [
    "ALTER TABLE documents_searchentry ADD COLUMN title tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE documents_searchentry ADD COLUMN body tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX documents_search_body_gin ON documents_searchentry USING gin (body)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS documents_search_body_gin",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS body",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS title",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_load_regions_and_themes")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entry",
                        to="documents.document",
                        verbose_name="文件",
                    ),
                ),
            ],
            options={"verbose_name": "检索索引", "verbose_name_plural": "检索索引"},
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
