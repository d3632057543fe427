"""What the two databases' backends share: the names of the index tables and the cheap bound on a query's
matches that decides whether it is ranked (and on PostgreSQL rechecked)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

from django.db import connection

from documents.search.query import positive_groups

ENTRY = "documents_searchentry"  # one row per document; Django cascades it when the document goes
TITLE_WEIGHT = 10.0


@dataclass(frozen=True)
class Later:
    """A check of a query's words that search() leaves for the page and the count to apply lazily
    (django_internals.checked_lazily): the SQL condition over the entries, and check(ids), the ids passing it."""

    condition: str
    params: list
    check: Callable[[list[int]], set[int]]


@dataclass(frozen=True)
class Match:
    """What search() adds to the queryset: conditions over the backend's tables(), and perhaps a Later."""

    where: list[str]
    params: list
    later: Later | None = None


class Backend:
    ranked_matches = 0  # above this many matches a query is all common words: newest first, not scored
    rechecks = False  # whether a query matching few notices is checked against the text behind the index

    @staticmethod
    def pieces(title: str, body: str) -> tuple:
        """What the index holds of a notice's title and body, worked out without the database (write() stores it)."""
        raise NotImplementedError

    def write(self, cursor, rows) -> None:
        """Store rows of (document id, date, pieces()), replacing the documents' earlier entries."""
        raise NotImplementedError

    def gram_count(self, gram, limit) -> tuple[str, list]:
        """SQL counting the notices holding one piece, up to limit + 1."""
        raise NotImplementedError

    @staticmethod
    def planned():
        return nullcontext()

    def few(self, parsed) -> bool:
        """Whether the query matches at most ranked_matches notices: scored, and on PostgreSQL rechecked."""
        return self.count_upto(parsed, self.ranked_matches) <= self.ranked_matches

    def count_upto(self, parsed, limit):
        """An upper bound on the matches, when it is at most `limit`: for each word, its rarest piece's
        notices counted up to limit + 1, all in one query. A single piece streams from the index (FTS5
        doclist, GIN posting list, no recheck), where the whole word would cost as much as the count itself."""
        words = [[self.probes(term) for term in group] for group in positive_groups(parsed)]
        grams = sorted({gram for group in words for grams in group for gram in grams})
        counts = {}
        if grams:
            counts_sql = [self.gram_count(gram, limit) for gram in grams]
            with self.planned(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT " + ", ".join(f"({sql})" for sql, _ in counts_sql),
                    [value for _, params in counts_sql for value in params],
                )
                counts = dict(zip(grams, cursor.fetchone(), strict=False))
        return min(sum(min(counts[gram] for gram in grams) for grams in group) for group in words)
