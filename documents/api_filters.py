"""FilterSets for the JSON API, over the same parameters as the pages (province, city, theme, year range).

The search pages' DocumentFilter / TargetFilter live in filters.py (search issue); these cover the API's
three QuerySets with one shared set of place and theme parameters.
"""
from __future__ import annotations

import django_filters
from django.db.models import Q

from documents.models import Document, Target, Task


class _PlaceThemeFilter(django_filters.FilterSet):
    """Place codes and theme slug, applied through `prefix` (empty for Document, "document__" otherwise)."""

    prefix = ""
    province = django_filters.CharFilter(method="filter_place", label="省份代码")
    city = django_filters.CharFilter(method="filter_place", label="城市代码")
    county = django_filters.CharFilter(method="filter_place", label="区县代码")
    theme = django_filters.CharFilter(method="filter_theme", label="主题标识")

    def filter_place(self, queryset, name, value):
        return queryset.filter(**{f"{self.prefix}{name}__code": value})

    def filter_theme(self, queryset, name, value):
        return queryset.filter(**{f"{self.prefix}themes__slug": value})


class DocumentApiFilter(_PlaceThemeFilter):
    year_min = django_filters.NumberFilter(field_name="issued_on", lookup_expr="year__gte", label="起始年份")
    year_max = django_filters.NumberFilter(field_name="issued_on", lookup_expr="year__lte", label="截止年份")
    has_targets = django_filters.BooleanFilter(method="filter_has_targets", label="含量化目标")

    class Meta:
        model = Document
        fields = []

    def filter_has_targets(self, queryset, name, value):
        has = Q(targets__isnull=False)
        return queryset.filter(pk__in=Document.objects.filter(has).values("pk")) if value else queryset.exclude(has)


class TargetApiFilter(_PlaceThemeFilter):
    prefix = "document__"
    year_min = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label="目标年份起")
    year_max = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label="目标年份止")
    metric = django_filters.CharFilter(field_name="metric", lookup_expr="icontains", label="指标")

    class Meta:
        model = Target
        fields = []


class TaskApiFilter(_PlaceThemeFilter):
    prefix = "document__"
    document = django_filters.NumberFilter(field_name="document_id", label="文件编号")

    class Meta:
        model = Task
        fields = []
