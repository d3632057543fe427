"""Numbers and units: Chinese numerals, and putting amounts of money on one scale for comparison."""
from __future__ import annotations

# Money goes on the 亿元 scale so that targets written in 万元 and 亿元 line up in comparisons.
_MONEY_TO_YI = {"亿元": 1.0, "万亿元": 10_000.0, "千万元": 0.1, "百万元": 0.01, "万元": 0.0001, "元": 0.000_000_01}
_MONEY_USD_TO_YI = {"亿美元": 1.0, "万美元": 0.0001, "美元": 0.000_000_01}


def normalize_quantity(value: float, unit: str) -> tuple[float, str]:
    """A value and unit on the scale used to compare targets across notices.

    >>> normalize_quantity(5000, "万元")
    (0.5, '亿元')
    >>> normalize_quantity(15, "%")
    (15, '%')
    """
    if unit in _MONEY_TO_YI:
        return value * _MONEY_TO_YI[unit], "亿元"
    if unit in _MONEY_USD_TO_YI:
        return value * _MONEY_USD_TO_YI[unit], "亿美元"
    if unit in {"万吨", "吨"}:
        return (value if unit == "万吨" else value / 10_000), "万吨"
    if unit in {"万亩", "亩"}:
        return (value if unit == "万亩" else value / 10_000), "万亩"
    return value, unit
