"""PostgreSQL: the search index becomes a GIN index on an expression over the folded text the entries already
keep (0007): documents_search_grams(folded), the positionless characters, bigrams and digit runs' contexts of its first
45,000 characters, computed by the database, instead of tsvector columns of 1–3-character pieces (several times
the text's size). The title is kept folded as text, and `truncated` marks a text longer than the index reads.
SQLite needs nothing.

The function is the index's definition: documents/search/pieces.py (pg_grams, INDEXED_CHARACTERS,
TRUNCATED, CONTEXT) says the same in Python, and tests/search/test_pieces.py compares them. Changing it means a
new migration that replaces the function and builds the index again.

Entries of the old form would answer wrongly, so they are dropped here and written again by
`manage.py reindex --missing` (which `make run` runs; see the README's note on upgrading): the migration
runs no index code of ours, which would be whatever the code has become by the time it runs.
"""

from django.db import migrations

INDEXED_CHARACTERS = 45_000  # at most 22 bytes of lexemes a position: 45,000 always fit a tsvector's 1 MB
TRUNCATED = "\ue000\ue000\ue000"  # three characters: never a character or a bigram of a text
# Characters; bigrams, as pairs from the first and from the second character (spaces split them: fold()
# leaves none in the text); and each run of ASCII letters and digits' last (first) 2–4 characters with the
# character after (before) it. C functions but for the runs (a few hundred a notice): an index build reads
# megabytes a second.
GRAMS = f"""
CREATE OR REPLACE FUNCTION documents_search_grams(folded text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT array_to_tsvector(
    string_to_array(head, NULL)
    || string_to_array(rtrim(regexp_replace(head, '(..)', '\\1 ', 'g'), ' '), ' ')
    || string_to_array(rtrim(regexp_replace(substr(head, 2), '(..)', '\\1 ', 'g'), ' '), ' ')
    || ARRAY(
        SELECT right(m[1], k) || m[2]
        FROM regexp_matches(head, '([0-9a-z]+)([^0-9a-z])', 'g') AS m, generate_series(2, 4) AS k
        UNION ALL
        SELECT m[1] || left(m[2], k)
        FROM regexp_matches(head, '([^0-9a-z])([0-9a-z]+)', 'g') AS m, generate_series(2, 4) AS k
    )
    || CASE WHEN length(folded) > {INDEXED_CHARACTERS} THEN ARRAY['{TRUNCATED}'] ELSE ARRAY[]::text[] END)
FROM left(folded, {INDEXED_CHARACTERS}) AS head
$$
"""
# The recheck reads candidates' folded texts: lz4 unpacks them about twice as fast as pglz, for a few percent
# more space. A server built without lz4 keeps pglz.
LZ4 = """
DO $$ BEGIN
    EXECUTE 'ALTER TABLE documents_searchentry ALTER COLUMN folded SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN NULL;
END $$
"""
# ANALYZE would compute the pieces of every sampled notice (half a minute at 10,000) for statistics that no
# plan of the backend needs: it runs its queries with sequential scans priced out.
NO_STATISTICS = "ALTER INDEX documents_search_grams_gin ALTER COLUMN 1 SET STATISTICS 0"
FORWARD = [
    "DELETE FROM documents_searchentry",
    "DROP INDEX IF EXISTS documents_search_body_gin",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS body",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS title",
    "ALTER TABLE documents_searchentry ADD COLUMN title text NOT NULL DEFAULT ''",
    "ALTER TABLE documents_searchentry ADD COLUMN truncated boolean NOT NULL DEFAULT false",
    LZ4,
    GRAMS,
    "CREATE INDEX documents_search_grams_gin ON documents_searchentry USING gin (documents_search_grams(folded))",
    NO_STATISTICS,
]
BACKWARD = [
    "DELETE FROM documents_searchentry",
    "DROP INDEX IF EXISTS documents_search_grams_gin",
    "DROP FUNCTION IF EXISTS documents_search_grams(text)",
    "ALTER TABLE documents_searchentry ALTER COLUMN folded SET COMPRESSION default",
    "ALTER TABLE documents_searchentry DROP COLUMN IF EXISTS truncated",
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
    dependencies = [("documents", "0009_search_sqlite_compact")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
