"""The PostgreSQL backend: positionless n-gram tsvectors with a GIN index, and an exact recheck.

documents_searchentry carries tsvector columns title and body (lexemes built in pieces.py and matched as they
are: the 'simple' configuration's behaviour, no stemming, no stop words) with the GIN index
documents_search_body_gin, and `folded`, the body as fold() reads it. A query is an AND/OR/NOT of plain
lexemes, which GIN answers without reading a tsvector. A word of four or more characters is the AND of its
pieces, which can stand apart in a notice: a query matching few notices is checked against the folded text as
well (containing()), so it is exact; one matching more is not, and the bench measures by how much.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F

from documents.search import django_internals
from documents.search.backend import ENTRY, TITLE_WEIGHT, Backend
from documents.search.folding import fold
from documents.search.pieces import term_lexemes, tsquery_expression, tsvector_literal
from documents.search.query import positive_groups

GIN = "documents_search_body_gin"


@contextmanager
def no_seqscan(using):
    """PostgreSQL's planner prices `body @@ q` at one operator call a row and, for a word in nearly every
    notice, scans the table instead of the GIN index, unpacking every TOASTed tsvector. Queries over search
    results run with sequential scans priced out."""
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class PostgreSQLBackend(Backend):
    ranked_matches = 1000
    rechecks = True  # lexemes of a longer word can stand apart in a notice: see containing()
    probes = staticmethod(term_lexemes)

    def tables(self, parsed):
        return [ENTRY]

    def newest(self, parsed):
        return (F("issued_on").desc(nulls_last=True), "-id")

    def gram_count(self, gram, limit):
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {ENTRY} WHERE body @@ %s::tsquery LIMIT %s) AS hits"
        return sql, [f"'{gram}'", limit + 1]

    @staticmethod
    def planned():
        return no_seqscan(connection.alias)

    def results(self, matches, parsed, *, unfiltered):
        # PostgreSQL sorts rows with their texts still in TOAST: one query, no ids first; only the index.
        return self.filtered(matches)

    def match(self, parsed, *, recheck=False):
        where = [f"{ENTRY}.document_id = documents_document.id", f"{ENTRY}.body @@ %s::tsquery"]
        params = [tsquery_expression(parsed)]
        if recheck:
            for condition, values in self.containing(parsed):
                where.append(condition)
                params.extend(values)
        return where, params

    def ids(self, parsed, *, recheck=False):
        sql, params = f"SELECT document_id FROM {ENTRY} WHERE body @@ %s::tsquery", [tsquery_expression(parsed)]
        for condition, values in self.containing(parsed) if recheck else ():
            sql += f" AND {condition}"
            params += values
        return sql, params

    @staticmethod
    def containing(parsed):
        """The exact test behind the index, for a query matching few notices: the lexemes of a word of four
        or more characters can stand apart in a notice (中小企业 … 企业公共 holds every piece of 中小企业公).
        A word passes where the entry's folded text (title, 文号 and text, stored at index time) holds it
        folded: one strpos, no normalising of whole texts per query. Exclusions stay with the index: a notice
        holding every piece of an excluded word is left out."""
        for group in positive_groups(parsed):
            if all(len(fold(term)) <= 3 for term in group):  # each word is one lexeme: the index is exact
                continue
            tests = " OR ".join([f"strpos({ENTRY}.folded, %s) > 0"] * len(group))
            yield f"({tests})", [fold(term) for term in group]

    @staticmethod
    def filtered(matches):
        return django_internals.run_inside(matches, no_seqscan)

    def rank(self, parsed, *, scored):
        positive = tsquery_expression(parsed, positive_only=True)
        if not scored:
            return "0.0", ()
        in_title = f"CASE WHEN {ENTRY}.title @@ %s::tsquery THEN 1.0 ELSE 0.0 END"
        # Positionless tsvectors give ts_rank nothing to tell notices apart: each word's occurrences in the
        # text instead, saturating as bm25's do (k1 = 1.2), over at most ranked_matches notices. Spaces aside,
        # the text holds the word as the index does.
        occurrences = "greatest(cardinality(string_to_array(documents_document.clean_text, %s)) - 1, 0)"
        terms = [typed for typed in map(_typed, parsed.positive_terms) if typed]
        frequency = " + ".join(
            f"(SELECT n / (n + 1.2) FROM (SELECT {occurrences}::float AS n) AS found)" for _ in terms
        )
        frequency, params = frequency or "0", terms
        return f"{TITLE_WEIGHT} * {in_title} + {frequency}", (positive, *params)

    def write(self, cursor, rows):
        cursor.executemany(
            f"INSERT INTO {ENTRY} (document_id, title, body, folded) VALUES (%s, %s::tsvector, %s::tsvector, %s) "
            "ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, "
            "folded = EXCLUDED.folded",
            # folded: the body as fold() reads it (no NUL: fold() drops controls), for containing()'s recheck
            [
                (document_id, tsvector_literal(title), tsvector_literal(text), fold(text))
                for document_id, _, title, text in rows
            ],
        )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {ENTRY}")
        cursor.execute(f"DROP INDEX IF EXISTS {GIN}")  # built once in finish(): far cheaper than row by row

    def finish(self, cursor, *, rebuilt=False):
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GIN])
        if cursor.fetchone() is None:
            with transaction.atomic():
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                # Inside a caller's transaction the entries' deferred foreign-key checks are still pending,
                # and PostgreSQL builds no index on a table with pending trigger events: run them first.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"CREATE INDEX {GIN} ON {ENTRY} USING gin (body)")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are INITIALLY DEFERRED
        cursor.execute(f"ANALYZE {ENTRY}")


def _typed(term: str) -> str:
    """A word as the text would hold it, for SQL string tests: no spaces, no control characters (NUL)."""
    return "".join(character for character in term if character.isprintable() and not character.isspace())
