"""Indicator pages, the comparison by indicator, and the province page's sources."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from documents.models import Target
from tests.synthetic import add_notice

pytestmark = pytest.mark.django_db

QUZHOU, LISHUI, CHANGDE = "330800", "331100", "430700"


@pytest.fixture
def cities(db):
    add_notice(
        city=QUZHOU, title="衢州市工业强市实施意见", issued=date(2016, 3, 1),
        targets=(("研发经费支出占地区生产总值的比重", 2.5, "%", 2.5, "%", 2020), ("亩均税收", 25.0, "万元", 25.0, "万元", 2020)),
    )  # fmt: skip
    add_notice(
        city=LISHUI, title="丽水市产业平台整合提升指导意见", issued=date(2020, 8, 20),
        targets=(("研发投入强度", 3.0, "%", 3.0, "%", 2025), ("高新技术企业", 0.1, "万家", 0.1, "万家", 2025)),
    )  # fmt: skip
    add_notice(
        city=CHANGDE, title="常德市产业集群意见", targets=(("全社会研发经费投入强度", 2.0, "%", 2.0, "%", 2022),)
    )


def test_compare_puts_shared_indicators_first_with_a_chart_and_cited_cells(client, cities):
    html = client.get(reverse("documents:compare"), {"cities": f"{QUZHOU},{LISHUI},{CHANGDE}"}).content.decode()
    shared = html[html.index("多个城市共有的指标") : html.index("仅一个城市设定的指标")]
    assert "研发经费投入强度" in shared and "亩均税收" not in shared
    assert shared.count('class="chart chart--values"') == 1
    for value, year in (("2.5%", "2020年"), ("3%", "2025年"), ("2%", "2022年")):
        assert f"{value} · {year}" in shared  # one bar per city, labelled with its year
    target = Target.objects.get(metric="研发投入强度")
    assert f'href="/notices/{target.document_id}/#target-{target.pk}"' in shared
    rest = html[html.index("仅一个城市设定的指标") :]
    assert "亩均税收" in rest and "25万元/亩" in rest and "1000家" in rest


def test_indicator_index_counts_targets_and_cities(client, cities):
    html = client.get(reverse("documents:indicators")).content.decode()
    row = html[html.index('href="/indicators/rd-intensity/"') :].split("</tr>")[0]
    assert "<td>3</td><td>3</td>" in row.replace("\n", "").replace("  ", "")


def test_indicator_page_lists_every_city_by_target_year_with_its_sentence(client, cities):
    html = client.get(reverse("documents:indicator-detail", args=["rd-intensity"])).content.decode()
    assert html.index("<h3>2025年</h3>") < html.index("<h3>2022年</h3>") < html.index("<h3>2020年</h3>")
    for metric in ("研发投入强度", "全社会研发经费投入强度", "研发经费支出占地区生产总值的比重"):
        target = Target.objects.get(metric=metric)
        assert f'href="/notices/{target.document_id}/#target-{target.pk}"' in html
    assert "丽水市" in html and "常德市" in html and 'class="chart chart--values"' in html


def test_an_unknown_indicator_is_not_found(client, db):
    assert client.get(reverse("documents:indicator-detail", args=["no-such-thing"])).status_code == 404


def test_province_page_shows_each_value_with_its_city_and_notice(client, cities):
    html = client.get(reverse("documents:region-detail", args=["330000"])).content.decode()
    section = html[html.index('id="targets-heading"') :]
    assert "衢州市 · " in section and "《衢州市工业强市实施意见》" in section and "丽水市 · " in section


def test_a_cited_sentence_is_marked_right_after_its_anchor(client, cities):
    target = Target.objects.get(metric="研发投入强度")
    html = client.get(f"/notices/{target.document_id}/").content.decode()
    anchor = html.index(f'id="target-{target.pk}"')
    assert "研发投入强度达到3%" in html[anchor : anchor + 400]
