"""The parser's findings as rows: a notice's tasks, units and deadlines written in bulk, units shared by name."""

from __future__ import annotations

import pytest

from documents.ingest import ingest_file, reparse_document
from documents.models import Document, Region, ResponsibleUnit
from documents.parsed_rows import units_named
from tests.conftest import NOTICES

pytestmark = pytest.mark.django_db


def rows(document: Document) -> dict[str, list[tuple]]:
    """A document's rows as plain values, without ids (a re-parse gives new ones)."""
    return {
        "targets": sorted(document.targets.values_list("clause", "metric", "value", "unit", "year", "indicator")),
        "tasks": list(document.tasks.order_by("order").values_list("order", "path", "title", "text")),
        "units": sorted(
            document.responsibilities.values_list("task__path", "unit__name", "unit__region", "role"), key=str
        ),
        "deadlines": sorted(document.deadlines.values_list("task__path", "text", "due_on", "start"), key=str),
        "themes": sorted(document.themes.values_list("name", flat=True)),
    }


@pytest.mark.parametrize("name", ["lishui-2020.txt", "yueqing-2015.txt", "pingdingshan-2015.txt"])
def test_a_new_notice_gets_the_rows_a_reparse_writes(name):
    """Ingest writes a new notice's rows without reading any to keep; a re-parse reads, deletes and writes:
    the two ways give the same rows."""
    document = ingest_file(NOTICES / name).document
    ingested = rows(document)
    assert ingested["tasks"] and ingested["targets"]
    reparse_document(document=Document.objects.get(pk=document.pk))
    assert rows(document) == ingested
    assert ResponsibleUnit.objects.count() == len({(unit, region) for _, unit, region, _ in ingested["units"]})


def test_units_named_takes_a_unit_held_and_creates_a_new_one_once():
    region = Region.objects.get(name="丽水市")
    held = ResponsibleUnit.objects.create(name="市发改委", normalized_name="市发展改革委", region=region)
    found = units_named(["市发改委", "市财政局", "市财政局"], region=region)
    assert found["市发改委"] == held
    assert found["市财政局"].normalized_name and found["市财政局"].region == region
    assert ResponsibleUnit.objects.filter(name="市财政局").count() == 1
    assert units_named(["市财政局"], region=None)["市财政局"] != found["市财政局"]  # one row per name and region


def test_a_name_longer_than_its_column_is_one_unit_under_its_clipped_name():
    long_name = "市" + "产业发展" * 30 + "办公室"
    found = units_named([long_name, long_name[:100] + "其他"], region=None)
    assert list(found) == [long_name[:100]]
    assert ResponsibleUnit.objects.filter(name=long_name[:100]).count() == 1
