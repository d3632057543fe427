"""The indicator vocabulary: which common measure (地区生产总值增速, 亩均税收, 5G基站数 …) a target sets.

The vocabulary is data (documents/data/indicators.csv, one indicator a row: slug, name, dimension,
canonical unit, the phrasings that mean it as a regular expression, and words that rule it out),
anchored on the main-indicator tables of the 14th Five-Year Plans and the statistics bureau's names.
A target gets an indicator only where a phrasing matches its metric *and* its unit belongs to the
indicator's dimension (a growth rate is a %, 亩均税收 is 万元 a mu): that is what keeps a figure of one
measure off another's row. Values convert within a dimension only: 万元 ↔ 亿元, 万家 ↔ 家, never
万元/亩 → 亿元.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

INDICATORS_CSV = Path(__file__).resolve().parent.parent / "data" / "indicators.csv"

# Each canonical unit and the units written for it, with the factor to it: the dimension's family.
_MONEY = {"元": 1e-8, "万元": 1e-4, "百万元": 1e-2, "千万元": 0.1, "亿元": 1.0, "万亿元": 1e4}
UNIT_FAMILIES: dict[str, dict[str, float]] = {
    "亿元": _MONEY,
    "亿美元": {"美元": 1e-8, "万美元": 1e-4, "亿美元": 1.0},
    "%": {"%": 1.0},
    "个百分点": {"个百分点": 1.0, "百分点": 1.0},
    "家": {"家": 1.0, "个": 1.0, "户": 1.0, "万家": 1e4, "万个": 1e4, "万户": 1e4},
    "个": {"个": 1.0, "座": 1.0, "处": 1.0, "万个": 1e4, "万座": 1e4},
    "万个": {"个": 1e-4, "座": 1e-4, "万个": 1.0, "万座": 1.0},
    "件": {"件": 1.0, "项": 1.0, "万件": 1e4},
    "台": {"台": 1.0, "万台": 1e4, "套": 1.0},
    "人": {"人": 1.0, "名": 1.0, "位": 1.0, "万人": 1e4, "万名": 1e4},
    "万人": {"人": 1e-4, "名": 1e-4, "万人": 1.0, "万名": 1.0, "亿人": 1e4},
    "万人次": {"人次": 1e-4, "万人次": 1.0, "亿人次": 1e4},
    "万户": {"户": 1e-4, "万户": 1.0},
    "万套": {"套": 1e-4, "万套": 1.0, "户": 1e-4, "万户": 1.0},
    "万辆": {"辆": 1e-4, "万辆": 1.0},
    "场": {"场": 1.0, "次": 1.0},
    "万元/亩": {"万元/亩": 1.0, "万元": 1.0, "元/亩": 1e-4, "元": 1e-4},
    "元": {"元": 1.0, "万元": 1e4, "元/人": 1.0},
    "万元/人": {"万元/人": 1.0, "万元": 1.0, "元/人": 1e-4, "元": 1e-4},
    "万亩": {"亩": 1e-4, "万亩": 1.0, "亿亩": 1e4},
    "亿亩": {"亩": 1e-8, "万亩": 1e-4, "亿亩": 1.0},
    "亿斤": {"斤": 1e-8, "万斤": 1e-4, "亿斤": 1.0, "万亿斤": 1e4},
    "万千瓦": {"千瓦": 1e-4, "万千瓦": 1.0, "亿千瓦": 1e4},
    "公里": {"公里": 1.0, "千米": 1.0, "万公里": 1e4},
    "万公里": {"公里": 1e-4, "千米": 1e-4, "万公里": 1.0},
    "EFLOPS": {"EFLOPS": 1.0, "EFlops": 1.0, "PFLOPS": 1e-3, "TFLOPS": 1e-6},
    "个工作日": {"个工作日": 1.0, "工作日": 1.0},
}
DIMENSIONS = {
    "amount": "总量", "growth": "增速", "share": "比重", "rate": "比率", "decline": "降低率", "count": "数量",
    "per-area": "地均", "per-capita": "人均", "per-10k": "每万人", "intensity": "强度", "capacity": "容量",
    "area": "面积", "length": "里程", "duration": "时限",
}  # fmt: skip
# Per-area and per-capita money is not scaled to 亿元 even where no indicator is known.
_PER_WORDS = re.compile(r"亩均|人均|户均|每亩|每人|每户|每万人|/")

# Spellings that mean the same, so that one phrasing covers them: 地区生产总值 / 国内生产总值 / GDP …
_SYNONYMS = (
    (re.compile(r"(?:国内|地区)?生产总值|经济总量(?=占)"), "GDP"),
    (re.compile(r"研究与试验发展|R&D|R&amp;D"), "研发"),
    (re.compile(r"规上"), "规模以上"),
    (re.compile(r"主营业务收入|营收(?!入)"), "营业收入"),
)
_NOISE = re.compile(r"[\s“”\"'‘’《》]|[(（][^()（）]{0,12}[)）]|的")
_LEAD = re.compile(
    r"^(?:全市|全省|全区|全县|全国|我市|我省|本市|其中|年内|今年|当年|每年|累计|力争|确保|争取|\d+年内)+"
)


@dataclass(frozen=True)
class Indicator:
    slug: str
    name: str
    dimension: str  # a key of DIMENSIONS
    unit: str  # the canonical unit, a key of UNIT_FAMILIES
    phrasings: re.Pattern
    excludes: re.Pattern | None = None

    @property
    def dimension_label(self) -> str:
        return DIMENSIONS[self.dimension]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Indicator, ...]:
    """Every indicator of documents/data/indicators.csv, in file order.

    >>> next(i for i in vocabulary() if i.slug == "tax-per-mu").unit
    '万元/亩'
    """
    with INDICATORS_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(_indicator(row) for row in csv.DictReader(handle))


def _indicator(row: dict) -> Indicator:
    if row["unit"] not in UNIT_FAMILIES or row["dimension"] not in DIMENSIONS:
        raise ValueError(
            f"indicators.csv {row['slug']}: unknown unit {row['unit']!r} or dimension {row['dimension']!r}"
        )
    return Indicator(
        slug=row["slug"],
        name=row["name"],
        dimension=row["dimension"],
        unit=row["unit"],
        phrasings=re.compile(row["phrasings"]),
        excludes=re.compile(row["excludes"]) if row["excludes"] else None,
    )


def normalize_metric(metric: str) -> str:
    """The metric as phrasings are written against: one spelling of GDP, no quotes, asides or 的.

    >>> normalize_metric("全社会研究与试验发展(R&D)经费支出占地区生产总值的比重")
    '全社会研发经费支出占GDP比重'
    """
    text = _NOISE.sub("", unicodedata.normalize("NFKC", metric))
    for pattern, spelling in _SYNONYMS:
        text = pattern.sub(spelling, text)
    return _LEAD.sub("", text)


def match_indicator(metric: str, unit: str) -> Indicator | None:
    """The indicator a target with this metric and unit measures, or None.

    The longest phrasing match wins (数字经济核心产业增加值占GDP比重 over 数字经济占GDP比重), among the
    indicators whose dimension the unit belongs to.

    >>> [getattr(match_indicator(m, u), "slug", None) for m, u in (("研发经费支出占地区生产总值的比重", "%"),
    ...  ("单位GDP能耗降低", "%"), ("亩均税收", "万元"), ("亩均税收", "亿元"), ("5G基站数量", "个"))]
    ['rd-intensity', 'energy-intensity-decline', 'tax-per-mu', None, '5g-base-stations']
    """
    text = normalize_metric(metric)
    best, length = None, 0
    for indicator in vocabulary():
        if unit not in UNIT_FAMILIES[indicator.unit]:
            continue
        found = indicator.phrasings.search(text)
        if (
            found
            and (found.end() - found.start()) > length
            and not (indicator.excludes and indicator.excludes.search(text))
        ):
            best, length = indicator, found.end() - found.start()
    return best


def canonical_quantity(value: float, unit: str, indicator: Indicator) -> float:
    """A value in the indicator's canonical unit (the unit must be of its family).

    >>> tax = next(i for i in vocabulary() if i.slug == "tax-per-mu")
    >>> canonical_quantity(50, "万元", tax), canonical_quantity(5000, "元/亩", tax)
    (50.0, 0.5)
    """
    return value * UNIT_FAMILIES[indicator.unit][unit]


def by_slug(slug: str) -> Indicator | None:
    """The indicator of that slug, or None when the vocabulary no longer holds it."""
    return _slugs().get(slug)


@lru_cache(maxsize=1)
def _slugs() -> dict[str, Indicator]:
    return {indicator.slug: indicator for indicator in vocabulary()}


def comparable_quantity(value: float, unit: str, metric: str, indicator: Indicator | None) -> tuple[float, str]:
    """(value, unit) a target is compared in: its indicator's canonical unit, else money and tonnes on
    one scale — except per-area and per-capita figures (亩均税收 50万元 stays 50万元) — else as written.

    >>> comparable_quantity(5000, "万元", "营业收入", None), comparable_quantity(50, "万元", "亩均税收", None)
    ((0.5, '亿元'), (50, '万元'))
    """
    if indicator is not None and unit in UNIT_FAMILIES[indicator.unit]:
        return canonical_quantity(value, unit, indicator), indicator.unit
    if _PER_WORDS.search(metric) or "/" in unit:
        return value, unit
    if unit in _MONEY:
        return value * _MONEY[unit], "亿元"
    for canonical in ("亿美元", "万吨", "万亩"):
        family = UNIT_FAMILIES.get(canonical) or {"吨": 1e-4, "万吨": 1.0, "亿吨": 1e4}
        if unit in family:
            return value * family[unit], canonical
    return value, unit
