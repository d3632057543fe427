"""The SQLite backend: a contentless FTS5 table over the bigrams of each notice's folded text.

documents_searchentry has one row per document, and documents_search is the FTS5 table (tokenize=ascii over
the bigram text, a one-character prefix index so that 市 reads one doclist). An FTS row's rowid is the
notice's date over its entry's id: FTS5 hands matches out in rowid order, so newest first is read off the
index and stops at the page, with no sort of every match. SQLite cannot delete from a contentless table
without the text once indexed, so a replaced or deleted entry's FTS row is left behind, never joined to a
document again; `reindex` sweeps them. A word is the phrase of its bigrams: exact, no recheck.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from django.db.models.expressions import RawSQL

from documents.search import django_internals
from documents.search.backend import ENTRY, TITLE_WEIGHT, Backend
from documents.search.pieces import fts5_expression, index_terms, term_grams

FTS = "documents_search"
ENTRY_ID_MASK = 0xFFFFFFFF  # the low 32 bits of an FTS rowid: its entry's id (the high bits: the date)


class SQLiteBackend(Backend):
    ranked_matches = 5000
    tables = [ENTRY, FTS]
    gram_count_sql = f"SELECT count(*) FROM (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s) AS hits"
    planned = staticmethod(nullcontext)
    probes = staticmethod(term_grams)
    newest = (RawSQL(f"{FTS}.rowid", ()).desc(),)

    @staticmethod
    def gram(gram):  # one character: the prefix of its bigrams, one doclist of the prefix index
        return f'"{gram}"*' if len(gram) == 1 else f'"{gram}"'

    def results(self, matches, parsed, *, unfiltered):
        matches = django_internals.rows_after_ids(matches, "search_rank")
        if unfiltered:
            # Counted over the index and its entries alone until a filter is added: joining every match to its
            # notice's row costs a random read of the wide documents table per match. An entry exists only
            # while its notice does, and the entries leave out the FTS rows left behind by updates.
            sql = (
                f"SELECT count(*) FROM {ENTRY}, {FTS} WHERE {ENTRY}.id = ({FTS}.rowid & {ENTRY_ID_MASK}) "
                f"AND {FTS} MATCH %s"
            )
            matches = django_internals.counted_by(matches, sql, [fts5_expression(parsed)])
        return matches

    def match(self, parsed, *, recheck=False):
        where = [
            f"{ENTRY}.document_id = documents_document.id",
            f"{ENTRY}.id = ({FTS}.rowid & {ENTRY_ID_MASK})",
            f"{FTS} MATCH %s",
        ]
        return where, [fts5_expression(parsed)]

    def ids(self, parsed, *, recheck=False):
        return (
            f"SELECT document_id FROM {ENTRY} WHERE id IN "
            f"(SELECT rowid & {ENTRY_ID_MASK} FROM {FTS} WHERE {FTS} MATCH %s)",
            (fts5_expression(parsed),),
        )

    @staticmethod
    def filtered(matches):
        return matches

    def rank(self, parsed, *, scored):
        if scored:  # bm25 is lower for better matches
            return f"-bm25({FTS}, {TITLE_WEIGHT}, 1.0)", ()
        return "0.0", ()

    def write(self, cursor, rows):
        cursor.execute(
            f"DELETE FROM {ENTRY} WHERE document_id IN ({', '.join(['%s'] * len(rows))})", [r[0] for r in rows]
        )
        for document_id, issued_on, title, text in rows:
            cursor.execute(f"INSERT INTO {ENTRY} (document_id) VALUES (%s)", [document_id])
            # Entry ids only grow (AUTOINCREMENT), so a rowid is never that of a row left behind.
            cursor.execute(
                f"INSERT INTO {FTS} (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    date_key(issued_on) << 32 | cursor.lastrowid,
                    " ".join(index_terms(title)),
                    " ".join(index_terms(text)),
                ],
            )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {ENTRY}")
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('delete-all')")

    def finish(self, cursor):
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")


def date_key(issued_on) -> int:
    """A notice's date as the high bits of its FTS rowid: later is larger, no date is the smallest."""
    if isinstance(issued_on, str):  # a date assigned as text is saved as such, and stays text on the instance
        issued_on = date.fromisoformat(issued_on[:10])
    return issued_on.toordinal() if issued_on else 0
