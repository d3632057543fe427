"""Formatting for the browsing pages: figures, comparators, query strings. Formatting only."""

from __future__ import annotations

from django import template

register = template.Library()

COMPARATORS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": ""}


@register.filter(name="number")
def number(value) -> str:
    """1000.0 → "1000", 2.5 → "2.5", 12345678 → "12,345,678".

    >>> number(1000.0), number(2.5), number(12345678)
    ('1000', '2.5', '12,345,678')
    """
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 100000 else str(whole)
    return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.1f}"


@register.filter
def figure(target, normalized: bool = False) -> str:
    """A target's figure as read: "≥1000亿元", "10–15%"; normalised when asked and known.

    >>> from types import SimpleNamespace as T
    >>> figure(T(comparator=">=", value=1000.0, value_max=None, unit="亿元",
    ...          normalized_value=1e11, normalized_unit="元"))
    '≥1000亿元'
    """
    if normalized and target.normalized_value is not None:
        scale = target.normalized_value / target.value if target.value else 1
        low, high, unit = target.normalized_value, target.value_max and target.value_max * scale, target.normalized_unit
    else:
        low, high, unit = target.value, target.value_max, target.unit
    return _figure(target.comparator, low, high) + unit


@register.filter
def figure_number(target) -> str:
    """A target's figure as read, without its unit (for a table with a unit column): "≥1000", "10–15".

    >>> from types import SimpleNamespace as T
    >>> (figure_number(T(comparator=">=", value=1000.0, value_max=None)),
    ...  figure_number(T(comparator="", value=10.0, value_max=15.0)))
    ('≥1000', '10–15')
    """
    return _figure(target.comparator, target.value, target.value_max)


def _figure(comparator, low, high) -> str:
    text = f"{number(low)}–{number(high)}" if high is not None else number(low)
    return f"{COMPARATORS.get(comparator or '', '')}{text}"


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with page=number (so pagination keeps the filters)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return query.urlencode()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def depth(path: str) -> int:
    """An outline path's level: "二/(五)/1" → 3.

    >>> depth("二/(五)/1")
    3
    """
    return path.count("/") + 1 if path else 1
