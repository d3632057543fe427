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


CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
# No figure in a notice is written with more characters (一亿五千三百二十万零五百 has 12); a longer run is
# not a number, and reading it would build ever larger integers (亿亿亿…: quadratic).
MAX_NUMERAL_CHARS = 24


def parse_chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral, or None when `text` is not one.

    A leading unit stands for one of it (千名 is a thousand, 百亿 a hundred 亿), and 两 is 2.

    >>> [parse_chinese_number(s) for s in ("二十五", "一百二十", "两", "千", "十", "一万",
    ...                                    "三千五百万", "一亿五千万", "二〇二五")]
    [25, 120, 2, 1000, 10, 10000, 35000000, 150000000, 2025]
    >>> parse_chinese_number("百亿"), parse_chinese_number("一百零五"), parse_chinese_number("多")
    (10000000000, 105, None)
    """
    if not text or len(text) > MAX_NUMERAL_CHARS or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:  # 二〇二五: digit by digit, as years are written
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:  # 亿 scales everything before it; 万 only what follows the last 亿 (一亿五千万)
            section += digit or 0
            if ch == "万" and total >= _BIG_UNITS["亿"]:
                total += (section or 1) * _BIG_UNITS[ch]
            else:
                total = ((total + section) or 1) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """An Arabic, Chinese or mixed number (1.5万, 3千): its value, or None when it is none of these.

    >>> [parse_number(s) for s in ("15", "1.5万", "二十五", "3千", "2,000", "两")]
    [15.0, 15000.0, 25.0, 3000.0, 2000.0, 2.0]
    >>> parse_number("一批") is None, parse_number("1" * 400) is None, parse_number("亿" * 400) is None
    (True, True, True)
    """
    text = text.replace(",", "")
    if len(text) > MAX_NUMERAL_CHARS:  # 10,000 digits: not a figure anyone wrote
        return None
    head = text.rstrip(CHINESE_NUMERAL_CHARS)
    tail = text[len(head) :]
    if head:
        try:
            number = float(head)
        except ValueError:
            return None
        if not tail:
            return number
        scale = parse_chinese_number(tail)
        # Rounded so that 4.77万 is 47700, not 47699.99999999999.
        return None if scale is None or any(ch in CHINESE_DIGITS for ch in tail) else round(number * scale, 6)
    value = parse_chinese_number(text)
    return None if value is None else float(value)
