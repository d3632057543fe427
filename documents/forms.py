"""Forms that read the public pages' parameters outside the FilterSets: a period of deadlines, a
comparison's cities, theme and export, the API's page size. Each field has a type and a bound, so a bad
value is reported (status 400, with the reason) rather than reaching a query or a date sum.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from documents.api_filters import REGION_CODE, SLUG, YEAR_MAX, YEAR_MIN

FIRST_DAY, LAST_DAY = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)
MAX_CITIES = 40  # the heat map and the aligned table stop being readable long before this
MAX_PAGE_SIZE = 200


def errors_of(form: forms.Form) -> list[tuple[str, str]]:
    """(label, message) for each refused parameter, as the search pages list them."""
    return [
        (str(form.fields[name].label or name) if name in form.fields else name, "；".join(errors))
        for name, errors in form.errors.items()
    ]


class PeriodForm(forms.Form):
    """/deadlines/?from=2025-01-01&to=2025-12-31: dates from FIRST_DAY to LAST_DAY."""

    start = forms.DateField(
        label="从", required=False, validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]
    )
    end = forms.DateField(
        label="到", required=False, validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]
    )

    def __init__(self, data):
        super().__init__({"start": data.get("from", ""), "end": data.get("to", "")})


class CodeListField(forms.Field):
    """Region codes, comma-separated or repeated (?cities=330800,331100 or ?cities=330800&cities=331100)."""

    def to_python(self, value):
        codes = [code.strip() for item in value or () for code in item.split(",") if code.strip()]
        codes = list(dict.fromkeys(codes))
        if len(codes) > MAX_CITIES:
            raise ValidationError(f"最多对比 {MAX_CITIES} 个城市（选了 {len(codes)} 个）。")
        for code in codes:
            REGION_CODE(code)
        return codes


class CompareForm(forms.Form):
    cities = CodeListField(label="城市", required=False)
    theme = forms.CharField(label="主题", required=False, validators=[SLUG])
    format = forms.ChoiceField(
        label="导出格式", required=False, choices=[("", "页面"), ("csv", "CSV"), ("json", "JSON")]
    )

    def __init__(self, data):
        super().__init__(
            {"cities": data.getlist("cities"), "theme": data.get("theme", ""), "format": data.get("format", "")}
        )


class ApiPageForm(forms.Form):
    page_size = forms.IntegerField(label="page_size", required=False, min_value=1, max_value=MAX_PAGE_SIZE)
