"""documents/search/sqlite.py: the keys that order the index by date, and the rebuild that gives pages back.
SQLite only (the PostgreSQL backend keys nothing by date)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from documents.models import Document, SearchEntry
from documents.search import rebuild_index, sqlite
from tests.synthetic import add_notice

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend"),
]
DAY = date(2021, 6, 30)


def key_of(document: Document) -> int:
    return SearchEntry.objects.get(document=document).id


def notice(title: str, issued: date | None = DAY) -> Document:
    return add_notice(city="330800", title=title, issued=issued)


def test_a_key_is_the_day_over_the_notices_number_that_day():
    first, second = notice("衢州市数字经济发展方案"), notice("衢州市制造业发展方案")
    day = sqlite.date_key(DAY)
    assert (key_of(first), key_of(second)) == (day << sqlite.DAY_BITS | 1, day << sqlite.DAY_BITS | 2)


def test_a_key_is_never_handed_out_twice():
    # The contentless FTS tables keep a replaced entry's rows: a reused key would join them to another notice.
    first = notice("衢州市数字经济发展方案")
    replaced = key_of(first)
    first.delete()
    again = notice("衢州市制造业发展方案")
    assert key_of(again) > replaced
    assert list(Document.objects.search("数字经济")) == []
    assert list(Document.objects.search("制造业")) == [again]


def test_undated_notices_come_after_every_dated_one_newest_first():
    undated, old, new = (
        notice("衢州市产业方案甲", None),
        notice("衢州市产业方案乙", date(1950, 1, 1)),
        notice("衢州市产业方案丙"),
    )
    assert 0 < key_of(undated) < key_of(old) < key_of(new)
    assert list(Document.objects.search("产业方案", order="date")) == [new, old, undated]


def test_a_full_day_borrows_the_day_before(monkeypatch):
    monkeypatch.setattr(sqlite, "DAY_BITS", 1)  # one number a day
    first, second = notice("衢州市产业方案甲"), notice("衢州市产业方案乙")
    day = sqlite.date_key(DAY)
    assert (key_of(first), key_of(second)) == (day << 1 | 1, (day - 1) << 1 | 1)
    assert set(Document.objects.search("产业方案")) == {first, second}


def test_rebuild_starts_the_numbers_again_and_finds_every_notice():
    notices = [notice(f"衢州市产业方案{n}") for n in "甲乙丙"]
    notices[0].delete()
    assert rebuild_index(Document.objects.all()) == 2
    assert sorted(key_of(document) & 0b11 for document in notices[1:]) == [1, 2]
    assert set(Document.objects.search("产业方案")) == set(notices[1:])
