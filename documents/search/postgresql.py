"""The PostgreSQL backend: a GIN index of positionless characters and bigrams, and an exact recheck.

documents_searchentry carries `folded`, the notice's title, 文号 and text as fold() reads it; `title`, the
title folded, for the ranking's title weight; and `truncated`, whether the text is longer than the index
reads. The GIN index is on an expression: documents_search_grams(folded), a tsvector of the distinct
characters and bigrams of the text's first INDEXED_CHARACTERS (SQL function of migration 0010; pieces.pg_grams
says the same in Python), so no copy of the pieces is stored in the rows. It is two partial indexes, one for
the entries of even document ids and one for odd (migration 0011), so that a rebuild builds both at once, one
on each core: PostgreSQL 15 builds a GIN index in one process, and computing the pieces is most of the work.
A query asks both halves (BitmapOr).

A word is the AND of its lexemes, which GIN answers from its posting lists without reading a row: exact
for a word of one or two characters, or one that is a lexeme itself (2025年). A longer word's bigrams can
stand apart in a notice (决策和市 has hundreds of notices holding it and thousands holding 决策, 策和 and
和市), so such a word is checked against `folded` (checked(), one strpos, which detoasts the text: the one
cost per candidate). search() checks in SQL when a query matches few notices and is ranked; otherwise it
leaves the check to the page (match(), a Later): the page checks its own candidates in its order, and the
count checks up to django_internals.COUNTED_EXACTLY candidates and estimates past that, so a page costs the
same whatever the index's precision for the word. matching() (facets, the target search) checks in SQL up to
RECHECKED candidates, and past that counts the notices holding the pieces. A truncated notice is a candidate for
every word and always checked on its text.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F

from documents.search import django_internals
from documents.search.backend import ENTRY, TITLE_WEIGHT, Backend, Later, Match
from documents.search.folding import fold
from documents.search.pieces import INDEXED_CHARACTERS, exact_lexemes, tsquery_term
from documents.search.query import positive_groups

GIN = "documents_search_grams_gin"
HALVES = (0, 1)  # GIN_0 holds the entries of even document ids, GIN_1 the odd: see grams_match()
RECHECKED = 3000  # candidates up to which matching() checks a query's longer words on the folded text


@contextmanager
def no_seqscan(using):
    """PostgreSQL's planner prices `grams @@ q` at one call a row and, for a word in nearly every notice,
    scans the table instead of the GIN index, computing every notice's pieces. Queries over search results
    run with sequential scans priced out."""
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def grams(table: str = ENTRY) -> str:
    """The indexed expression (the planner matches it to the GIN indexes)."""
    return f"documents_search_grams({table}.folded)"


def half_index(half: int) -> str:
    return f"{GIN}_{half}"


def half_predicate(half: int, table: str = ENTRY) -> str:
    """The rows a half's partial index holds (the same text as its WHERE, which the planner matches)."""
    return f"({table}.document_id & 1) = {half}"


def grams_match(table: str = ENTRY) -> str:
    """`grams @@ q` asked of each half, a BitmapOr of the two partial indexes; one %s, the tsquery, per half.
    Asked as one `grams @@ q`, it would match neither partial index and compute every notice's pieces."""
    return " OR ".join(f"({half_predicate(half, table)} AND {grams(table)} @@ %s::tsquery)" for half in HALVES)


def tsquery(groups) -> str:
    """The AND of each group's OR of its words' lexemes; a group with a word folding to nothing holds all."""
    parts = []
    for group in groups:
        terms = [tsquery_term(term) for term in group]
        if all(terms):
            parts.append("(" + " | ".join(f"({term})" for term in terms) + ")")
    return " & ".join(parts)


def positive(parsed, table: str = ENTRY) -> tuple[str, list]:
    """The index condition of a query's positive words (TRUE when none has a lexeme)."""
    expression = tsquery(positive_groups(parsed))
    return (f"({grams_match(table)})", [expression] * len(HALVES)) if expression else ("TRUE", [])


class PostgreSQLBackend(Backend):
    ranked_matches = 1000
    rechecks = True  # bigrams of a longer word can stand apart in a notice: see checked()

    def tables(self, parsed):
        return [ENTRY]

    def newest(self, parsed):
        return (F("issued_on").desc(nulls_last=True), "-id")

    @staticmethod
    def planned():
        return no_seqscan(connection.alias)

    def count_upto(self, parsed, limit):
        """The index's candidates for the whole query, counted up to limit + 1 (one GIN scan, no row read).
        The AND of a word's bigrams, not its rarest bigram alone, is what tells a rare word made of common
        bigrams (生态工业, 689 candidates for 112 notices at 10,000) from a common one."""
        condition, params = positive(parsed)
        with self.planned(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {ENTRY} WHERE {condition} LIMIT %s) AS hits", [*params, limit + 1]
            )
            return cursor.fetchone()[0]

    def results(self, matches, parsed, *, unfiltered):
        # PostgreSQL sorts rows with their texts still in TOAST: one query, no ids first; only the index.
        return self.filtered(matches)

    def match(self, parsed, *, recheck=False):
        """The conditions of search(). A query matching few notices (`recheck`, from few()) is checked on the text
        in SQL: it is ranked, which reads every match's text anyway. Any other query with a longer word leaves
        that check to a Later: a page checks the candidates it shows, in its order, until it is full; the count
        checks each candidate up to django_internals.COUNTED_EXACTLY of them, and past that is estimated from a
        checked sample; a read of every match checks them all in SQL."""
        join = f"{ENTRY}.document_id = documents_document.id"
        if recheck or self.exact(parsed):
            condition, params = self.conditions(parsed, recheck=True)
            return Match([join, condition], params)
        condition, params = self.conditions(parsed, recheck=False, longer_exclusions=False)
        later, values = self.longer_checks(parsed)
        return Match([join, condition], params, Later(later, values, self.passing(later, values)))

    def ids(self, parsed, *, recheck=False):
        """The ids of the matches, for a subquery (matching(): facets, the target search). Past RECHECKED
        candidates a longer word is not checked on the text there: see conditions()."""
        condition, params = self.conditions(parsed, recheck=recheck or self.checked_now(parsed))
        return f"SELECT document_id FROM {ENTRY} WHERE {condition}", params

    @staticmethod
    def exact(parsed) -> bool:
        """Whether the index alone is exact for the query: it has no longer word, positive or excluded."""
        return all(_exact(group) for group in positive_groups(parsed)) and _exact(parsed.excluded)

    def checked_now(self, parsed) -> bool:
        """Whether checking the query's longer words on the text costs little enough to do for every match in
        SQL: it has none, or the index finds at most RECHECKED candidates (one more GIN count)."""
        return self.exact(parsed) or self.count_upto(parsed, RECHECKED) <= RECHECKED

    def conditions(self, parsed, *, recheck, longer_exclusions=True):
        """The WHERE of a query over the entries: the index's condition, and with `recheck` the check of its
        longer words on the folded text (checked()). Unchecked, a longer word is matched by its pieces and a
        longer excluded word leaves out every notice holding its pieces, unless `longer_exclusions` is False
        and the caller checks those itself (a Later)."""
        sql, params = positive(parsed)
        for group in positive_groups(parsed):
            condition, values = self.checked(group, recheck=recheck)
            sql, params = f"{sql} AND {condition}", [*params, *values]
        for term in parsed.excluded:
            if longer_exclusions or exact_lexemes(term):
                condition, values = self.excluding(term, recheck=recheck)
                sql, params = f"{sql} AND {condition}", [*params, *values]
        return sql, params

    def longer_checks(self, parsed) -> tuple[str, list]:
        """The check on the folded text of each group holding a longer word and of each longer excluded word:
        what conditions(recheck=False, longer_exclusions=False) leaves out."""
        checks = [self.checked(group, recheck=True) for group in positive_groups(parsed) if not _exact(group)]
        checks += [self.excluding(term, recheck=True) for term in parsed.excluded if not exact_lexemes(term)]
        return " AND ".join(sql for sql, _ in checks) or "TRUE", [value for _, values in checks for value in values]

    def passing(self, condition: str, params: list):
        """check(ids) of a Later: the ids among `ids` whose entries meet `condition`."""

        def check(ids: list[int]) -> set[int]:
            if not ids:
                return set()
            with self.planned(), connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT document_id FROM {ENTRY} WHERE document_id = ANY(%s) AND {condition}", [ids, *params]
                )
                return {pk for (pk,) in cursor.fetchall()}

        return check

    @staticmethod
    def checked(group, *, recheck):
        """The test behind the index for a group of words: the entry's folded text (title, 文号 and text,
        stored at index time) holds one of them folded: one strpos, no normalising of whole texts per query.
        A group of one- and two-character words is exact in the index, and a query with many candidates is
        not rechecked: only a truncated notice is checked then (it is a candidate for every word)."""
        tests = " OR ".join([f"strpos({ENTRY}.folded, %s) > 0"] * len(group))
        values = [fold(term) for term in group]
        if recheck and not _exact(group):
            return f"({tests})", values
        return f"(NOT {ENTRY}.truncated OR {tests})", values

    def excluding(self, term, *, recheck):
        """A notice holding an excluded word is left out. The entries holding its lexemes come from the
        index (an IN over a subquery: `NOT grams @@ …` would compute every candidate's pieces), then pass
        checked(): a longer word is checked on their text when the query is rechecked, else every notice
        holding its lexemes is left out."""
        expression = tsquery([[term]])
        if not expression:
            return "TRUE", []
        inside = f"{ENTRY}.id IN (SELECT excluded.id FROM {ENTRY} AS excluded WHERE {grams_match('excluded')})"
        check, values = self.checked([term], recheck=recheck)
        return f"NOT ({inside} AND {check})", [*[expression] * len(HALVES), *values]

    @staticmethod
    def filtered(matches):
        return django_internals.run_inside(matches, no_seqscan)

    def rank(self, parsed, *, scored):
        if not scored:
            return "0.0", ()
        groups = positive_groups(parsed)
        in_title = " AND ".join(
            "(" + " OR ".join([f"strpos({ENTRY}.title, %s) > 0"] * len(group)) + ")" for group in groups
        )
        title_terms = [fold(term) for group in groups for term in group]
        # Positionless pieces give nothing to tell notices apart: each word's occurrences in the folded text
        # instead (which the recheck reads already), saturating as bm25's do (k1 = 1.2), over at most
        # ranked_matches notices. The bytes replace() removes count them without splitting the text.
        occurrences = (
            f"(octet_length({ENTRY}.folded) - octet_length(replace({ENTRY}.folded, %s, ''))) / octet_length(%s)"
        )
        terms = [folded for folded in map(fold, parsed.positive_terms) if folded]
        frequency = " + ".join(
            f"(SELECT n / (n + 1.2) FROM (SELECT ({occurrences})::float AS n) AS found)" for _ in terms
        )
        title = f"{TITLE_WEIGHT} * (CASE WHEN {in_title} THEN 1.0 ELSE 0.0 END)" if in_title else "0.0"
        return f"{title} + {frequency or '0'}", (*title_terms, *(value for term in terms for value in (term, term)))

    @staticmethod
    def pieces(title: str, body: str) -> tuple[str, str, bool]:
        """What an entry holds: the title folded, the body as fold() reads it (no NUL: fold() drops controls;
        the index reads it too), and whether the body is longer than the index reads."""
        folded = fold(body)
        return fold(title), folded, len(folded) > INDEXED_CHARACTERS

    def write(self, cursor, rows):
        """rows: (document id, date, pieces()) of each notice."""
        cursor.executemany(
            f"INSERT INTO {ENTRY} (document_id, title, folded, truncated) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title, folded = EXCLUDED.folded, "
            "truncated = EXCLUDED.truncated",
            [(document_id, *pieces) for document_id, _, pieces in rows],
        )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {ENTRY}")
        for half in HALVES:  # built again in finish(): far cheaper at once than row by row
            cursor.execute(f"DROP INDEX IF EXISTS {half_index(half)}")

    def finish(self, cursor, *, rebuilt=False):
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [list(map(half_index, HALVES))])
        present = {name for (name,) in cursor.fetchall()}
        missing = [half for half in HALVES if half_index(half) not in present]
        if len(missing) > 1 and not connection.in_atomic_block:
            # One half on each of two connections at once: CREATE INDEX locks the table in SHARE mode, which two
            # builds hold together. Inside a caller's transaction another connection would see no entries.
            with ThreadPoolExecutor(len(missing)) as pool:
                list(pool.map(_build_in_own_connection, missing))
        else:
            for half in missing:
                _build(cursor, half)
        cursor.execute(f"ANALYZE {ENTRY}")


def _exact(group) -> bool:
    """Whether the index alone is exact for a group of words (each is one of its own lexemes)."""
    return all(exact_lexemes(term) for term in group)


def _build_in_own_connection(half: int) -> None:
    try:
        with connection.cursor() as cursor:  # this thread's own connection (Django's are per thread)
            _build(cursor, half)
    finally:
        connection.close()


def _build(cursor, half: int) -> None:
    with transaction.atomic():
        # The default maintenance_work_mem builds as fast as more: the accumulated pieces stay in the caches.
        cursor.execute("SET LOCAL maintenance_work_mem = '64MB'")
        # Inside a caller's transaction the entries' deferred foreign-key checks are still pending, and
        # PostgreSQL builds no index on a table with pending trigger events: run them first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"CREATE INDEX {half_index(half)} ON {ENTRY} USING gin ({grams()}) WHERE {half_predicate(half)}")
        # No statistics: ANALYZE would compute every sampled notice's pieces for figures no plan here needs
        # (its queries run with sequential scans priced out).
        cursor.execute(f"ALTER INDEX {half_index(half)} ALTER COLUMN 1 SET STATISTICS 0")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are INITIALLY DEFERRED
