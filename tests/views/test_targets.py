"""The target search: keyword and filters, a sortable table linking each target to its sentence, a CSV of
exactly what the table shows, and a bounded number of queries however large the collection."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Target
from tests.synthetic import add_three_cities, build_collection

pytestmark = pytest.mark.django_db
URL = "/targets/"


@pytest.fixture
def notices(db):
    return add_three_cities()


def rows(html: str) -> list[list[str]]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        re.findall(r'data-label="(?:城市|年份|指标|数值|单位)"[^>]*>([^<]*)</td>', row)
        for row in body.split("<tr>")[1:]
    ]


def test_targets_is_routed_and_in_the_header(client, notices):
    assert reverse("documents:targets") == URL
    assert f'href="{URL}">目标检索</a>' in client.get("/").content.decode()


def test_table_lists_targets_with_a_link_to_each_sentence(client, notices):
    html = client.get(URL).content.decode()
    assert rows(html) == [
        ["衢州市", "2020", "研发经费投入", "≥20000", "万元"],
        ["衢州市", "2015", "规模以上工业增加值", "≥500", "亿元"],
        ["丽水市", "2025", "规模以上工业增加值", "≥600", "亿元"],
        ["丽水市", "2025", "高新技术产业增加值占比", "≥10", "%"],
    ]
    target = Target.objects.get(metric="研发经费投入")
    assert f'href="/notices/{target.document_id}/#target-{target.pk}">到2020年，研发经费投入达到20000万元。</a>' in html
    assert '<span class="count">4</span>' in html


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ("增加值", ["规模以上工业增加值", "规模以上工业增加值", "高新技术产业增加值占比"]),
        ("亿元 2025", ["规模以上工业增加值"]),  # every word, in the sentence or the metric
        ("不存在", []),
    ],
    ids=["metric", "two-words-in-the-sentence", "nothing"],
)
def test_keyword_search(client, notices, keywords, expected):
    html = client.get(URL, {"q": keywords}).content.decode()
    assert [row[2] for row in rows(html) if row] == expected
    assert f'value="{keywords}"' in html


def test_filters_keep_their_values_in_the_form(client, notices):
    html = client.get(URL, {"province": "330000", "unit": "亿元", "year": "2025"}).content.decode()
    assert rows(html) == [["丽水市", "2025", "规模以上工业增加值", "≥600", "亿元"]]
    assert '<option value="330000" selected>' in html and '<option value="2025" selected>' in html
    assert '<option value="亿元" selected>亿元（2）</option>' in html


def test_sortable_headers_toggle_and_say_which_way(client, notices):
    html = client.get(URL, {"sort": "year", "q": "增加值"}).content.decode()
    assert [row[1] for row in rows(html)] == ["2015", "2025", "2025"]
    header = re.search(r'<th scope="col" aria-sort="ascending"><a href="\?([^"]+)">年份', html)
    assert header and "sort=-year" in header.group(1) and "q=" in header.group(1)
    html = client.get(URL, {"sort": "-year"}).content.decode()
    assert [row[1] for row in rows(html)][0] == "2025" and 'aria-sort="descending"' in html


def test_csv_holds_exactly_the_rows_shown_in_their_order(client, notices):
    params = {"q": "增加值", "sort": "-value", "unit": "亿元"}
    shown = [(row[0], row[2], row[3]) for row in rows(client.get(URL, params).content.decode())]
    response = client.get(URL, {**params, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    exported = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row["city"], row["metric"], "≥" + row["value"].removesuffix(".0")) for row in exported] == shown
    assert exported[0]["clause"] == "到2025年，规模以上工业增加值达到600亿元。"


def test_values_are_sorted_only_within_one_indicator_or_unit(client, notices):
    html = client.get(URL, {"sort": "-value"}).content.decode()
    alert = html[html.index('role="alert"') :].split("</div>")[0]
    assert "按数值排序时请先选择一项统一指标或一种单位" in alert
    within = client.get(URL, {"sort": "-value", "indicator": "industrial-value-added"}).content.decode()
    assert 'role="alert"' not in within
    assert [row[3] for row in rows(within)] == sorted(
        (row[3] for row in rows(within)), key=lambda v: -float(v.lstrip("≥"))
    )
    assert {row[2] for row in rows(within)} == {"规模以上工业增加值"}


def test_an_unknown_indicator_is_reported(client, notices):
    html = client.get(URL, {"indicator": "no-such-indicator"}).content.decode()
    assert "统一指标：" in html[html.index('role="alert"') :].split("</div>")[0]


def test_bad_input_is_reported_and_the_rest_still_applies(client, notices):
    html = client.get(URL, {"sort": "clause", "year": "明年", "city": "331100"}).content.decode()
    alert = html[html.index('role="alert"') :].split("</div>")[0]
    assert "排序：" in alert and "目标年份：" in alert and "城市" not in alert
    assert [row[0] for row in rows(html)] == ["丽水市", "丽水市"]


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
        assert response.status_code == 200
        b"".join(getattr(response, "streaming_content", [b""]))
    return len(captured)


@pytest.mark.parametrize(
    ("params", "limit"),
    [
        ({}, 8),
        ({"q": "增加值", "province": "330000", "sort": "-value", "unit": "亿元"}, 8),
        ({"q": "增加值", "format": "csv"}, 1),
    ],
    ids=["all", "filtered-sorted", "csv"],
)
def test_queries_do_not_grow_with_the_collection(client, params, limit, django_assert_max_num_queries):
    build_collection(documents=24, cities=10)
    small = _queries(client, params)
    build_collection(documents=240, cities=10, seed=5)
    with django_assert_max_num_queries(limit):
        large = _queries(client, params)
    assert large == small, (small, large)


def test_a_keyword_past_the_bounds_is_refused_not_ignored(client, notices, django_assert_max_num_queries):
    words = " ".join(f"增加值{i}" for i in range(1000))  # the 1,000 words: 15 s, then a 500 on SQLite
    response = client.get(URL, {"q": words})
    html = response.content.decode()
    alert = html[html.index('role="alert"') :].split("</div>")[0]
    assert response.status_code == 400 and "未检索" in alert and "关键词：" in alert and "最多 20 个词" in alert
    assert rows(html) in ([], [[]])  # no target row (an empty table body at most)
    csv_response = client.get(URL, {"q": words, "format": "csv"})
    assert csv_response.status_code == 400 and csv_response["Content-Type"].startswith("text/html")
