"""Full-text search: the one place jieba is imported, and the one place that branches on the database.

    tokenize(text) -> list[str]              jieba words (rjieba: jieba's dictionary + data/userdict.txt)
    parse_query(q) -> ParsedQuery            how a query string is read (words, "phrases", -exclusions, OR, 文号)
    search(queryset, q, *, order) -> qs      the matching documents, annotated with `search_rank`, best first
                                             (order="relevance") or newest first (order="date")
    matching(queryset, q) -> qs              the same documents as a plain pk IN (…) filter (facet counts)
    ranks(q) -> bool                         whether relevance order scores q's matches (False: newest first)
    unspaced(queryset, q) -> Unspaced | None a query typed without spaces that finds (almost) nothing as
                                             written, read as its jieba words instead
    index_document(document)                 bring the index up to date for one saved document
    index_documents(queryset)                index many documents (after a bulk_create)
    rebuild_index(queryset, progress=None)   empty the index and index every document (manage.py reindex)

What is indexed (documents/search_query.py): character pieces of title and text — ordered bigrams on
SQLite, positionless 1–3-character pieces on PostgreSQL — so a word matches the notices that contain it,
wherever jieba would cut. jieba reads the query for the user (the segmentation line of the search page).

Ranking: a query matching few notices (≤ RANKED_MATCHES) is ranked with the title weighted ×10: by bm25
on SQLite; on PostgreSQL, whose positionless tsvectors give ts_rank nothing to tell notices apart, by how
often each word occurs in the text (bm25's saturating term frequency). A query matching more is made
only of common words, whose scores hardly differ but cost a score per matching notice (bm25 over 100k
matches of 产业: 384 ms, and the sort of them all as much again): those list the newest first, which
SQLite reads off the index in order (the FTS rowid is the date over the entry id) and stops at the page.
A notice whose 文号 is asked for comes first. search() decides which when it is called, from a few
single-piece probes (LIMIT-bounded index reads); the queryset it returns is lazy.

Backends:
- SQLite: table documents_searchentry (one row per document; Django cascades it on delete) and the
  contentless FTS5 table documents_search (rowid = the notice's date over its entry id, tokenize=ascii
  over the bigram text, with a one-character prefix index: 市 reads one doclist, not ~1,500).
  SQLite 3.40 cannot delete from a contentless table without the text once indexed, so a replaced or
  deleted entry's FTS row is left behind, never joined to a document again; `reindex` sweeps them.
  A page is read ids first (_PageRowsLast): SQLite's sorter would otherwise carry every match's texts.
- PostgreSQL: documents_searchentry carries tsvector columns title and body (positionless lexemes, built
  here and matched as they are: the 'simple' configuration's behaviour, no stemming, no stop words) with the
  GIN index documents_search_body_gin, and `folded`, the body as fold() reads it, for the recheck below. A
  query is an AND/OR/NOT of plain lexemes, which GIN answers without a recheck. A word of four or more
  characters is the AND of its pieces, which can stand apart in a notice: a query matching few notices (the
  same probe) is checked against the text as well (containing()), so it is exact; a query matching more is
  not, where the bench finds 1–2% more notices than LIKE for such words. Queries over results run with
  enable_seqscan off (_IndexFirst). rebuild_index drops the GIN index and builds it once at the end, far
  faster than row by row.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import jieba
import rjieba
from django.db import connection, transaction
from django.db.models import F, FloatField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.db.models.sql.where import WhereNode

from documents.search_query import (
    ParsedQuery,
    fold,
    fts5_expression,
    index_terms,
    positive_groups,
    query_problem,
    read_query,
    respelled_query,
    term_grams,
    term_lexemes,
    tsquery_expression,
    tsvector_literal,
    unspaced_runs,
    words_of_run,
)

__all__ = [
    "ParsedQuery",
    "Unspaced",
    "index_document",
    "index_documents",
    "parse_query",
    "rebuild_index",
    "search",
    "tokenize",
]

USER_DICT = Path(__file__).resolve().parent / "data" / "userdict.txt"
RANKED_MATCHES = {"sqlite": 5000, "postgresql": 1000}  # above this a query is all common words
TITLE_WEIGHT = 10.0
DOC_NUMBER_BOOST = 1000.0
AS_WRITTEN_BOOST = 500.0  # a notice holding an unspaced query as typed comes before those holding its words
HANDFUL = 3  # an unspaced query found as written in at most this many notices is read as its words too
ENTRY = "documents_searchentry"
ENTRY_ID_MASK = 0xFFFFFFFF  # the low 32 bits of an FTS rowid: its entry's id (the high bits: the date)
FTS = "documents_search"
GIN = "documents_search_body_gin"

jieba.setLogLevel(60)


def _user_words() -> list[tuple[str, int | None, str | None]]:
    """The policy terms of data/userdict.txt, in jieba's format: word [freq] [tag] per line."""
    words = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not parts[0].startswith("#"):
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            words.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return words


def _segmenter() -> rjieba.Jieba:
    """rjieba (jieba-rs: jieba's own dictionary, ~30× faster) with the user dictionary, loaded once."""
    segmenter = rjieba.Jieba()
    for word, freq, tag in _user_words():
        segmenter.add_word(word, freq, tag)
    return segmenter


_SEGMENTER = _segmenter()


def python_jieba() -> jieba.Tokenizer:
    """jieba itself with the same user dictionary: the reference rjieba is tested against."""
    tokenizer = jieba.Tokenizer()
    for word, freq, tag in _user_words():
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def tokenize(text: str) -> list[str]:
    """jieba's words of a text, spaces left out; the user dictionary keeps policy terms whole.

    >>> tokenize("加快产业集聚区建设，提高亩均税收")
    ['加快', '产业集聚区', '建设', '，', '提高', '亩均税收']
    """
    return [token for token in _SEGMENTER.cut(text) if token.strip()]


def parse_query(query: str) -> ParsedQuery:
    """How a query is read, with jieba's cut of its words for the user.

    >>> parse_query('产业集聚区 "亩均税收" -煤炭').segmentation
    ('产业集聚区', '亩均税收')
    """
    parsed = read_query(query)
    words = tokenize(" ".join(parsed.required + tuple(t for group in parsed.any_of for t in group)))
    return ParsedQuery(
        required=parsed.required,
        any_of=parsed.any_of,
        excluded=parsed.excluded,
        segmentation=tuple(words) + parsed.doc_numbers,
        doc_numbers=parsed.doc_numbers,
    )


def search(queryset, query: str, *, order: str = "relevance", first: str = ""):
    """Documents of `queryset` matching `query`, annotated with `search_rank` (higher is better); with
    `first`, the notices matching that query too come first (an unspaced query as typed: see unspaced()).

    With the samples stored, `search(Document.objects.all(), "产业集聚区 平顶山")` holds the one notice
    2015年平顶山市加快产业集聚区建设专项工作方案 (tests/test_search.py runs such queries on both databases).
    """
    if order not in ("relevance", "date"):
        raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
    parsed = parse_query(query)
    if parsed.is_empty:
        return queryset.none().annotate(search_rank=RawSQL("0.0", (), output_field=FloatField()))
    backend = _BACKENDS[connection.vendor]
    few = (order == "relevance" or backend.rechecks) and backend.few(parsed)
    preferred = parse_query(first) if first and order == "relevance" else None
    scored = order == "relevance" and (few or bool(parsed.doc_numbers))
    ranked = scored or bool(preferred and not preferred.is_empty)
    rank_sql, rank_params = backend.rank(parsed, scored=scored)
    if parsed.doc_numbers:
        marks = ", ".join(["%s"] * len(parsed.doc_numbers))
        rank_sql = (
            f"({rank_sql}) + CASE WHEN documents_document.doc_number IN ({marks}) THEN {DOC_NUMBER_BOOST} ELSE 0 END"
        )
        rank_params = (*rank_params, *parsed.doc_numbers)
    if preferred and not preferred.is_empty:
        ids_sql, ids_params = backend.ids(preferred, recheck=backend.rechecks)
        rank_sql = f"({rank_sql}) + CASE WHEN documents_document.id IN ({ids_sql}) THEN {AS_WRITTEN_BOOST} ELSE 0 END"
        rank_params = (*rank_params, *ids_params)
    where, params = backend.match(parsed, recheck=few)
    unfiltered = not queryset.query.where.children
    matches = queryset.extra(tables=backend.tables, where=where, params=params).annotate(
        search_rank=RawSQL(rank_sql, rank_params, output_field=FloatField())
    )
    matches = backend.results(matches, parsed, unfiltered=unfiltered)
    if not ranked:  # by date, asked for or because every word is common (see the module's docstring)
        return matches.order_by(*backend.newest)
    return matches.order_by(F("search_rank").desc(), *backend.newest)


def ranks(query: str) -> bool:
    """Whether search(…, order="relevance") scores the matches of `query`; False when its words are all
    common and the newest come first (the search page says so). One probe, as search() makes."""
    parsed = parse_query(query)
    return parsed.is_empty or bool(parsed.doc_numbers) or _BACKENDS[connection.vendor].few(parsed)


@dataclass(frozen=True)
class Unspaced:
    """An unspaced query read as its words: what to search for, and what to tell the reader."""

    query: str  # the query searched for: each run replaced by its words
    typed: str  # the query as typed, whose matches (at most HANDFUL) come first
    runs: tuple[str, ...]  # the runs cut
    words: tuple[str, ...]  # the words they were cut into
    as_written: int  # notices holding the query as typed
    quoted: str  # the query as typed with each run in quotes: the exact search, offered as a link


def unspaced(queryset, query: str) -> Unspaced | None:
    """A query holding a run of Chinese typed as one word (2017年政府工作报告) that `queryset` holds as
    written in at most HANDFUL notices, read as its jieba words instead (2017年 政府工作报告), when
    that finds more; None otherwise. Quotes keep a phrase exact. Two counts, each one indexed query.
    Over a collection holding the 2017 report but not the phrase as typed, `unspaced(Document.objects.all(),
    "2017年政府工作报告").words` is ('2017年', '政府工作报告') (tests/test_search_unspaced.py). A run whose words
    would pass the query's bounds (search_query.query_problem) is left as typed.
    """
    replacements = {}
    for run in unspaced_runs(query):
        words = words_of_run(tokenize(run))
        if len(words) > 1:
            replacements[run] = words
    if not replacements:
        return None
    as_written = matching(queryset, query).count()
    if as_written > HANDFUL:
        return None
    respelled = respelled_query(query, replacements)
    if query_problem(respelled) or matching(queryset, respelled).count() <= as_written:
        return None
    words = tuple(word for run in replacements.values() for word in run)
    quoted = respelled_query(query, {run: [f'"{run}"'] for run in replacements})
    return Unspaced(respelled, query, tuple(replacements), words, as_written, quoted)


def query_words(query: str) -> list[str]:
    """The words to mark in a notice opened from a search for `query`: each word and OR alternative, and
    an unspaced run's jieba words too (the run itself is marked where the notice holds it whole).

    >>> query_words("2017年政府工作报告 -国务院")
    ['2017年政府工作报告', '2017年', '政府工作报告']
    >>> query_words("产业 " * 21)  # past the query's bounds: nothing is marked
    []
    """
    if query_problem(query):
        return []
    parsed = read_query(query)
    words = [*parsed.required, *(term for group in parsed.any_of for term in group), *parsed.doc_numbers]
    for run in unspaced_runs(query):
        words += words_of_run(tokenize(run))
    return list(dict.fromkeys(word for word in words if word.strip()))


def in_titles(queryset, query: str):
    """The notices whose title holds each of `query`'s words (one of each OR group); an unspaced run is
    found whole or as its jieba words (2017年政府工作报告 → 2017年 and 政府工作报告). A LIKE per word:
    titles are short, and the full-text match has already cut the set.
    """
    if query_problem(query):
        return queryset.none()
    parsed = read_query(query)
    runs = set(unspaced_runs(query))
    condition = Q()
    for term in parsed.required:
        condition &= _in_title(term, runs)
    for number in parsed.doc_numbers:  # a 文号 stands beside the title, not in it
        condition &= Q(doc_number__icontains=number) | Q(title__icontains=number)
    for group in parsed.any_of:
        either = Q()
        for term in group:
            either |= _in_title(term, runs)
        condition &= either
    for term in parsed.excluded:
        condition &= ~Q(title__icontains=term)
    return queryset.filter(condition)


def _in_title(term: str, runs: set[str]) -> Q:
    whole = Q(title__icontains=term)
    if term not in runs:
        return whole
    words = Q()
    for word in words_of_run(tokenize(term)):
        words &= Q(title__icontains=word)
    return whole | words


def matching(queryset, query: str):
    """Documents of `queryset` matching `query`, unranked: a plain `pk IN (…)` filter on an uncorrelated
    subquery, so that it composes anywhere (facet GROUP BYs, other subqueries). search()'s joins name the
    document table outright, which inside a subquery Django has re-aliased would point at the outer row and
    run the full-text match once per row (one facet took tens of seconds at 10,000 notices).

    With the samples stored, `matching(Document.objects.all(), "产业集聚区 平顶山")` holds the same one notice
    as search().
    """
    parsed = parse_query(query)
    if parsed.is_empty:
        return queryset.none()
    backend = _BACKENDS[connection.vendor]
    few = backend.rechecks and backend.few(parsed)
    sql, params = backend.ids(parsed, recheck=few)
    matches = queryset.filter(pk__in=RawSQL(sql, params))
    return backend.filtered(matches)


class _PageRowsLast(ModelIterable):
    """Rows of a page, found by id first: SQLite's sorter carries whole rows, and a notice's row holds
    its texts (~35 KB), so sorting 10,000 matches for a page of 20 read 350 MB. The ids and ranks are
    sorted first; then only the page's rows are read, by id, with the queryset's select_related, only()
    and other annotations (the conditions are dropped there: those ids met them already)."""

    def __iter__(self):
        ranked = list(self.queryset.values_list("pk", "search_rank"))
        rows = self.queryset._chain()
        rows.query.clear_limits()
        rows.query.clear_ordering(force=True)
        rows.query.where = WhereNode()
        rows.query.extra_tables = ()
        rows.query.annotations["search_rank"] = Value(0.0, output_field=FloatField())
        found = {}
        for start in range(0, len(ranked), 500):  # under SQLite's limit on query parameters
            chunk = [pk for pk, _ in ranked[start : start + 500]]
            found.update((row.pk, row) for row in ModelIterable(rows.filter(pk__in=chunk)))
        for pk, rank in ranked:
            if pk in found:
                found[pk].search_rank = rank
                yield found[pk]


@contextmanager
def _no_seqscan(using):
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class _IndexFirst:
    """PostgreSQL's planner prices `body @@ q` at one operator call a row and, for a word in nearly every
    notice, scans the table instead of the GIN index, unpacking every TOASTed tsvector: 170 ms instead
    of 13 ms at 3,000 notices. Queries over search results run with sequential scans priced out."""

    def count(self):
        with _no_seqscan(self.db):
            return super().count()

    def _fetch_all(self):
        if self._result_cache is None:
            with _no_seqscan(self.db):
                super()._fetch_all()
        super()._fetch_all()  # prefetch_related, if asked for, outside


class _EntriesCounted:
    """The count of an unfiltered SQLite search, over the FTS table and the entries alone. Joining every
    match to its notice's row costs a random read of the wide documents table per match (300 ms for 产业 at
    100k, the entries alone 23 ms); an entry exists only while its notice does (Django cascades it), and
    the entries leave out the FTS rows left behind by updates. search() notes the count's SQL on the query
    (copied with every clone) with the number of conditions it had: a filter added since, a slice, a
    DISTINCT or a combination falls back to Django's own count."""

    def count(self):
        noted = getattr(self.query, "search_count", None)
        query = self.query
        if (
            noted is None
            or self._result_cache is not None
            or query.is_sliced
            or query.distinct
            or query.combinator
            or len(query.where.children) != noted[2]
        ):
            return super().count()
        with connection.cursor() as cursor:
            cursor.execute(noted[0], noted[1])
            return cursor.fetchone()[0]


@cache
def _entries_counted(queryset_class):
    return type(f"Counted{queryset_class.__name__}", (_EntriesCounted, queryset_class), {})


@cache
def _index_first(queryset_class):
    return type(f"Search{queryset_class.__name__}", (_IndexFirst, queryset_class), {})


class _Backend:
    """What both databases share: the cheap bound on a query's matches that picks its ranking."""

    def few(self, parsed) -> bool:
        """Whether the query matches at most RANKED_MATCHES notices: scored, and on PostgreSQL rechecked."""
        limit = RANKED_MATCHES[connection.vendor]
        return self.count_upto(parsed, limit) <= limit

    def count_upto(self, parsed, limit):
        """An upper bound on the matches, when it is at most `limit`: for each word, its rarest piece's
        notices (a bigram or one character on SQLite, a lexeme on PostgreSQL) counted up to limit + 1, all
        in one query. A single piece streams from the index (FTS5 doclist, GIN posting list, no recheck),
        where the whole word would cost as much as the count itself."""
        words = [[self.probes(term) for term in group] for group in positive_groups(parsed)]
        grams = sorted({gram for group in words for grams in group for gram in grams})
        counts = {}
        if grams:
            with self.planned(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT " + ", ".join([f"({self.gram_count_sql})"] * len(grams)),
                    [value for gram in grams for value in (self.gram(gram), limit + 1)],
                )
                counts = dict(zip(grams, cursor.fetchone(), strict=False))

        return min(sum(min(counts[gram] for gram in grams) for grams in group) for group in words)


class _SQLite(_Backend):
    tables = [ENTRY, FTS]
    rechecks = False  # a phrase of bigrams over positions is exact already
    gram_count_sql = f"SELECT count(*) FROM (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s) AS hits"
    planned = staticmethod(nullcontext)
    probes = staticmethod(term_grams)

    @staticmethod
    def gram(gram):  # one character: the prefix of its bigrams, one doclist of the prefix index
        return f'"{gram}"*' if len(gram) == 1 else f'"{gram}"'

    def results(self, matches, parsed, *, unfiltered):
        matches._iterable_class = _PageRowsLast
        if unfiltered:  # counted over the index and its entries alone until a filter is added (_EntriesCounted)
            sql = (
                f"SELECT count(*) FROM {ENTRY}, {FTS} WHERE {ENTRY}.id = ({FTS}.rowid & {ENTRY_ID_MASK}) "
                f"AND {FTS} MATCH %s"
            )
            matches.query.search_count = (sql, [fts5_expression(parsed)], len(matches.query.where.children))
            matches.__class__ = _entries_counted(matches.__class__)
        return matches

    # The FTS rowid is the notice's date over its entry's id (write()): FTS5 hands matches out in rowid
    # order, so newest first is read off the index and stops at the page, with no sort of every match.
    newest = (RawSQL(f"{FTS}.rowid", ()).desc(),)

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
                    _date_key(issued_on) << 32 | cursor.lastrowid,
                    " ".join(index_terms(title)),
                    " ".join(index_terms(text)),
                ],
            )

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {ENTRY}")
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('delete-all')")

    def finish(self, cursor):
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")


class _PostgreSQL(_Backend):
    tables = [ENTRY]
    rechecks = True  # lexemes of a longer word can stand apart in a notice: see containing()
    newest = (F("issued_on").desc(nulls_last=True), "-id")
    gram_count_sql = f"SELECT count(*) FROM (SELECT 1 FROM {ENTRY} WHERE body @@ %s::tsquery LIMIT %s) AS hits"
    probes = staticmethod(term_lexemes)

    @staticmethod
    def planned():
        return _no_seqscan(connection.alias)

    @staticmethod
    def gram(gram):
        return f"'{gram}'"

    def results(self, matches, parsed, *, unfiltered):
        # PostgreSQL sorts rows with their texts still in TOAST: one query, no _PageRowsLast; only the index.
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
        A word passes where the entry's folded text (title, 文号 and text as fold() folds them, stored at
        index time) holds it folded: one strpos, no normalising of whole texts per query (NFKC over every
        candidate's text in each of a page's queries took seconds for an OR of a common word).
        Exclusions stay with the index: a notice holding every piece of an excluded word is left out."""
        for group in positive_groups(parsed):
            if all(len(fold(term)) <= 3 for term in group):  # each word is one lexeme: the index is exact
                continue
            tests = " OR ".join([f"strpos({ENTRY}.folded, %s) > 0"] * len(group))
            yield f"({tests})", [fold(term) for term in group]

    @staticmethod
    def filtered(matches):
        matches.__class__ = _index_first(matches.__class__)  # the GIN index, not a scan (see _IndexFirst)
        return matches

    def rank(self, parsed, *, scored):
        positive = tsquery_expression(parsed, positive_only=True)
        if not scored:
            return "0.0", ()
        in_title = f"CASE WHEN {ENTRY}.title @@ %s::tsquery THEN 1.0 ELSE 0.0 END"
        # Each word's occurrences in the text, saturating as bm25's do (k1 = 1.2), over at most
        # RANKED_MATCHES notices (one read of the text per word: ~90 µs a notice); spaces aside, the text
        # holds the word as the index does.
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

    def finish(self, cursor):
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


_BACKENDS = {"sqlite": _SQLite(), "postgresql": _PostgreSQL()}


def index_document(document) -> None:
    """Bring the search index up to date for one saved document (ingest calls this in its transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        row = (document.pk, document.issued_on, document.title, document.doc_number, document.clean_text)
        _BACKENDS[connection.vendor].write(cursor, [_indexed(*row)])


def _date_key(issued_on) -> int:
    """A notice's date as the high bits of its FTS rowid: later is larger, no date is the smallest."""
    if isinstance(issued_on, str):  # a date assigned as text is saved as such, and stays text on the instance
        issued_on = date.fromisoformat(issued_on[:10])
    return issued_on.toordinal() if issued_on else 0


def _indexed(pk, issued_on, title, doc_number, clean_text) -> tuple[int, object, str, str]:
    """What is indexed for a notice: its title alone (for the title boost), and as its body the title,
    the 文号 as Document keeps it (〔〕) and the text, so that a title edited in the admin, or a 文号 the
    text writes in another way or not at all, still finds its notice on either database."""
    return pk, issued_on, title, "\n".join(part for part in (title, doc_number, clean_text) if part)


def rebuild_index(queryset, *, batch_size: int = 200, progress=None, finishing=None) -> int:
    """Empty the index and index every document of `queryset` again; `progress(done, total)` per batch,
    `finishing()` before the database's own index is built (PostgreSQL's GIN index: minutes at 100k)."""
    with transaction.atomic(), connection.cursor() as cursor:
        _BACKENDS[connection.vendor].clear(cursor)
    return index_documents(queryset, batch_size=batch_size, progress=progress, finishing=finishing)


def index_documents(queryset, *, batch_size: int = 200, progress=None, finishing=None) -> int:
    """Index (again) every document of `queryset`, e.g. after a bulk_create, which index_document misses."""
    backend = _BACKENDS[connection.vendor]
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            rows = (
                queryset.model.objects.filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "issued_on", "title", "doc_number", "clean_text")
            )
            with transaction.atomic():
                backend.write(cursor, [_indexed(*row) for row in rows])
            if progress:
                progress(start + len(chunk), len(pks))
        if finishing:
            finishing()
        backend.finish(cursor)
    return len(pks)


def analyze_tables(tables: list[str]) -> None:
    """Fresh planner statistics for `tables` after a batch of writes: PostgreSQL plans the index query from
    them (ANALYZE); SQLite's planner keeps none that these queries use."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")
