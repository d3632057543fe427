"""The SQLite backend: two contentless FTS5 tables over each notice's folded text.

- documents_search holds the character bigrams in order, with positions (body first, then title): a word of
  two or more characters is the phrase of its bigrams, exact, and bm25 ranks the matches.
- documents_search_chars holds each notice's distinct characters, without positions (detail=none): a
  one-character word is one doclist there, where a prefix query over the bigrams would read thousands.

documents_searchentry has one row per document, and its id is the FTS rowid of the notice's rows: the notice's
date over its number among that day's entries (documents_searchday hands the numbers out). FTS5 hands matches
out in rowid order, so newest first is read off the index and stops at the page; and rowids close together
keep the doclists small. Keys are never handed out twice, because SQLite cannot delete from a contentless
table without the text once indexed: a replaced or deleted entry's rows are left behind, never joined to a
document again, until `reindex` rebuilds the index and VACUUMs the free pages away.
"""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models.expressions import RawSQL

from documents.search import django_internals
from documents.search.backend import ENTRY, TITLE_WEIGHT, Backend, Match
from documents.search.folding import fold
from documents.search.pieces import (
    characters_expression,
    excluded_expressions,
    fts5_expression,
    index_terms,
    spaced_bigrams,
    term_grams,
)

FTS = "documents_search"
CHARACTERS = "documents_search_chars"
DAYS = "documents_searchday"
DAY_BITS = 12  # entries a day before a day's keys run out (then the day before lends its own)
FIRST_DAY = 1 << 19  # dated keys start at 1 << 31, above every undated key


class SQLiteBackend(Backend):
    ranked_matches = 5000

    def gram_count(self, gram, limit):
        table = CHARACTERS if len(gram) == 1 else FTS
        return f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s) AS hits", [
            f'"{gram}"',
            limit + 1,
        ]

    probes = staticmethod(term_grams)

    def tables(self, parsed):
        return [ENTRY, FTS] if fts5_expression(parsed) else [ENTRY]

    def newest(self, parsed):
        # Over the bigram table, its rowid order (no sort of every match); else the entries' ids, the same keys.
        return (RawSQL(f"{FTS}.rowid" if fts5_expression(parsed) else f"{ENTRY}.id", ()).desc(),)

    def results(self, matches, parsed, *, unfiltered):
        matches = django_internals.rows_after_ids(matches, "search_rank")
        if unfiltered:
            # Counted over the index and its entries alone until a filter is added: joining every match to its
            # notice's row costs a random read of the wide documents table per match. An entry exists only
            # while its notice does, and the entries leave out the FTS rows left behind by updates.
            conditions, params = self._conditions(parsed)
            sql = f"SELECT count(*) FROM {', '.join(self.tables(parsed))} WHERE {' AND '.join(conditions)}"
            matches = django_internals.counted_by(matches, sql, params)
        return matches

    def match(self, parsed, *, recheck=False):
        conditions, params = self._conditions(parsed)
        return Match([f"{ENTRY}.document_id = documents_document.id", *conditions], params)

    def ids(self, parsed, *, recheck=False):
        conditions, params = self._conditions(parsed)
        tables = ", ".join(self.tables(parsed))
        return f"SELECT {ENTRY}.document_id FROM {tables} WHERE {' AND '.join(conditions)}", tuple(params)

    @staticmethod
    def _conditions(parsed) -> tuple[list[str], list]:
        """The conditions on the entry (joined to the bigram table when that has words to match)."""
        conditions, params = [], []
        words = fts5_expression(parsed)
        if words:
            conditions += [f"{ENTRY}.id = {FTS}.rowid", f"{FTS} MATCH %s"]
            params.append(words)
        characters = characters_expression(parsed)
        if characters:
            conditions.append(f"{ENTRY}.id IN (SELECT rowid FROM {CHARACTERS} WHERE {CHARACTERS} MATCH %s)")
            params.append(characters)
        longer, single = excluded_expressions(parsed)
        if longer and not words:  # with words to match, the bigram expression excludes them itself
            conditions.append(f"{ENTRY}.id NOT IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)")
            params.append(longer)
        if single:
            conditions.append(f"{ENTRY}.id NOT IN (SELECT rowid FROM {CHARACTERS} WHERE {CHARACTERS} MATCH %s)")
            params.append(single)
        return conditions, params

    @staticmethod
    def filtered(matches):
        return matches

    def rank(self, parsed, *, scored):
        if scored and fts5_expression(parsed):  # bm25 is lower for better matches; the title is column 1
            return f"-bm25({FTS}, 1.0, {TITLE_WEIGHT})", ()
        return "0.0", ()

    @staticmethod
    def pieces(title: str, body: str) -> tuple[str, str, str]:
        """What the two tables hold of a notice: its body's bigrams in order and its title's (documents_search),
        and its body's distinct characters (documents_search_chars), each as FTS5 reads them."""
        folded = fold(body)  # once for both tables
        return spaced_bigrams(folded), " ".join(index_terms(title)), " ".join(sorted(set(folded)))

    def write(self, cursor, rows):
        """rows: (document id, date, pieces()) of each notice."""
        cursor.execute(
            f"DELETE FROM {ENTRY} WHERE document_id IN ({', '.join(['%s'] * len(rows))})", [r[0] for r in rows]
        )
        # Every key before any FTS5 insert: the keys' upsert runs in a statement savepoint, and at a savepoint
        # FTS5 writes what it holds in memory out as a new segment, so a key taken between the inserts would
        # cost a segment (a flush of every distinct bigram) per notice instead of one per call.
        keys = [_new_key(cursor, issued_on) for _, issued_on, _ in rows]
        cursor.executemany(
            f"INSERT INTO {ENTRY} (id, document_id) VALUES (%s, %s)",
            [(key, row[0]) for key, row in zip(keys, rows, strict=True)],
        )
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, body, title) VALUES (%s, %s, %s)",
            [(key, body, title) for key, (_, _, (body, title, _)) in zip(keys, rows, strict=True)],
        )
        cursor.executemany(
            f"INSERT INTO {CHARACTERS} (rowid, body) VALUES (%s, %s)",
            [(key, characters) for key, (_, _, (_, _, characters)) in zip(keys, rows, strict=True)],
        )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {ENTRY}")
        cursor.execute(f"DELETE FROM {DAYS}")  # every key is free again once both tables are empty
        for table in (FTS, CHARACTERS):
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")

    def finish(self, cursor, *, rebuilt=False):
        for table in (FTS, CHARACTERS):
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        if rebuilt and not connection.in_atomic_block:
            # FTS5's merges leave the pages of the segments they replaced free in the file; a rebuild gives
            # them back (VACUUM cannot run inside a transaction, so a caller's transaction keeps them).
            cursor.execute("VACUUM")


def _new_key(cursor, issued_on) -> int:
    """A key never handed out before: the day over its number among the day's entries. A day whose numbers
    have run out borrows from the day before (its notices then list as that day's, among the newest first)."""
    day = date_key(issued_on)
    while True:
        cursor.execute(
            f"INSERT INTO {DAYS} (day, last) VALUES (%s, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 "
            "RETURNING last",
            [day],
        )
        number = cursor.fetchone()[0]
        if day == 0:  # undated: numbered below the first dated key
            if number >= FIRST_DAY << DAY_BITS:
                raise OverflowError("too many undated notices for the search index's keys")
            return number
        if number < 1 << DAY_BITS:
            return day << DAY_BITS | number
        day -= 1


def date_key(issued_on) -> int:
    """A notice's day for its key: later is larger, every date above FIRST_DAY, no date 0."""
    if isinstance(issued_on, str):  # a date assigned as text is saved as such, and stays text on the instance
        issued_on = date.fromisoformat(issued_on[:10])
    return FIRST_DAY + issued_on.toordinal() if issued_on else 0
