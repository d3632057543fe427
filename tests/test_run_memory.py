"""documents/run_memory.py: a batch run reads the rows its notices share once, and reads afresh a row deleted meanwhile."""

from __future__ import annotations

import pytest

from documents import run_memory
from documents.ingest import ADDED, ingest_file
from documents.models import Document, ResponsibleUnit, Theme
from documents.parsed_rows import themes_named, units_named
from documents.run_memory import forget_rows, memory, remembered_rows
from tests.conftest import NOTICES


@pytest.mark.django_db
def test_a_run_reads_each_theme_and_unit_once(django_assert_num_queries):
    with remembered_rows():
        themes = themes_named(["数字经济", "科技创新"])
        units = units_named(["市发改委", "市财政局"], region=None)
        with django_assert_num_queries(0):
            assert themes_named(["科技创新", "数字经济"]) == themes[::-1]
            assert units_named(["市财政局", "市发改委"], region=None) == units
        with django_assert_num_queries(3):  # a new name: read, created, read back
            assert units_named(["市发改委", "市工信局"], region=None)["市工信局"].name == "市工信局"
    # Outside a run every call reads, so that an edit in the admin is seen at once.
    with django_assert_num_queries(1):
        themes_named(["数字经济"])


def test_outside_a_run_there_is_no_memory_and_nothing_to_forget():
    assert memory("units") is None
    assert forget_rows() is False
    with remembered_rows():
        memory("units")["x"] = 1
        assert forget_rows() is True
        assert memory("units") == {}
    assert memory("units") is None


def test_a_kind_starts_again_when_it_would_hold_too_much(monkeypatch):
    monkeypatch.setattr(run_memory, "REMEMBERED", 2)
    with remembered_rows():
        units = memory("units")
        units["a"], units["b"] = 1, 2
        units["a"] = 3  # a key it holds: kept
        assert units == {"a": 3, "b": 2}
        units["c"] = 4
        assert units == {"c": 4}


@pytest.mark.django_db(transaction=True)
def test_a_row_deleted_during_a_run_is_read_afresh_and_the_notice_is_written():
    """An editor deletes a notice and then the units and themes only it used, while a run that remembers them
    goes on: the run's next notice naming them would refer to rows that are gone. The write fails on the
    foreign key, the run forgets what it remembered, and the notice is written with the rows created again."""
    path = NOTICES / "changde-2007.txt"
    with remembered_rows():
        first = ingest_file(path)
        units = set(first.document.responsibilities.values_list("unit__name", flat=True))
        themes = set(first.document.themes.values_list("name", flat=True))
        assert units and themes and memory("units") and memory("themes")
        Document.objects.all().delete()
        ResponsibleUnit.objects.all().delete()
        Theme.objects.all().delete()
        again = ingest_file(path)
    assert again.status == ADDED
    document = Document.objects.get()
    assert set(document.responsibilities.values_list("unit__name", flat=True)) == units
    assert set(document.themes.values_list("name", flat=True)) == themes
    assert ResponsibleUnit.objects.filter(name__in=units).count() == len(units)
