"""Chinese numerals and mixed figures (numbers.py), and the comparison scale (normalize_quantity)."""

from __future__ import annotations

import pytest

from documents.parsing.numbers import normalize_quantity, parse_chinese_number, parse_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("二十五", 25),
        ("一百二十", 120),
        ("两", 2),
        ("千", 1000),
        ("十", 10),
        ("十五", 15),
        ("一百零五", 105),
        ("一万", 10_000),
        ("三千五百万", 35_000_000),
        ("一亿五千万", 150_000_000),
        ("百亿", 10_000_000_000),
        ("二〇二五", 2025),
        ("多", None),
        ("", None),
        ("一批", None),
    ],
    ids=lambda v: str(v),
)
def test_parse_chinese_number(text, expected):
    assert parse_chinese_number(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15", 15.0),
        ("6.07", 6.07),
        ("1.5万", 15_000.0),
        ("3千", 3000.0),
        ("2,000", 2000.0),
        ("千", 1000.0),
        ("两", 2.0),
        ("1.3万亿", 1.3e12),
        ("abc", None),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "value, unit, expected",
    [(5000, "万元", (0.5, "亿元")), (15, "%", (15, "%")), (2, "万吨", (2, "万吨")), (500, "亩", (0.05, "万亩"))],
    ids=["万元", "percent", "万吨", "亩"],
)
def test_normalize_quantity(value, unit, expected):
    assert normalize_quantity(value, unit) == expected
