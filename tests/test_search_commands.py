"""`manage.py search` and `manage.py reindex` on the ingested samples."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Document, SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(shared_samples):
    """The samples, ingested once for this module (every test reads them; reindex rebuilds inside its test's rolled-back transaction)."""
    return shared_samples


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_search_json_lines_have_source_title_and_score(samples):
    lines = run("search", "产业集聚区", "--json").strip().split("\n")
    records = [json.loads(line) for line in lines]
    expected = Document.objects.filter(clean_text__contains="产业集聚区")
    assert len(records) == expected.count() > 1
    assert {"source", "title", "score"} <= set(records[0])
    assert {r["source"] for r in records} == set(expected.values_list("source", flat=True))
    assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)
    assert "产业" in lines[0]  # Chinese as written, not \u escapes


def test_search_limit(samples):
    assert len(run("search", "产业", "--json", "--limit", "2").strip().split("\n")) == 2
    every = run("search", "产业", "--json", "--limit", "0").strip().split("\n")
    assert len(every) == Document.objects.filter(clean_text__contains="产业").count() == 5
    with pytest.raises(CommandError):
        run("search", "产业", "--limit", "-1")


def test_search_reads_the_query_language_and_prints_a_total(samples):
    out = run("search", "产业 -平顶山", "--order", "date")
    assert out.strip().endswith("共 4 篇 hits") and "pingdingshan" not in out
    assert run("search", "没有这样的词语", "--json") == ""


def test_reindex_rebuilds_with_progress(samples):
    SearchEntry.objects.all().delete()
    assert run("search", "产业", "--json") == ""
    out = run("reindex", "--batch-size", "2")
    assert "indexed 2/5" in out and "indexed 5/5" in out and "5 篇" in out
    assert out.index("indexed 5/5") < out.index("building the database's own index") < out.index("5 篇")
    assert len(run("search", "产业", "--json", "--limit", "0").strip().split("\n")) == 5


def test_reindex_missing_indexes_only_the_notices_without_an_entry(samples):
    assert "nothing to do" in run("reindex", "--missing")
    SearchEntry.objects.filter(document__in=samples[:2]).delete()  # as a migration that changes the form does
    assert len(run("search", "产业", "--json", "--limit", "0").strip().split("\n")) == 3
    out = run("reindex", "--missing")
    assert "indexed 2/2" in out and "2 篇" in out
    assert len(run("search", "产业", "--json", "--limit", "0").strip().split("\n")) == 5
    assert "nothing to do" in run("reindex", "--missing")


def test_search_refuses_a_query_past_the_bounds(samples):
    with pytest.raises(CommandError, match="检索词过多"):
        call_command("search", *(["产业"] * 21))
