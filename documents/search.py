"""Full-text search: the one place jieba is imported. (First cut; the search issue builds the backends.)

The interface the pages code against:
    parse_query(q) -> ParsedQuery           how a query string is read (words, "phrases", -exclusions, OR)
    search(queryset, q, *, order) -> qs     the matching documents, annotated with `search_rank`, best first
                                            (order="relevance") or newest first (order="date")
    index_document(document)                bring the index up to date for one saved document
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import jieba
from django.db.models import FloatField, Q, Value

jieba.setLogLevel(60)


def tokenize(text: str) -> list[str]:
    """Split Chinese text into search tokens.

    >>> tokenize("加快产业集聚区建设")[:2]
    ['加快', '产业']
    """
    return [token for token in jieba.cut_for_search(text) if token.strip()]


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[str, ...] = ()  # words and "phrases": every one must match
    any_of: tuple[tuple[str, ...], ...] = ()  # groups joined by OR: one of each group must match
    excluded: tuple[str, ...] = ()  # -word
    segmentation: tuple[str, ...] = field(default=())  # how the words were cut, shown to the user

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.any_of)


def parse_query(query: str) -> ParsedQuery:
    """Read a query string (stand-in until the search issue: whitespace words, "phrases", -word)."""
    required, excluded = [], []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', query or ""):
        term = phrase or word
        if term.startswith("-") and len(term) > 1:
            excluded.append(term[1:])
        elif term != "OR":
            required.append(term)
    return ParsedQuery(required=tuple(required), excluded=tuple(excluded), segmentation=tuple(tokenize(query or "")))


def search(queryset, query: str, *, order: str = "relevance"):
    """Documents of `queryset` matching `query`, annotated with `search_rank` (stand-in: a LIKE scan)."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return queryset.none()
    condition = Q()
    for term in parsed.required:
        condition &= Q(clean_text__contains=term)
    for term in parsed.excluded:
        condition &= ~Q(clean_text__contains=term)
    matches = queryset.filter(condition).annotate(search_rank=Value(0.0, output_field=FloatField()))
    return matches.order_by("-issued_on", "-id")


def index_document(document) -> None:
    """Bring the search index up to date for one saved document (the search issue fills this in)."""
