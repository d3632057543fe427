"""Every use of Django's private API in the project, in one place.

Search results need four things Django's public QuerySet API does not offer: reading a page's rows by id
after sorting ids alone, counting with SQL of our own while the queryset is unchanged, running its queries
inside a database setting (PostgreSQL's planner hint), and a condition a page and a count apply lazily while
any other read applies it in SQL. Each is a small function here over QuerySet and Query internals
(_iterable_class, _fetch_all, _result_cache, query.where and its nodes, the class of a queryset, attributes a
Query carries through clone()). tests/search/test_django_internals.py checks each against the installed Django and
fails, naming this module, when an upgrade changes them.
"""

from __future__ import annotations

from functools import cache

from django.db import connections
from django.db.models import FloatField, Value
from django.db.models.query import ModelIterable
from django.db.models.sql.where import WhereNode

ID_CHUNK = 500  # ids per IN (…) list: under SQLite's limit on query parameters
CHECKED_SAMPLE = 200  # candidates checked to estimate the share that passes a lazy condition
COUNTED_EXACTLY = 1000  # candidates up to which a lazy condition's count is exact
FIRST_CANDIDATES = 100  # candidates read for a page's first chunk at least; each further chunk doubles


def condition_count(queryset) -> int:
    """How many conditions the queryset's WHERE holds at its top level (0: unfiltered)."""
    return len(queryset.query.where.children)


def rows_after_ids(queryset, annotation: str):
    """The queryset, read ids and `annotation` first (sorted and sliced by the database), then only the
    page's rows by id. SQLite's sorter carries whole rows, and a notice's row holds its texts, so sorting
    every match for one page read far more than the page."""
    queryset._iterable_class = _rows_after_ids(annotation)
    return queryset


@cache
def _rows_after_ids(annotation: str):
    return type("RowsAfterIds", (_RowsAfterIds,), {"annotation": annotation})


class _RowsAfterIds(ModelIterable):
    annotation = ""

    def __iter__(self):
        yield from _rows_by_id(self.queryset, list(self.queryset.values_list("pk", self.annotation)), self.annotation)


def _rows_by_id(queryset, ranked: list[tuple], annotation: str):
    """The rows of `ranked`'s ids, in its order, each with `annotation` set to its value there. The rows keep the
    queryset's select_related, only() and other annotations; its conditions, order and slice are dropped, since
    the ids met them already."""
    rows = queryset._chain()
    rows.query.clear_limits()
    rows.query.clear_ordering(force=True)
    rows.query.where = WhereNode()
    rows.query.extra_tables = ()
    rows.query.annotations[annotation] = Value(0.0, output_field=FloatField())
    found = {}
    for start in range(0, len(ranked), ID_CHUNK):
        chunk = [pk for pk, _ in ranked[start : start + ID_CHUNK]]
        # Read as plain model rows: the caller's _fetch_all runs any prefetch_related once, on the page.
        found.update((row.pk, row) for row in ModelIterable(rows.filter(pk__in=chunk)))
    for pk, value in ranked:
        if pk in found:
            setattr(found[pk], annotation, value)
            yield found[pk]


def counted_by(queryset, sql: str, params: list):
    """The queryset, whose count() runs `sql` instead of Django's own count while no condition, slice,
    DISTINCT or combination has been added to it since (the note rides on the Query, which clone() copies)."""
    queryset.query.counted_by = (sql, params, condition_count(queryset))
    queryset.__class__ = _with(_CountedBy, queryset.__class__)
    return queryset


class _CountedBy:
    def count(self):
        noted = getattr(self.query, "counted_by", None)
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
        with connections[self.db].cursor() as cursor:
            cursor.execute(noted[0], noted[1])
            return cursor.fetchone()[0]


def run_inside(queryset, context):
    """The queryset, whose count and rows are read inside `context(alias)` (a context manager)."""
    queryset.query.run_inside = context
    queryset.__class__ = _with(_RunInside, queryset.__class__)
    return queryset


class _RunInside:
    def count(self):
        with self.query.run_inside(self.db):
            return super().count()

    def _fetch_all(self):
        if self._result_cache is None:
            with self.query.run_inside(self.db):
                super()._fetch_all()
        super()._fetch_all()  # prefetch_related, if asked for, outside


@cache
def _with(mixin, queryset_class):
    if issubclass(queryset_class, mixin):
        return queryset_class
    return type(f"{mixin.__name__.strip('_')}{queryset_class.__name__}", (mixin, queryset_class), {})


def checked_lazily(queryset, condition: str, params, check, annotation: str):
    """The queryset with `condition` (SQL over its tables) added, applied lazily where a page and its count
    need not apply it to every candidate:

    - a slice's rows: the candidates (the queryset without the condition) are read in order a chunk at a
      time, each chunk's ids passed to `check(ids)`, which returns those meeting the condition, until the
      slice is full; then the page's rows are read by id (with `annotation` as the candidates had it);
    - count(): up to COUNTED_EXACTLY candidates, exact (each candidate's id checked); past them, the
      candidates' count scaled by the share of CHECKED_SAMPLE of them that pass: an estimate, which
      count_is_estimate() then tells.

    Any other read (the whole queryset, values(), exists()) applies the condition in SQL, exactly."""
    checked = queryset.extra(where=[condition], params=params)
    node = checked.query.where.children[-1]  # Django's ExtraWhere: clones share it (it has no clone())
    checked.query.checked_lazily = (node, check, annotation)
    checked._iterable_class = _PagesCheckedLazily
    checked.__class__ = _with(_CountCheckedLazily, checked.__class__)
    return checked


def count_is_estimate(queryset) -> bool:
    """Whether the queryset's last count() was an estimate (see checked_lazily())."""
    return getattr(queryset, "_count_is_estimate", False)


def _lazy_note(queryset):
    """The queryset's lazy condition, check and annotation, while its WHERE still holds the condition."""
    noted = getattr(queryset.query, "checked_lazily", None)
    if noted is None or not any(child is noted[0] for child in queryset.query.where.children):
        return None
    return noted


def _candidates(queryset, node):
    """The queryset without the lazy condition and without a slice: the candidates."""
    candidates = queryset._chain()
    candidates.query.where.children = [child for child in candidates.query.where.children if child is not node]
    candidates.query.clear_limits()
    return candidates


class _CountCheckedLazily:
    def count(self):
        noted = _lazy_note(self)
        query = self.query
        self._count_is_estimate = False
        if noted is None or self._result_cache is not None or query.is_sliced or query.distinct or query.combinator:
            return super().count()
        node, check, _ = noted
        candidates = _candidates(self, node)
        total = candidates.count()
        ids = candidates.order_by().values_list("pk", flat=True)  # the table's own order: no sort of every one
        if total <= COUNTED_EXACTLY:  # each candidate checked once, not within the count's SQL
            return len(check(list(ids)))
        # The sample: the first CHECKED_SAMPLE in the table's order, which is how notices were stored, not
        # what they say.
        sample = list(ids[:CHECKED_SAMPLE])
        self._count_is_estimate = True
        return round(total * len(check(sample)) / len(sample)) if sample else 0


class _PagesCheckedLazily(ModelIterable):
    def __iter__(self):
        queryset, query = self.queryset, self.queryset.query
        noted = _lazy_note(queryset)
        if noted is None or query.high_mark is None:
            yield from ModelIterable(queryset, self.chunked_fetch, self.chunk_size)
            return
        node, check, annotation = noted
        low, high = query.low_mark, query.high_mark
        candidates = _candidates(queryset, node).values_list("pk", annotation)
        passing, start, step = [], 0, max(2 * high, FIRST_CANDIDATES)
        while len(passing) < high:
            chunk = list(candidates[start : start + step])
            kept = check([pk for pk, _ in chunk]) if chunk else set()
            passing += [(pk, value) for pk, value in chunk if pk in kept]
            if len(chunk) < step:
                break
            start, step = start + step, step * 2
        yield from _rows_by_id(queryset, passing[low:high], annotation)
