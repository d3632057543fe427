"""CSV exports (documents/views/exports.py): no cell a spreadsheet would run as a formula, in every export."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from documents.views.exports import neutralised
from tests.synthetic import add_notice

pytestmark = pytest.mark.django_db
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/","点我")'
HOSTILE_METRICS = ("=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1")


@pytest.fixture
def hostile(db):
    targets = tuple((metric, 10.0 + i, "亿元", 10.0 + i, "亿元", 2025) for i, metric in enumerate(HOSTILE_METRICS))
    return add_notice(city="330800", title=HOSTILE_TITLE, issued=date(2021, 1, 1), targets=targets)


def _cells(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


EXPORTS = {
    "targets": ("documents:targets", {"format": "csv"}),
    "compare": ("documents:compare", {"cities": "330800", "format": "csv"}),
}


@pytest.mark.parametrize("export", EXPORTS, ids=list(EXPORTS))
def test_no_cell_starts_a_formula(client, hostile, export):
    name, params = EXPORTS[export]
    rows = _cells(client.get(reverse(name), params))
    assert len(rows) == len(HOSTILE_METRICS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (export, row)
    # Neutralised, not dropped: the text is still there after its apostrophe.
    assert {row["document_title"] for row in rows} == {"'" + HOSTILE_TITLE}
    assert sorted(row["metric"] for row in rows) == sorted("'" + metric for metric in HOSTILE_METRICS)
    assert {row["value"] for row in rows} >= {"10.0", "11.0"}  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1", "'=1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t1", "'\t1"), ("\r1", "'\r1"),
     ("1=1", "1=1"), ("产值", "产值"), ("", ""), (-1.5, -1.5), (None, None)],
)  # fmt: skip
def test_neutralised(value, written):
    assert neutralised(value) == written
