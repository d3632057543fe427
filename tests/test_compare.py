"""compare.py: targets aligned by metric across cities, coverage, timeline, counts, exports."""

from datetime import date

import pytest

from documents import compare
from documents.models import Region, Theme
from tests.synthetic import add_notice, build_collection

QUZHOU, LISHUI, CHANGDE = "330800", "331100", "430700"


@pytest.fixture
def three_cities(db):
    add_notice(
        city=QUZHOU, title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster", "green"),
        targets=(("规模以上工业增加值", 500.0, "亿元", 500.0, "亿元", 2015), ("研发经费投入", 20000.0, "万元", 2.0, "亿元", 2015)),
    )  # fmt: skip
    add_notice(
        city=QUZHOU, title="衢州市工业强市实施意见", issued=date(2016, 3, 1), themes=("industrial-cluster",),
        targets=(("规模以上工业增加值", 800.0, "亿元", 800.0, "亿元", 2020),),
    )  # fmt: skip
    add_notice(
        city=LISHUI, title="丽水市产业平台整合提升指导意见", issued=date(2020, 8, 20), themes=("industrial-platform",),
        targets=(("规模以上工业增加值", 6000000.0, "万元", 600.0, "亿元", 2025),),
    )  # fmt: skip
    add_notice(city=CHANGDE, title="关于大力培育发展产业集群的意见", issued=None, themes=("industrial-cluster",))
    return list(Region.objects.filter(code__in=[QUZHOU, LISHUI, CHANGDE]).order_by("code"))


def by_metric(rows):
    return {(row.metric, row.unit): row for row in rows}


def test_targets_align_by_indicator_in_its_unit_newest_year_first(three_cities):
    result = compare.compare_cities(cities=three_cities)
    [output] = result.shared_rows
    assert output.indicator.slug == "industrial-value-added"
    quzhou, lishui, changde = output.cells
    assert (quzhou.indicator_value, quzhou.year) == (800.0, 2020)
    assert output.totals == (2, 1, 0)
    assert (lishui.value, lishui.unit, lishui.indicator_value) == (6000000.0, "万元", 600.0)
    assert changde is None
    chart = output.chart()
    assert [(bar.label, bar.value, bar.note) for bar in chart.bars] == [
        ("衢州市", 800.0, "2020年"),
        ("丽水市", 600.0, "2025年"),
    ]
    assert chart.bars[0].href == f"/notices/{quzhou.document_id}/#target-{quzhou.pk}"
    # a target no indicator covers is still aligned by its metric as written
    assert by_metric(result.metric_rows)[("研发经费投入", "亿元")].coverage == 1


def test_theme_narrows_targets_but_coverage_keeps_every_theme(three_cities):
    platform = Theme.objects.get(slug="industrial-platform")
    result = compare.compare_cities(cities=three_cities, theme=platform)
    assert result.metric_rows == [] and [row.indicator.slug for row in result.indicator_rows] == [
        "industrial-value-added"
    ]
    assert result.indicator_rows[0].totals == (0, 1, 0)
    cluster = Theme.objects.get(slug="industrial-cluster")
    quzhou = three_cities[0]
    assert result.coverage[(quzhou.pk, cluster.pk)] == 2


def test_timeline_counts_and_counts_per_city(three_cities):
    quzhou, lishui, changde = three_cities
    result = compare.compare_cities(cities=three_cities)
    assert result.years == [2010, 2016, 2020]
    assert result.timeline == {(quzhou.pk, 2010): 1, (quzhou.pk, 2016): 1, (lishui.pk, 2020): 1}
    assert result.counts[quzhou.pk].documents == 2 and result.counts[quzhou.pk].targets == 3
    assert result.counts[changde.pk] == compare.CityCounts(documents=1)
    assert [row for _, row in result.timeline_rows][2] == [0, 0, 0]


def test_coverage_grid_cells_follow_the_table(three_cities):
    result = compare.compare_cities(cities=three_cities)
    grid = result.coverage_grid()
    table = [n for _, row in result.coverage_rows for n in row]
    assert [cell.value for cell in grid.cells] == table
    assert all(cell.href.startswith(f"?cities={QUZHOU},{LISHUI},{CHANGDE}&theme=") for cell in grid.cells)


def test_export_rows_hold_every_target_with_its_sentence(three_cities):
    rows = list(compare.export_rows(cities=three_cities))
    assert len(rows) == 4
    assert [row["city_code"] for row in rows] == [QUZHOU, QUZHOU, QUZHOU, LISHUI]  # by city code
    assert rows[3]["clause"] == "到2025年，规模以上工业增加值达到6000000万元。"
    assert (rows[3]["normalized_value"], rows[3]["normalized_unit"], rows[3]["year"]) == (600.0, "亿元", 2025)
    assert set(rows[0]) == set(compare.EXPORT_FIELDS)


def test_cells_cut_to_the_newest_but_totals_count_them_all(db):
    cities = build_collection(documents=60, cities=3)
    rows, more = compare.metric_rows(
        targets=compare.targets_in_cities(city_ids=[c.pk for c in cities]),
        columns=[c.pk for c in cities],
        column="document__city_id",
        per_cell=2,
        max_rows=4,
    )
    assert len(rows) == 4 and more == 2  # six metrics in the synthetic collection
    for row in rows:
        for cell, total in row.pairs:
            assert len(cell) == min(2, total)
            assert [f.year for f in cell] == sorted((f.year for f in cell), reverse=True)


def test_query_count_does_not_grow_with_cities(db, django_assert_max_num_queries):
    cities = build_collection(documents=120, cities=10)
    with django_assert_max_num_queries(13):
        compare.compare_cities(cities=cities, theme=Theme.objects.first())


def test_a_target_without_a_year_still_shows_when_it_is_the_only_one(three_cities):
    add_notice(
        city=CHANGDE, title="常德市工业发展意见", targets=(("规模以上工业增加值", 200.0, "亿元", 200.0, "亿元", None),)
    )
    rows, _ = compare.metric_rows(
        targets=compare.targets_in_cities(city_ids=[c.pk for c in three_cities]),
        columns=[c.pk for c in three_cities],
        column="document__city_id",
    )
    changde = by_metric(rows)[("规模以上工业增加值", "亿元")].cells[2]
    assert [(f.value, f.year) for f in changde] == [(200.0, None)]


def test_city_page_cells_hold_up_to_five_newest(db):
    cities = build_collection(documents=40, cities=1)
    rows, _ = compare.metric_rows(
        targets=compare.targets_in_cities(city_ids=[cities[0].pk]),
        columns=[cities[0].pk],
        column="document__city_id",
        per_cell=5,
    )
    for row in rows:
        ((cell, total),) = row.pairs
        assert len(cell) == min(5, total) and [f.year for f in cell] == sorted((f.year for f in cell), reverse=True)
