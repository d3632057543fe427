"""Every use of Django's private API in the project, in one place.

Search results need three things Django's public QuerySet API does not offer: reading a page's rows by id
after sorting ids alone, counting with SQL of our own while the queryset is unchanged, and running its queries
inside a database setting (PostgreSQL's planner hint). Each is a small function here over QuerySet and Query
internals (_iterable_class, _fetch_all, _result_cache, query.where, the class of a queryset, attributes a Query
carries through clone()). tests/search/test_django_internals.py checks each against the installed Django and
fails, naming this module, when an upgrade changes them.
"""

from __future__ import annotations

from functools import cache

from django.db import connections
from django.db.models import FloatField, Value
from django.db.models.query import ModelIterable
from django.db.models.sql.where import WhereNode

ID_CHUNK = 500  # ids per IN (…) list: under SQLite's limit on query parameters


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
        ranked = list(self.queryset.values_list("pk", self.annotation))
        rows = self.queryset._chain()
        # The page's rows keep the queryset's select_related, only() and other annotations; its conditions,
        # order and slice are dropped, since the ids met them already.
        rows.query.clear_limits()
        rows.query.clear_ordering(force=True)
        rows.query.where = WhereNode()
        rows.query.extra_tables = ()
        rows.query.annotations[self.annotation] = Value(0.0, output_field=FloatField())
        found = {}
        for start in range(0, len(ranked), ID_CHUNK):
            chunk = [pk for pk, _ in ranked[start : start + ID_CHUNK]]
            found.update((row.pk, row) for row in ModelIterable(rows.filter(pk__in=chunk)))
        for pk, value in ranked:
            if pk in found:
                setattr(found[pk], self.annotation, value)
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
