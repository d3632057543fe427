"""FilterSets for the JSON API, over the same parameters as the pages (province, city, theme, year range).

The search pages' DocumentFilter / TargetFilter live in filters.py (search issue); these cover the API's
three QuerySets with one shared set of place and theme parameters.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q

from documents.models import Document, Target, Task

# Every parameter has a type and a bound, checked by its form field before any query: a year outside
# them cannot become a date (year -1 or 999999 was a 500), an id past a bigint reached the database, and a
# text field refuses NUL (Django's CharField) and anything longer than a value could be.
YEAR_MIN, YEAR_MAX = 1900, 2100
ID_MAX = 2**63 - 1  # BigAutoField
REGION_CODE = RegexValidator(r"^\d{6}$", "行政区划代码是 6 位数字，如 330800。")
SLUG = RegexValidator(r"^[-a-zA-Z0-9_]{1,50}$", "主题标识只含字母、数字、连字符，如 industrial-cluster。")


class YearFilter(django_filters.NumberFilter):
    """A year from YEAR_MIN to YEAR_MAX (a whole number)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)

    def get_max_validator(self):
        return None  # the field's own max_value


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 1 to the largest bigint."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=ID_MAX, **kwargs)

    def get_max_validator(self):
        return None


class _PlaceThemeFilter(django_filters.FilterSet):
    """Place codes and theme slug, applied through `prefix` (empty for Document, "document__" otherwise)."""

    prefix = ""
    province = django_filters.CharFilter(method="filter_place", label="省份代码", validators=[REGION_CODE])
    city = django_filters.CharFilter(method="filter_place", label="城市代码", validators=[REGION_CODE])
    county = django_filters.CharFilter(method="filter_place", label="区县代码", validators=[REGION_CODE])
    theme = django_filters.CharFilter(method="filter_theme", label="主题标识", validators=[SLUG])

    def filter_place(self, queryset, name, value):
        return queryset.filter(**{f"{self.prefix}{name}__code": value})

    def filter_theme(self, queryset, name, value):
        return queryset.filter(**{f"{self.prefix}themes__slug": value})


class DocumentApiFilter(_PlaceThemeFilter):
    year_min = YearFilter(field_name="issued_on", lookup_expr="year__gte", label="起始年份")
    year_max = YearFilter(field_name="issued_on", lookup_expr="year__lte", label="截止年份")
    has_targets = django_filters.BooleanFilter(method="filter_has_targets", label="含量化目标")

    class Meta:
        model = Document
        fields = []

    def filter_has_targets(self, queryset, name, value):
        has = Q(targets__isnull=False)
        return queryset.filter(pk__in=Document.objects.filter(has).values("pk")) if value else queryset.exclude(has)


class TargetApiFilter(_PlaceThemeFilter):
    prefix = "document__"
    year_min = YearFilter(field_name="year", lookup_expr="gte", label="目标年份起")
    year_max = YearFilter(field_name="year", lookup_expr="lte", label="目标年份止")
    metric = django_filters.CharFilter(field_name="metric", lookup_expr="icontains", label="指标", max_length=200)

    class Meta:
        model = Target
        fields = []


class TaskApiFilter(_PlaceThemeFilter):
    prefix = "document__"
    document = IdFilter(field_name="document_id", label="文件编号")

    class Meta:
        model = Task
        fields = []
