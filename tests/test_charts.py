"""charts.py: colours on the scale, heat-map and timeline layout, bar heights."""

import pytest

from documents import charts


@pytest.mark.parametrize(
    ("value", "maximum", "fill"),
    [
        (0, 5, charts.EMPTY),
        (1, 5, charts.SCALE[0]),
        (3, 5, charts.SCALE[2]),
        (5, 5, charts.SCALE[4]),
        (2, 0, charts.EMPTY),
    ],
    ids=["zero-is-grey", "lowest-step", "middle-step", "top-step", "no-maximum"],
)
def test_shade(value, maximum, fill):
    assert charts.shade(value, maximum)[0] == fill


def test_dark_cells_get_white_text():
    assert charts.shade(5, 5)[1] == "#ffffff" and charts.shade(1, 5)[1] == "#1a1a1a"


def test_grid_lays_out_rows_by_columns_with_links():
    grid = charts.grid(
        rows=[("衢州市", "/regions/330800/"), ("丽水市", "/regions/331100/")],
        columns=[("产业集群", ""), ("节能环保", ""), ("人才", "")],
        values={(0, 0): 2, (1, 2): 1},
        cell_hrefs={(0, 0): "?theme=industrial-cluster"},
        cell=30,
    )
    assert len(grid.cells) == 6
    assert [c.value for c in grid.cells] == [2, 0, 0, 0, 0, 1]
    assert grid.cells[0].href == "?theme=industrial-cluster" and grid.cells[1].href == ""
    assert grid.cells[3].y - grid.cells[0].y == 30 and grid.cells[1].x - grid.cells[0].x == 30
    assert grid.cells[0].title == "衢州市 · 产业集群：2"
    assert grid.width >= grid.cells[-1].x + grid.cells[-1].size


def test_dot_timeline_areas_follow_counts():
    timeline = charts.dot_timeline(rows=[("常德市", "")], years=[2007, 2008, 2009], values={(0, 0): 1, (0, 2): 4})
    radii = [radius for _, radius in timeline.dots]
    assert len(radii) == 2
    assert radii[1] == pytest.approx(2 * radii[0])  # four times the count, four times the area


def test_bar_chart_heights_scale_to_the_tallest():
    chart = charts.bar_chart(bars=[("2015", 1, ""), ("2016", 4, ""), ("2017", 0, "")], plot_height=100)
    assert [bar.height for bar in chart.bars] == [25.0, 100.0, 0.0]
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)


def test_empty_bar_chart_has_a_width():
    assert charts.bar_chart(bars=[]).width > 0
