"""The search page's read: one page of ranked notices, facet counts, and looser queries on zero hits.

A selector in the HackSoft sense, with django-filter inside: the engine (Document.objects.search) finds
and ranks, DocumentFilter narrows and counts. The page costs a fixed number of queries — a count, a
page, one GROUP BY per facet, the engine's cheap probes, and on a zero-hit page one count per suggestion (at most
suggestions.MAX_SUGGESTIONS), and for a query holding an unspaced run two counts (search.unspaced) —
whatever the size of the collection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models.functions import Left
from django.http import QueryDict

from documents import search, suggestions
from documents.filters import DocumentFilter, Facet, error_messages, without_errors
from documents.models import KIND_CHOICES, Document
from documents.search import ParsedQuery, Unspaced, parse_query
from documents.search.query import QUERY_LIMITS, query_problem
from documents.snippets import SCANNED

PAGE_SIZE = 20
ORDERS = ("relevance", "date")


@dataclass(frozen=True)
class Suggestion:
    looser: suggestions.Looser
    count: int
    query: str  # the page's query string for it


@dataclass(frozen=True)
class SearchResults:
    query: str
    parsed: ParsedQuery
    order: str
    page: Page
    facets: list[Facet]
    words: list[str]  # marked in titles and snippets
    filtered: bool
    errors: list[tuple[str, str]] = field(default_factory=list)  # (label, message) of each ignored filter
    looser: list[Suggestion] = field(default_factory=list)
    sorts: dict[str, str] = field(default_factory=dict)  # order -> the page's query string sorted so
    common_words: bool = False  # relevance was asked for, but every word is common: the newest come first
    count_estimated: bool = False  # the count is estimated (search.count_is_estimate); the page is checked
    limits: str = QUERY_LIMITS  # stated under the search box
    kinds: tuple = KIND_CHOICES  # the document-kind select's options
    refused: str = ""  # why the query was not run (past a bound of search.query.query_problem)

    @property
    def invalid(self) -> bool:
        """A parameter was refused or ignored: the page says why and is sent with status 400."""
        return bool(self.refused or self.errors)

    unspaced: Unspaced | None = None  # the query was read as its words (the page says so)
    as_typed: str = ""  # the page's query string searching the unspaced runs as typed (quoted)


def _with(data: QueryDict, **values) -> str:
    query = data.copy()
    query.pop("page", None)
    for key, value in values.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


def _matches(query: str, order: str, unspaced: Unspaced | None):
    if not query.strip():
        return Document.objects.newest_first()  # no words: the filters browse the whole collection
    if unspaced:  # the few notices holding the query as typed first, then those holding its words
        return Document.objects.search(unspaced.query, order=order, first=unspaced.typed if unspaced.as_written else "")
    return Document.objects.search(query, order=order)


def search_results(*, data: QueryDict, page_size: int = PAGE_SIZE) -> SearchResults:
    """What /search/?q=…&order=…&province=…&page=… shows."""
    query = (data.get("q") or "").strip()
    order = data.get("order") if data.get("order") in ORDERS else ("relevance" if query else "date")
    refused = query_problem(query)
    if refused:  # nothing is searched: the page keeps the query in its box, says which bound it passed
        return _refused(data, query, order, refused, page_size)
    unspaced = Document.objects.unspaced(query) if query else None
    searched = unspaced.query if unspaced else query
    matches = _matches(query, order, unspaced)
    given = DocumentFilter(data, queryset=matches)
    found = given if given.is_valid() else without_errors(given)
    # A snippet reads the start of a text only (snippets.SCANNED): a 10 MB notice is not fetched whole.
    listed = found.qs.with_places().defer("raw_text", "clean_text").annotate(opening=Left("clean_text", SCANNED + 1))
    page = Paginator(listed, page_size).get_page(data.get("page"))
    # Facets count over the matches, unranked: the engine's ranking (and its joins) stay out of the GROUP BYs.
    every = Document.objects.matching(searched) if query else Document.objects.all()
    facet_base = DocumentFilter(found.data, queryset=every)
    parsed = parse_query(searched)
    return SearchResults(
        query=query,
        parsed=parsed,
        order=order,
        page=page,
        facets=facet_base.facets(),
        words=suggestions.match_words(parsed),
        filtered=found.active,
        errors=error_messages(given),
        looser=_looser(found.data, parsed, filtered=found.active) if query and not page.paginator.count else [],
        sorts={name: _with(found.data, order=name) for name in ORDERS},
        common_words=bool(query) and order == "relevance" and not unspaced and not search.ranks(searched),
        count_estimated=search.count_is_estimate(page.paginator.object_list),
        unspaced=unspaced,
        as_typed=_with(found.data, q=unspaced.quoted) if unspaced else "",
    )


def _refused(data: QueryDict, query: str, order: str, refused: str, page_size: int) -> SearchResults:
    return SearchResults(
        query=query,
        parsed=ParsedQuery(),
        order=order,
        page=Paginator(Document.objects.none(), page_size).get_page(1),
        facets=[],
        words=[],
        filtered=False,
        refused=refused,
    )


def _looser(data: QueryDict, parsed: ParsedQuery, *, filtered: bool) -> list[Suggestion]:
    """The looser queries that find something, each with its count (one query each, a few at most)."""
    found = []
    for looser in suggestions.looser_queries(parsed, filtered=filtered):
        matches = Document.objects.search(looser.query)
        if looser.kind == "drop-filters":
            count, query = matches.count(), QueryDict(mutable=True)
            query["q"] = looser.query
            query_string = query.urlencode()
        else:
            count, query_string = DocumentFilter(data, queryset=matches).qs.count(), _with(data, q=looser.query)
        if count:
            found.append(Suggestion(looser, count, query_string))
    return found
