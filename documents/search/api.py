"""The public calls of search: what views, models, filters and commands use.

    parse_query(q) -> ParsedQuery            how a query is read, with jieba's cut of its words for the reader
    search(queryset, q, *, order) -> qs      the matching documents, annotated with `search_rank`, best first
                                             (order="relevance") or newest first (order="date")
    matching(queryset, q) -> qs              the same documents as a plain pk IN (…) filter (facet counts)
    ranks(q) -> bool                         whether relevance order scores q's matches (False: newest first)
    unspaced(queryset, q) -> Unspaced | None a query typed without spaces that finds (almost) nothing as
                                             written, read as its jieba words instead
    query_words(q), in_titles(queryset, q)   the words to mark in a notice; the notices with them in the title

Ranking: a query matching few notices (the backend's ranked_matches) is ranked with the title weighted: by
bm25 on SQLite, by each word's saturating frequency on PostgreSQL. A query matching more is made only of
common words, whose scores hardly differ but cost a score per matching notice: those list the newest first.
A notice whose 文号 is asked for comes first. search() decides which when it is called, from a few
single-piece probes (LIMIT-bounded index reads); the queryset it returns is lazy.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, FloatField, Q
from django.db.models.expressions import RawSQL

from documents.search import django_internals
from documents.search.backend import Backend
from documents.search.postgresql import PostgreSQLBackend
from documents.search.query import (
    ParsedQuery,
    query_problem,
    read_query,
    respelled_query,
    unspaced_runs,
    words_of_run,
)
from documents.search.sqlite import SQLiteBackend
from documents.search.tokenizer import tokenize

DOC_NUMBER_BOOST = 1000.0
AS_WRITTEN_BOOST = 500.0  # a notice holding an unspaced query as typed comes before those holding its words
HANDFUL = 3  # an unspaced query found as written in at most this many notices is read as its words too

_BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def current_backend() -> Backend:
    """The backend of the database in use."""
    return _BACKENDS[connection.vendor]


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
    2015年平顶山市加快产业集聚区建设专项工作方案 (tests/search/test_api.py runs such queries on both databases).
    """
    if order not in ("relevance", "date"):
        raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
    parsed = parse_query(query)
    if parsed.is_empty:
        return queryset.none().annotate(search_rank=RawSQL("0.0", (), output_field=FloatField()))
    backend = current_backend()
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
    found = backend.match(parsed, recheck=few)
    unfiltered = not django_internals.condition_count(queryset)
    matches = queryset.extra(tables=backend.tables(parsed), where=found.where, params=found.params).annotate(
        search_rank=RawSQL(rank_sql, rank_params, output_field=FloatField())
    )
    if found.later:  # checked page by page, the count estimated: see django_internals.checked_lazily
        later = found.later
        matches = django_internals.checked_lazily(matches, later.condition, later.params, later.check, "search_rank")
    matches = backend.results(matches, parsed, unfiltered=unfiltered)
    if not ranked:  # by date, asked for or because every word is common (see this module's docstring)
        return matches.order_by(*backend.newest(parsed))
    return matches.order_by(F("search_rank").desc(), *backend.newest(parsed))


def count_is_estimate(matches) -> bool:
    """Whether the last count() of search()'s matches was an estimate: a query of longer words with many
    candidates, whose check on the text a page applies to the notices it shows (see PostgreSQLBackend.match)."""
    return django_internals.count_is_estimate(matches)


def ranks(query: str) -> bool:
    """Whether search(…, order="relevance") scores the matches of `query`; False when its words are all
    common and the newest come first (the search page says so). One probe, as search() makes."""
    parsed = parse_query(query)
    return parsed.is_empty or bool(parsed.doc_numbers) or current_backend().few(parsed)


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
    "2017年政府工作报告").words` is ('2017年', '政府工作报告') (tests/search/test_unspaced.py). A run whose words
    would pass the query's bounds (query.query_problem) is left as typed.
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
    backend = current_backend()
    few = backend.rechecks and backend.few(parsed)
    sql, params = backend.ids(parsed, recheck=few)
    matches = queryset.filter(pk__in=RawSQL(sql, params))
    return backend.filtered(matches)
