"""Cross-city reads: targets aligned by metric, theme coverage, notices per year, per-city counts.

Selectors in the HackSoft sense: keyword-only functions over QuerySets that return plain rows
(frozen dataclasses, dicts keyed by ids), so pages, CSV/JSON exports and tests read the same numbers.
Each function runs a fixed number of queries whatever the collection size: the work is done by
GROUP BY and window functions in the database, never by a query per city or per metric.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db.models import BigIntegerField, Count, ExpressionWrapper, F, Max, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce, ExtractYear, NullIf, RowNumber
from django.urls import reverse

from documents import charts
from documents.models import Deadline, Document, Region, Responsibility, Target, Task, Theme
from documents.parsing.indicators import Indicator, by_slug, vocabulary


@dataclass(frozen=True)
class TargetFigure:
    """One target as a comparison shows it: the figure, its normalised form, its year and its sentence."""

    pk: int
    document_id: int
    column: int | None  # the id of the city (or other column) the target is counted under
    metric: str
    clause: str
    value: float
    value_max: float | None
    unit: str
    normalized_value: float | None
    normalized_unit: str
    year: int | None
    comparator: str
    qualifier: str
    indicator: str = ""
    indicator_value: float | None = None
    indicator_unit: str = ""
    city_name: str | None = None
    document_title: str = ""

    @property
    def href(self) -> str:
        """The target's sentence, marked in its notice."""
        return reverse("documents:document-detail", args=[self.document_id]) + f"#target-{self.pk}"

    @property
    def common_unit(self) -> str:
        return self.normalized_unit or self.unit

    @property
    def common_value(self) -> float:
        return self.value if self.normalized_value is None else self.normalized_value


@dataclass(frozen=True)
class MetricRow:
    """A metric across columns: the newest figures per column (cells) and how many targets each holds."""

    metric: str
    unit: str
    cells: tuple[tuple[TargetFigure, ...], ...]
    totals: tuple[int, ...]

    @property
    def pairs(self) -> list[tuple[tuple[TargetFigure, ...], int]]:
        return list(zip(self.cells, self.totals, strict=False))

    @property
    def coverage(self) -> int:
        return sum(1 for total in self.totals if total)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator across columns: the newest target of each column, in the indicator's canonical unit."""

    indicator: Indicator
    cells: tuple[TargetFigure | None, ...]
    totals: tuple[int, ...]
    labels: tuple[str, ...]  # the column names, for the chart

    @property
    def pairs(self) -> list[tuple[TargetFigure | None, int]]:
        return list(zip(self.cells, self.totals, strict=False))

    @property
    def coverage(self) -> int:
        return sum(1 for cell in self.cells if cell is not None)

    def chart(self) -> charts.ValueBars:
        """One bar per column that holds the indicator, labelled with the target's year."""
        return charts.value_bars(
            bars=[
                (label, cell.indicator_value, f"{cell.year}年" if cell.year else "", cell.href)
                for label, cell in zip(self.labels, self.cells, strict=False)
                if cell is not None and cell.indicator_value is not None
            ],
            unit=self.indicator.unit,
        )


@dataclass(frozen=True)
class CityCounts:
    documents: int = 0
    targets: int = 0
    tasks: int = 0
    units: int = 0
    deadlines: int = 0


@dataclass(frozen=True)
class Comparison:
    cities: list[Region]
    theme: Theme | None
    themes: list[Theme]
    metric_rows: list[MetricRow]  # targets with no indicator, aligned by their metric as written
    more_metrics: int  # metrics left off the page (the exports hold them all)
    coverage: dict[tuple[int, int], int]  # (city id, theme id) -> notices
    years: list[int]
    timeline: dict[tuple[int, int], int]  # (city id, year) -> notices
    counts: dict[int, CityCounts] = field(default_factory=dict)
    indicator_rows: list[IndicatorRow] = field(default_factory=list)

    @property
    def shared_rows(self) -> list[IndicatorRow]:
        """Indicators two or more of the cities set targets on: the rows that compare."""
        return [row for row in self.indicator_rows if row.coverage >= 2]

    @property
    def single_rows(self) -> list[IndicatorRow]:
        return [row for row in self.indicator_rows if row.coverage < 2]

    @property
    def coverage_rows(self) -> list[tuple[Region, list[int]]]:
        """The heat map's numbers as table rows: a city and its notices per theme, in theme order."""
        return [(city, [self.coverage.get((city.pk, theme.pk), 0) for theme in self.themes]) for city in self.cities]

    @property
    def timeline_rows(self) -> list[tuple[Region, list[int]]]:
        return [(city, [self.timeline.get((city.pk, year), 0) for year in self.years]) for city in self.cities]

    @property
    def count_rows(self) -> list[tuple[Region, CityCounts]]:
        return [(city, self.counts.get(city.pk, CityCounts())) for city in self.cities]

    def as_json(self) -> dict:
        """The page's tables as plain data (the JSON export adds every target beside them)."""
        return {
            "cities": [{"code": c.code, "name": c.name, **asdict(counts)} for c, counts in self.count_rows],
            "theme": self.theme.slug if self.theme else None,
            "coverage": {
                c.code: dict(zip((t.slug for t in self.themes), row, strict=False)) for c, row in self.coverage_rows
            },
            "timeline": {c.code: dict(zip(map(str, self.years), row, strict=False)) for c, row in self.timeline_rows},
        }

    def coverage_grid(self) -> charts.Grid:
        codes = ",".join(city.code for city in self.cities)
        return charts.grid(
            rows=[(city.name, city.get_absolute_url()) for city in self.cities],
            columns=[(theme.name, "") for theme in self.themes],
            values={(r, c): n for r, (_, row) in enumerate(self.coverage_rows) for c, n in enumerate(row)},
            cell_hrefs={
                (r, c): f"?cities={codes}&theme={theme.slug}"
                for r in range(len(self.cities))
                for c, theme in enumerate(self.themes)
            },
        )

    def timeline_grid(self) -> charts.Grid:
        return charts.dot_timeline(
            rows=[(city.name, "") for city in self.cities],
            years=self.years,
            values={(r, c): n for r, (_, row) in enumerate(self.timeline_rows) for c, n in enumerate(row)},
        )


FIGURE_FIELDS = (
    "pk", "document_id", "metric", "clause", "value", "value_max", "unit", "normalized_value",
    "normalized_unit", "year", "comparator", "qualifier", "indicator", "indicator_value", "indicator_unit",
)  # fmt: skip


def documents_in_cities(*, city_ids: list[int], theme: Theme | None = None) -> QuerySet[Document]:
    documents = Document.objects.filter(city_id__in=city_ids)
    return documents.filter(themes=theme) if theme else documents


def targets_in_cities(*, city_ids: list[int], theme: Theme | None = None) -> QuerySet[Target]:
    targets = Target.objects.filter(document__city_id__in=city_ids)
    return targets.filter(document__themes=theme) if theme else targets


def metric_rows(
    *, targets: QuerySet[Target], columns: list[int | None], column: str, per_cell: int = 1, max_rows: int = 60
) -> tuple[list[MetricRow], int]:
    """Targets aligned by (metric, common unit) across columns, newest year first in each cell.

    `column` names the field a target is grouped under ("document__city_id"); `columns` are its values
    in display order. Returns the rows most columns share first, and how many rows were left off.
    Two queries: a GROUP BY ranks every (metric, unit, column) group, then only the figures of the
    rows shown are read.
    """
    common_unit = Coalesce(NullIf(F("normalized_unit"), Value("")), F("unit"))
    # The newest target of a group (largest year, then largest id) packed into one integer, so that
    # a plain MAX finds it: a window over every target costs four times as much on SQLite.
    newest = ExpressionWrapper(Coalesce("year", 0) * PACK + F("pk"), output_field=BigIntegerField())
    groups = (
        targets.order_by()
        .values("metric", common=common_unit, key=F(column))
        .annotate(total=Count("pk"), newest=Max(newest))
    )
    position = {value: index for index, value in enumerate(columns)}
    found: dict[tuple[str, str], dict[int, tuple[int, int]]] = {}
    for group in groups:
        if group["key"] in position:
            found.setdefault((group["metric"], group["common"]), {})[position[group["key"]]] = (
                group["total"],
                group["newest"] % PACK,
            )
    ranked = sorted(found.items(), key=lambda item: (-len(item[1]), -sum(t for t, _ in item[1].values()), item[0]))
    shown = dict(ranked[:max_rows])
    cells = _figures(targets, shown, position=position, column=column, common_unit=common_unit, per_cell=per_cell)
    rows = [
        MetricRow(
            metric=metric,
            unit=unit,
            cells=tuple(tuple(sorted(cells.get((metric, unit, i), ()), key=_newest)) for i in range(len(columns))),
            totals=tuple(by_column[i][0] if i in by_column else 0 for i in range(len(columns))),
        )
        for (metric, unit), by_column in shown.items()
    ]
    return rows, max(0, len(found) - max_rows)


PACK = 10**12  # larger than any id; times a year it stays within 64 bits


def _figures(
    targets, shown, *, position, column, common_unit, per_cell
) -> dict[tuple[str, str, int], list[TargetFigure]]:
    """The figures of the rows shown, keyed by (metric, unit, column index): one query."""
    if per_cell == 1:
        figures = Target.objects.filter(pk__in=[pk for by_column in shown.values() for _, pk in by_column.values()])
    else:
        partition = [F("metric"), common_unit, F(column)]
        order = [F("year").desc(nulls_last=True), F("pk").desc()]
        figures = (
            targets.filter(metric__in={metric for metric, _ in shown})
            .annotate(rank=Window(RowNumber(), partition_by=partition, order_by=order))
            .filter(rank__lte=per_cell)
        )
    found: dict[tuple[str, str, int], list[TargetFigure]] = {}
    rows = figures.order_by().values(
        *FIGURE_FIELDS,
        column=F(column),
        common=common_unit,
        city_name=F("document__city__name"),
        document_title=F("document__title"),
    )
    for row in rows:
        if (row["metric"], row["common"]) in shown and row["column"] in position:
            found.setdefault((row["metric"], row["common"], position[row["column"]]), []).append(_figure(row))
    return found


def _figure(row: dict) -> TargetFigure:
    return TargetFigure(
        **{name: row[name] for name in FIGURE_FIELDS},
        column=row["column"],
        city_name=row["city_name"],
        document_title=row["document_title"],
    )


def indicator_rows(
    *, targets: QuerySet[Target], columns: list[int], column: str, labels: list[str]
) -> list[IndicatorRow]:
    """Targets aligned by indicator across columns, the newest (largest year, then id) in each cell.

    Rows held by the most columns come first; ties keep the vocabulary's order. Two queries: a GROUP BY
    finds each (indicator, column)'s newest target and count, then those targets are read.
    """
    newest = ExpressionWrapper(Coalesce("year", 0) * PACK + F("pk"), output_field=BigIntegerField())
    groups = (
        targets.exclude(indicator="").filter(indicator_value__isnull=False).order_by()
        .values("indicator", key=F(column)).annotate(total=Count("pk"), newest=Max(newest))
    )  # fmt: skip
    position = {value: index for index, value in enumerate(columns)}
    found: dict[str, dict[int, tuple[int, int]]] = {}
    for group in groups:
        if group["key"] in position and by_slug(group["indicator"]) is not None:
            found.setdefault(group["indicator"], {})[position[group["key"]]] = (group["total"], group["newest"] % PACK)
    pks = [pk for by_column in found.values() for _, pk in by_column.values()]
    figures = {
        row["pk"]: _figure(row)
        for row in Target.objects.filter(pk__in=pks)
        .order_by()
        .values(
            *FIGURE_FIELDS, column=F(column), city_name=F("document__city__name"), document_title=F("document__title")
        )
    }
    rows = [
        IndicatorRow(
            indicator=by_slug(slug),
            cells=tuple(figures.get(by_column[i][1]) if i in by_column else None for i in range(len(columns))),
            totals=tuple(by_column[i][0] if i in by_column else 0 for i in range(len(columns))),
            labels=tuple(labels),
        )
        for slug, by_column in found.items()
    ]
    in_vocabulary = {indicator.slug: index for index, indicator in enumerate(vocabulary())}
    return sorted(rows, key=lambda row: (-row.coverage, in_vocabulary[row.indicator.slug]))


def _newest(figure: TargetFigure):
    return (-(figure.year or 0), -figure.pk)


def theme_coverage(*, documents: QuerySet[Document], column: str = "city_id") -> dict[tuple[int, int], int]:
    """Notices per (column value, theme id): the cells of the coverage heat map."""
    through = Document.themes.through.objects.filter(document__in=documents.order_by().values("pk"))
    rows = through.values("theme_id", key=F(f"document__{column}")).annotate(n=Count("document_id"))
    return {(row["key"], row["theme_id"]): row["n"] for row in rows.order_by()}


def notices_per_year(*, documents: QuerySet[Document], column: str = "city_id") -> dict[tuple[int, int], int]:
    """Notices per (column value, year issued — or published when the issue date is unknown)."""
    rows = (
        documents.order_by()
        .annotate(key=F(column), year=ExtractYear(Coalesce("issued_on", "published_on")))
        .filter(year__isnull=False)
        .values("key", "year")
        .annotate(n=Count("pk"))
    )
    return {(row["key"], row["year"]): row["n"] for row in rows}


def city_counts(*, city_ids: list[int], theme: Theme | None = None) -> dict[int, CityCounts]:
    """Notices, targets, tasks, distinct units and deadlines per city: five GROUP BY queries."""
    theme_filter = Q(document__themes=theme) if theme else Q()
    per_city = {
        "documents": documents_in_cities(city_ids=city_ids, theme=theme)
        .values(key=F("city_id"))
        .annotate(n=Count("pk")),
        "targets": _count_by_city(Target.objects.filter(theme_filter), city_ids),
        "tasks": _count_by_city(Task.objects.filter(theme_filter), city_ids),
        "units": _count_by_city(Responsibility.objects.filter(theme_filter), city_ids, distinct="unit_id"),
        "deadlines": _count_by_city(Deadline.objects.filter(theme_filter), city_ids),
    }
    found: dict[int, dict[str, int]] = {city_id: {} for city_id in city_ids}
    for name, rows in per_city.items():
        for row in rows.order_by():
            found[row["key"]][name] = row["n"]
    return {city_id: CityCounts(**values) for city_id, values in found.items()}


def _count_by_city(queryset: QuerySet, city_ids: list[int], distinct: str = "pk") -> QuerySet:
    return (
        queryset.filter(document__city_id__in=city_ids)
        .values(key=F("document__city_id"))
        .annotate(n=Count(distinct, distinct=True))
    )


def compare_cities(*, cities: list[Region], theme: Theme | None = None, max_metrics: int = 60) -> Comparison:
    """Everything the comparison page shows for these cities (and, when given, one theme)."""
    city_ids = [city.pk for city in cities]
    documents = documents_in_cities(city_ids=city_ids, theme=theme)
    targets = targets_in_cities(city_ids=city_ids, theme=theme)
    by_indicator = indicator_rows(
        targets=targets, columns=city_ids, column="document__city_id", labels=[city.name for city in cities]
    )
    rows, more = metric_rows(
        targets=targets.filter(indicator=""),
        columns=city_ids,
        column="document__city_id",
        max_rows=max_metrics,
    )
    timeline = notices_per_year(documents=documents)
    return Comparison(
        cities=cities,
        theme=theme,
        themes=list(Theme.objects.all()),
        metric_rows=rows,
        more_metrics=more,
        coverage=theme_coverage(documents=documents_in_cities(city_ids=city_ids)),
        years=sorted({year for _, year in timeline}),
        timeline=timeline,
        counts=city_counts(city_ids=city_ids, theme=theme),
        indicator_rows=by_indicator,
    )


EXPORT_FIELDS = (
    "city", "city_code", "metric", "indicator", "indicator_value", "indicator_unit", "value", "value_max", "unit",
    "normalized_value", "normalized_unit", "year", "comparator", "qualifier", "clause", "document_id",
    "document_title", "target_id",
)  # fmt: skip


def export_rows(*, cities: list[Region], theme: Theme | None = None):
    """Every target of the comparison, one flat row each, for CSV and JSON (one streamed query)."""
    targets = targets_in_cities(city_ids=[city.pk for city in cities], theme=theme)
    order = ("document__city__code", "indicator", "metric", F("year").desc(nulls_last=True), "pk")
    return target_export_rows(targets.order_by(*order))


def target_export_rows(targets: QuerySet[Target]):
    """Targets as flat EXPORT_FIELDS rows in the QuerySet's own order, streamed (the target search's CSV too)."""
    rows = targets.values_list(
        "document__city__name", "document__city__code", "metric", "indicator", "indicator_value", "indicator_unit",
        "value", "value_max", "unit", "normalized_value", "normalized_unit", "year", "comparator", "qualifier",
        "clause", "document_id", "document__title", "pk",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=2000):
        yield dict(zip(EXPORT_FIELDS, row, strict=False))


@dataclass(frozen=True)
class IndicatorCount:
    indicator: Indicator
    targets: int
    cities: int


def indicator_counts() -> list[IndicatorCount]:
    """Every indicator of the vocabulary with how many targets and cities set it, in vocabulary order: one query."""
    rows = (
        Target.objects.exclude(indicator="").order_by().values("indicator")
        .annotate(n=Count("pk"), cities=Count("document__city", distinct=True))
    )  # fmt: skip
    counts = {row["indicator"]: (row["n"], row["cities"]) for row in rows}
    return [IndicatorCount(indicator, *counts.get(indicator.slug, (0, 0))) for indicator in vocabulary()]


def indicator_targets(*, indicator: Indicator) -> QuerySet[Target]:
    """Every target on the indicator, newest target year first, then by city: for the indicator's page."""
    return (
        Target.objects.with_indicator(indicator.slug)
        .select_related("document__city", "document__province")
        .only(*(f.name for f in Target._meta.concrete_fields), "document__title", "document__issued_on",
              "document__city__code", "document__city__name", "document__province__code", "document__province__name")
        .order_by(F("year").desc(nulls_last=True), "document__city__code", "-indicator_value", "pk")
    )  # fmt: skip


def newest_by_city(*, indicator: Indicator, max_cities: int = 30) -> IndicatorRow | None:
    """The indicator's newest target in each city that set one (the most targets first): two queries."""
    cities = list(
        Region.objects.filter(city_documents__targets__indicator=indicator.slug)
        .annotate(n=Count("city_documents__targets")).order_by("-n", "code")[:max_cities]
    )  # fmt: skip
    if not cities:
        return None
    rows = indicator_rows(
        targets=Target.objects.filter(indicator=indicator.slug, document__city__in=cities),
        columns=[city.pk for city in cities], column="document__city_id", labels=[city.name for city in cities],
    )  # fmt: skip
    return rows[0] if rows else None
