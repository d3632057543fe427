"""documents/search/django_internals.py against the installed Django. Each helper there leans on Django's
private API; these tests fail, naming that module, when a Django upgrade changes what it leans on."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db.models import FloatField, Value

from documents.models import Document
from documents.search import django_internals

CHANGED = "Django's private API changed: see documents/search/django_internals.py"


@pytest.fixture
def notices(shared_samples):
    return Document.objects.annotate(search_rank=Value(1.5, output_field=FloatField()))


def test_condition_count_reads_the_top_level_conditions(notices):
    assert django_internals.condition_count(notices) == 0, CHANGED
    assert django_internals.condition_count(notices.filter(pk__gt=0).exclude(title="")) == 2, CHANGED


def test_rows_after_ids_gives_the_rows_and_order_a_plain_read_gives(notices, django_assert_max_num_queries):
    ordered = notices.filter(pk__gt=0).select_related("city").order_by("-issued_on", "-pk")
    expected = [(row.pk, row.title, row.search_rank) for row in ordered[:3]]
    page = django_internals.rows_after_ids(ordered, "search_rank")[:3]
    with django_assert_max_num_queries(2):  # the ids, then the page's rows with their cities (select_related)
        rows = list(page)
        cities = [row.city for row in rows]
    assert [(row.pk, row.title, row.search_rank) for row in rows] == expected, CHANGED
    assert cities == [row.city for row in ordered[:3]]


def test_counted_by_counts_with_its_sql_until_the_queryset_changes(notices):
    counted = django_internals.counted_by(notices.filter(pk__gt=0), "SELECT 42", [])
    assert counted.count() == 42, CHANGED
    assert counted.order_by("title").count() == 42, CHANGED  # the note rides on clones
    assert counted.filter(pk__lt=0).count() == 0, CHANGED  # a condition added: Django's own count
    assert counted[:2].count() == 2, CHANGED  # a slice: Django's own count
    assert counted.distinct().count() == Document.objects.count(), CHANGED


def test_run_inside_wraps_the_count_and_the_rows(notices):
    entered = []

    @contextmanager
    def noting(alias):
        entered.append(alias)
        yield

    inside = django_internals.run_inside(notices.order_by("pk"), noting)
    assert inside.count() == Document.objects.count()
    assert [row.pk for row in inside] == list(Document.objects.order_by("pk").values_list("pk", flat=True))
    assert entered == ["default", "default"], CHANGED
    assert type(inside.filter(pk__gt=0)) is type(inside), CHANGED  # clones keep the class


def _even(ids):
    return {pk for pk in ids if pk % 2 == 0}


@pytest.fixture
def lazily_even(notices):
    """The notices with an even id, that condition applied lazily; check() calls noted."""
    checked = []

    def check(ids):
        checked.append(list(ids))
        return _even(ids)

    ordered = notices.order_by("-issued_on", "-pk")
    lazy = django_internals.checked_lazily(ordered, "(documents_document.id & 1) = %s", [0], check, "search_rank")
    exact = [row.pk for row in ordered if row.pk % 2 == 0]
    return lazy, exact, checked


def test_checked_lazily_pages_check_only_the_candidates_they_need(lazily_even, monkeypatch):
    lazy, exact, checked = lazily_even
    assert len(exact) >= 2, "the samples hold at least two notices of even id"
    monkeypatch.setattr(django_internals, "FIRST_CANDIDATES", 1)
    assert [row.pk for row in lazy[:1]] == exact[:1], CHANGED
    assert sum(map(len, checked)) < Document.objects.count(), "a first page of one checked every candidate"
    assert [row.pk for row in lazy[1:3]] == exact[1:3], CHANGED
    assert {row.search_rank for row in lazy[:2]} == {1.5}, CHANGED  # the annotation as the candidates had it
    assert [row.pk for row in lazy.filter(pk__gt=0)[:2]] == exact[:2], CHANGED  # a filter added later: still lazy
    assert list(lazy[len(exact) : len(exact) + 5]) == [], CHANGED  # past the last match: an empty page


def test_checked_lazily_reads_of_every_match_apply_the_condition_in_sql(lazily_even):
    lazy, exact, checked = lazily_even
    assert [row.pk for row in lazy] == exact, CHANGED
    assert list(lazy.values_list("pk", flat=True)) == exact, CHANGED
    assert lazy.filter(pk=exact[0]).exists(), CHANGED
    assert checked == [], "a whole read went through check() instead of SQL"


def test_checked_lazily_counts_exactly_then_estimates_from_a_sample(lazily_even, monkeypatch):
    lazy, exact, checked = lazily_even
    counted = lazy.all()
    assert counted.count() == len(exact) and not django_internals.count_is_estimate(counted), CHANGED
    monkeypatch.setattr(django_internals, "COUNTED_EXACTLY", 0)
    monkeypatch.setattr(django_internals, "CHECKED_SAMPLE", 2)
    estimated = lazy.all()
    sample = list(Document.objects.order_by().values_list("pk", flat=True)[:2])  # the table's own order
    share = len(_even(sample)) / 2
    assert estimated.count() == round(Document.objects.count() * share), CHANGED
    assert django_internals.count_is_estimate(estimated), CHANGED
    assert lazy[:1].count() == min(1, len(exact)), CHANGED  # a slice: Django's own count, in SQL
