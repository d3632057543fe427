"""Tables of planned figures: one target per cell, with the row's metric and the column's year.

sources.py writes an HTML table as "a | b | c |" lines. A header row of years (2015年 | 2016年) with a unit
from 单位:亿元 (or a 单位 column) makes the cells under it targets; baseline columns (基期, 现状, a year
before the plan's) and grading tables (分值, 权重) give none.
"""

from __future__ import annotations

import re

from .target_years import PlanYears
from .types import Target

# A line holding a bar, whole. Anchored at line starts, where every such match starts: unanchored, a long line
# without a bar was scanned to its end again from each of its characters.
_LINE = re.compile(r"^[^\n|]*\|[^\n]*", re.MULTILINE)
_YEAR_CELL = re.compile(
    r"^(?:到)?(?P<year>(?:19|20)\d\d)\s*年?(?:度|底|末)?\s*(?P<note>目标值?|预期值?|计划|规划值?|预计|[(（][^)）]*[)）])?$"
)
_BASELINE_CELL = re.compile(r"基期|现状|基数|实际|完成|基准|现值")
_GRADING = re.compile(r"分值|得分|权重|评分|分数|考核内容|评分标准")
_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(?P<unit>[^\s|)）,，;；]+)")
_LABEL_UNIT = re.compile(
    r"[(（](?:单位[:：])?(?P<unit>%|％|‰|亿|[万亿千百]?(?:元|美元|人|人次|户|吨|亩|平方米|平方公里|千瓦|千瓦时|公里|个|家|项|件|所|台|套|辆|张))[)）]$"
)
_UNIT_HEADER = {"单位", "计量单位", "指标单位"}
_NUMBER_CELL = re.compile(r"^(?:[≥≤><]|不低于|不少于)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%|％)?\s*(?:以上|左右)?$")


def extract_table_targets(text: str, years: PlanYears) -> tuple[list[Target], list[tuple[int, int]]]:
    """Targets from planned-figure tables, and the spans of the rows they came from (not read again as prose).

    >>> rows = "产业名称 | 总产值(单位:亿元 ) | |\\n2015年 | 2016年 | |\\n信息经济产业 | 430 | 500 |\\n"
    >>> [(t.metric, t.value, t.unit, t.year) for t in extract_table_targets(rows, PlanYears(2015, 2015))[0]]
    [('信息经济产业', 430.0, '亿元', 2015), ('信息经济产业', 500.0, '亿元', 2016)]
    """
    targets: list[Target] = []
    spans: list[tuple[int, int]] = []
    for block in _blocks(text):
        found = _block_targets(text, block, years)
        if found:
            targets.extend(found)
            spans.append((block[0][0], block[-1][1]))
    return targets, spans


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of consecutive table lines, as (start, end) offsets."""
    if "|" not in text:
        return []
    blocks: list[list[tuple[int, int]]] = []
    for m in _LINE.finditer(text):
        if m.group().count("|") < 2:
            continue
        if blocks and text[blocks[-1][-1][1] : m.start()].strip() == "":
            blocks[-1].append((m.start(), m.end()))
        else:
            blocks.append([(m.start(), m.end())])
    return blocks


def _cells(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, stripped text) of each cell of a row."""
    cells, at = [], start
    for raw in text[start:end].split("|"):
        lead = len(raw) - len(raw.lstrip())
        cells.append((at + lead, raw.strip()))
        at += len(raw) + 1
    return cells


def _block_targets(text: str, block: list[tuple[int, int]], years: PlanYears) -> list[Target]:
    before = text[max(0, block[0][0] - 200) : block[0][0]]
    body = text[block[0][0] : block[-1][1]]
    if _GRADING.search(body):
        return []
    unit_match = _TABLE_UNIT.search(body) or _TABLE_UNIT.search(before)
    table_unit = _normal_unit(unit_match.group("unit")) if unit_match else ""
    unit_column = None
    for row, (start, end) in enumerate(block):
        cells = _cells(text, start, end)
        for index, (_, cell) in enumerate(cells):
            if cell in _UNIT_HEADER:
                unit_column = index
        columns = _year_columns(cells, years)
        if columns:
            return _data_targets(text, block[row + 1 :], cells, columns, table_unit, unit_column)
    return []


def _year_columns(cells: list[tuple[int, str]], years: PlanYears) -> list[tuple[int, int | None]]:
    """(cell index, year) of each year column in a header row; year None for a baseline column."""
    columns = []
    for index, (_, cell) in enumerate(cells):
        m = _YEAR_CELL.match(cell)
        if m:
            year = int(m.group("year"))
            baseline = _BASELINE_CELL.search(cell) or (years.base and year < years.base)
            columns.append((index, None if baseline else year))
    return columns if any(year for _, year in columns) else []


def _data_targets(text, rows, header, columns, table_unit, unit_column) -> list[Target]:
    full_header = any(cell and not _YEAR_CELL.match(cell) for _, cell in header[: columns[0][0]])
    targets = []
    for start, end in rows:
        cells = _cells(text, start, end)
        label = next((cell for _, cell in cells if cell and not _NUMBER_CELL.match(cell)), "")
        numeric = [(i, at, m) for i, (at, cell) in enumerate(cells) if (m := _NUMBER_CELL.match(cell))]
        if not label or not numeric:
            continue
        row_unit = _normal_unit(cells[unit_column][1]) if unit_column is not None and unit_column < len(cells) else ""
        label_unit = _LABEL_UNIT.search(label)  # 地区生产总值(亿元)
        if label_unit and not row_unit:
            row_unit, label = _normal_unit(label_unit.group("unit")), label[: label_unit.start()].strip()
        if full_header:
            by_index = {i: (at, m) for i, at, m in numeric}
            pairs = [(by_index[i], year) for i, year in columns if i in by_index]
        else:
            pairs = list(zip([(at, m) for _, at, m in numeric[-len(columns) :]], [y for _, y in columns], strict=False))
        for (at, m), year in pairs:
            unit = "%" if m.group("pct") else (row_unit or table_unit)
            if year is None or not unit:
                continue
            targets.append(
                Target(
                    text=text[start:end].strip(),
                    metric=label,
                    value=float(m.group("num")),
                    unit=unit,
                    year=year,
                    comparator="=",
                    start=at,
                    end=at + len(m.group()),
                )
            )
    return targets


def _normal_unit(unit: str) -> str:
    unit = unit.strip().replace("％", "%")
    return "亿元" if unit == "亿" else unit
