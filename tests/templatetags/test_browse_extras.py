"""browse_extras: how figures read on the pages."""

from types import SimpleNamespace

import pytest

from documents.templatetags import browse_extras


def target(**fields):
    base = dict(comparator="", value=0.0, value_max=None, unit="", normalized_value=None, normalized_unit="")
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize(
    ("fields", "normalized", "expected"),
    [
        (dict(comparator=">=", value=1000.0, unit="亿元"), False, "≥1000亿元"),
        (dict(value=10.0, value_max=15.0, unit="%"), False, "10–15%"),
        (dict(value=5000.0, unit="万元", normalized_value=0.5, normalized_unit="亿元"), True, "0.5亿元"),
        (
            dict(value=5000.0, value_max=8000.0, unit="万元", normalized_value=0.5, normalized_unit="亿元"),
            True,
            "0.5–0.8亿元",
        ),
        (dict(comparator="<=", value=0.5, unit="吨标准煤", normalized_value=None), True, "≤0.5吨标准煤"),
        (dict(value=1234567.0, unit="元"), False, "1,234,567元"),
    ],
    ids=["at-least", "range", "normalised", "normalised-range", "no-normal-form", "thousands"],
)
def test_figure(fields, normalized, expected):
    assert browse_extras.figure(target(**fields), normalized) == expected
