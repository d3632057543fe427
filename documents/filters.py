"""FilterSets of the search pages: notices by place, theme, issue year and targets (with facet counts),
and targets by keyword, place, theme, year and unit (with a sort).

They extend the API's FilterSets (api_filters.py), so a page and the API read the same parameters
(`province=330000&theme=industrial-cluster&year_min=2010`) the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.http import QueryDict

from documents import search
from documents.api_filters import DocumentApiFilter, TargetApiFilter, YearFilter
from documents.forms import FIRST_DAY, LAST_DAY
from documents.models import KIND_CHOICES, LEVELS, Target, Theme
from documents.parsing.indicators import vocabulary
from documents.search.query import query_problem

FACET_LENGTH = 20  # values shown per facet, most notices first (a selected value is always shown)


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    selected: bool
    query: str  # the page's query string with this value chosen, or cleared when it is chosen already


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]


def _toggled(data: QueryDict, params: dict[str, str], selected: bool) -> str:
    query = data.copy()
    query.pop("page", None)
    for key, value in params.items():
        if selected:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


def without_errors(filterset: django_filters.FilterSet) -> django_filters.FilterSet:
    """The same FilterSet without the parameters it rejected, so a bad year does not lose the other filters.

    Call after is_valid() was False; the page shows the original's errors beside the results of this one.
    """
    data = filterset.data.copy()
    for name in filterset.errors:
        data.pop(name, None)
    return type(filterset)(data, queryset=filterset.queryset)


def error_messages(filterset: django_filters.FilterSet) -> list[tuple[str, str]]:
    """(label, message) for each rejected parameter: ("起始年份", "输入一个数字。")."""
    if filterset.is_valid():
        return []
    fields = filterset.form.fields
    return [(str(fields[name].label or name), "；".join(errors)) for name, errors in filterset.errors.items()]


def _day_in_range(day) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(f"日期须在 {FIRST_DAY:%Y-%m-%d} 到 {LAST_DAY:%Y-%m-%d} 之间。")


class DocumentFilter(DocumentApiFilter):
    """The search page's filters; facets() counts each facet's values under the query and the other filters."""

    # (facet name, its parameters, its label): a facet is counted with its own parameters left out, so
    # that choosing 衢州市 still shows how many notices the other cities hold.
    FACETS = (
        ("province", ("province",), "省份"),
        ("city", ("city",), "城市"),
        ("theme", ("theme",), "主题"),
        ("year", ("year_min", "year_max"), "成文年份"),
        ("has_targets", ("has_targets",), "量化目标"),
        ("level", ("level",), "层级"),
        ("kind", ("kind",), "文件类型"),
        ("issuer", ("issuer",), "发文机关"),
    )
    DATE_FIELDS = {"issued": "issued_on", "published": "published_on"}

    level = django_filters.ChoiceFilter(method="filter_level", label="层级", choices=LEVELS)
    # dated=false: the notices with neither 成文日期 nor 发布日期, which year charts leave out.
    dated = django_filters.BooleanFilter(method="filter_dated", label="日期已知")
    issuer = django_filters.CharFilter(field_name="issuer", label="发文机关", max_length=200)
    kind = django_filters.ChoiceFilter(method="filter_kind", label="文件类型", choices=KIND_CHOICES)
    # A date range on 成文日期 (date_on=issued, the default) or 发布日期 (date_on=published).
    date_on = django_filters.ChoiceFilter(
        method="filter_nothing", label="日期类别", choices=[("issued", "成文日期"), ("published", "发布日期")]
    )
    date_from = django_filters.DateFilter(method="filter_date_from", label="日期从", validators=[_day_in_range])
    date_to = django_filters.DateFilter(method="filter_date_to", label="日期到", validators=[_day_in_range])
    # in=title: the query's words in the title only (the full-text match over the whole text stays the base).
    scope = django_filters.ChoiceFilter(method="filter_scope", label="检索范围", choices=[("title", "仅标题")])

    def filter_kind(self, queryset, name, value):
        return queryset.filter(pk__in=queryset.model.objects.with_kind().filter(kind=value).values("pk"))

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by the date filters

    def _date_field(self) -> str:
        return self.DATE_FIELDS[self.form.cleaned_data.get("date_on") or "issued"]

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(**{f"{self._date_field()}__gte": value})

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(**{f"{self._date_field()}__lte": value})

    def filter_scope(self, queryset, name, value):
        query = (self.data.get("q") or "").strip()
        return search.in_titles(queryset, query) if query else queryset

    def filter_level(self, queryset, name, value):
        return queryset.filter(pk__in=queryset.model.objects.at_level(value).values("pk"))

    def filter_dated(self, queryset, name, value):
        undated = Q(issued_on__isnull=True, published_on__isnull=True)
        return queryset.exclude(undated) if value else queryset.filter(undated)

    @property
    def active(self) -> bool:
        """Whether any filter is set (county too, which has no facet but comes in links from a region)."""
        return any(self.data.get(name) for name in self.filters)

    def _without(self, params) -> QuerySet:
        data = self.data.copy()
        for name in params:
            data.pop(name, None)
        other = type(self)(data, queryset=self.queryset)
        return other.qs if other.is_valid() else self.queryset

    def facets(self) -> list[Facet]:
        """One GROUP BY query per facet, each over the documents the query and the other filters leave."""
        return [
            Facet(name, label, getattr(self, f"_{name}_options")(self._without(params)))
            for name, params, label in self.FACETS
        ]

    def _grouped(self, queryset, name: str, key, label) -> list[FacetOption]:
        rows = (
            queryset.order_by()
            .filter(**{f"{key}__isnull": False})
            .values(key=F(key), label=F(label))
            .annotate(n=Count("pk", distinct=True))
        )
        rows = sorted(rows, key=lambda row: (-row["n"], str(row["key"])))
        current = self.data.get(name) or ""
        shown = [row for i, row in enumerate(rows) if i < FACET_LENGTH or str(row["key"]) == current]
        return [
            FacetOption(
                row["label"],
                row["n"],
                str(row["key"]) == current,
                _toggled(self.data, {name: row["key"]}, str(row["key"]) == current),
            )
            for row in shown
        ]

    def _kind_options(self, queryset):
        counts = {
            row["kind"]: row["n"] for row in queryset.order_by().with_kind().values("kind").annotate(n=Count("pk"))
        }
        current = self.data.get("kind") or ""
        return [
            FacetOption(label, counts[value], current == value, _toggled(self.data, {"kind": value}, current == value))
            for value, label in KIND_CHOICES
            if counts.get(value)
        ]

    def _issuer_options(self, queryset):
        return self._grouped(queryset.exclude(issuer=""), "issuer", "issuer", "issuer")

    def _province_options(self, queryset):
        return self._grouped(queryset, "province", "province__code", "province__name")

    def _city_options(self, queryset):
        return self._grouped(queryset, "city", "city__code", "city__name")

    def _theme_options(self, queryset):
        return self._grouped(queryset, "theme", "themes__slug", "themes__name")

    def _year_options(self, queryset):
        rows = (
            queryset.order_by()
            .annotate(year=ExtractYear("issued_on"))
            .filter(year__isnull=False)
            .values("year")
            .annotate(n=Count("pk"))
        )
        chosen = (self.data.get("year_min") or "", self.data.get("year_max") or "")
        options = []
        for row in sorted(rows, key=lambda row: -row["year"]):
            selected = chosen == (str(row["year"]),) * 2
            params = {"year_min": str(row["year"]), "year_max": str(row["year"])}
            options.append(FacetOption(f"{row['year']}年", row["n"], selected, _toggled(self.data, params, selected)))
        return options

    def _level_options(self, queryset):
        counts = {
            row["level"]: row["n"] for row in queryset.order_by().with_level().values("level").annotate(n=Count("pk"))
        }
        current = self.data.get("level") or ""
        return [
            FacetOption(label, counts[value], current == value, _toggled(self.data, {"level": value}, current == value))
            for value, label in LEVELS
            if counts.get(value)
        ]

    def _has_targets_options(self, queryset):
        has = Exists(Target.objects.filter(document=OuterRef("pk")))
        counts = {
            row["has"]: row["n"] for row in queryset.order_by().annotate(has=has).values("has").annotate(n=Count("pk"))
        }
        current = (self.data.get("has_targets") or "").lower()
        options = []
        for value, label in ((True, "有量化目标"), (False, "无量化目标")):
            word = "true" if value else "false"
            if counts.get(value):
                options.append(
                    FacetOption(
                        label,
                        counts[value],
                        current == word,
                        _toggled(self.data, {"has_targets": word}, current == word),
                    )
                )
        return options


TARGET_SORTS = {
    "city": F("document__city__code"),
    "year": F("year"),
    "metric": F("metric"),
    # Figures are sorted only within one indicator (its canonical unit) or one unit as written: 万人 and
    # 亿元 have no order between them (TargetFilter refuses a value sort without one).
    "value": Coalesce("indicator_value", "value"),  # within one indicator: its canonical unit
    "unit": F("unit"),
}
# The default order, and the tie-break after any sort: each city's metrics together, newest year first.
TARGET_ORDER = (F("document__city__code").asc(nulls_last=True), "metric", F("year").desc(nulls_last=True), "pk")


def _bounded_query(value: str) -> None:
    """The target search's keywords, held to the full-text search's bounds (each word is a LIKE)."""
    problem = query_problem(value)
    if problem:
        raise ValidationError(problem)


class TargetFilter(TargetApiFilter):
    """The target search: keyword over clause and metric, place, theme, target year, unit, and a sort."""

    q = django_filters.CharFilter(method="filter_keywords", label="关键词", validators=[_bounded_query])
    year = YearFilter(field_name="year", label="目标年份")
    unit = django_filters.CharFilter(field_name="unit", label="单位", max_length=30)
    indicator = django_filters.ChoiceFilter(
        field_name="indicator", label="统一指标", choices=lambda: [(i.slug, i.name) for i in vocabulary()]
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by", label="排序", choices=[(f"{sign}{key}", key) for key in TARGET_SORTS for sign in ("", "-")]
    )

    class Meta(TargetApiFilter.Meta):
        fields = []

    def is_valid(self) -> bool:
        valid = super().is_valid()
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        if (data.get("sort") or "").lstrip("-") == "value" and not (data.get("indicator") or data.get("unit")):
            self.form.add_error("sort", "按数值排序时请先选择一项统一指标或一种单位（不同单位的数值不能相比）。")
            return False
        return valid

    def filter_keywords(self, queryset, name, value):
        return queryset.matching(value)

    def sort_by(self, queryset, name, value):
        key = TARGET_SORTS[value.lstrip("-")]
        if value.lstrip("-") == "value" and not self.form.cleaned_data.get("indicator"):
            key = F("value")  # one unit as written: the figures as written compare
        first = key.desc(nulls_last=True) if value.startswith("-") else key.asc(nulls_last=True)
        return queryset.order_by(first, *TARGET_ORDER)


UNIT_CHOICES = 60  # the units most targets use; a rarer one can still be typed into the URL


def target_choices() -> dict[str, list]:
    """The options of the target search's selects: places and units that targets have, years, themes."""
    targets = Target.objects.order_by()

    def places(level: str) -> list[dict]:
        rows = targets.filter(**{f"document__{level}__isnull": False}).values(
            code=F(f"document__{level}__code"), name=F(f"document__{level}__name")
        )
        return list(rows.annotate(n=Count("pk")).order_by("code"))

    return {
        "provinces": places("province"),
        "cities": places("city"),
        "themes": list(Theme.objects.all()),
        "years": list(targets.filter(year__isnull=False).values_list("year", flat=True).distinct().order_by("year")),
        "units": list(
            targets.exclude(unit="").values("unit").annotate(n=Count("pk")).order_by("-n", "unit")[:UNIT_CHOICES]
        ),
        "indicators": _indicator_choices(targets),
    }


def _indicator_choices(targets) -> list[dict]:
    """The indicators targets have, with counts, in vocabulary order."""
    counts = dict(targets.exclude(indicator="").values_list("indicator").annotate(n=Count("pk")))
    return [{"slug": i.slug, "name": i.name, "n": counts[i.slug]} for i in vocabulary() if i.slug in counts]
