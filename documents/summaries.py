"""Reads for the browsing pages (region, theme, notice, unit, deadlines): plain rows, bounded queries.

Every list is either aggregated in the database or cut to a fixed length, so a page costs the same
handful of queries for five notices or fifty thousand. Lists that can grow without end (a city's
notices, a unit's tasks, a period's deadlines) are paginated by the views instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet

from documents import charts
from documents.compare import MetricRow, metric_rows, notices_per_year, theme_coverage
from documents.marking import MarkedBlock, Span, mark_blocks, query_hits, unit_mentions
from documents.models import LEVELS, Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task, Theme
from documents.parsing.clean import punctuation_as_received
from documents.parsing.layout import lay_out
from documents.parsing.outline import parse_outline
from documents.parsing.types import OutlineNode

REGION_FIELD = {Region.Level.PROVINCE: "province_id", Region.Level.CITY: "city_id", Region.Level.COUNTY: "county_id"}
LIST_LENGTH = 15


def years_chart(
    per_year: dict[tuple[int, int], int], *, href: str = ""
) -> tuple[list[tuple[int, int]], charts.BarChart]:
    """Notices per year (summed over keys), oldest first, with its bar chart."""
    totals: dict[int, int] = {}
    for (_, year), count in per_year.items():
        totals[year] = totals.get(year, 0) + count
    # Every year from the first to the last, so that a year without notices shows as a gap, not nothing.
    years = [(year, totals.get(year, 0)) for year in range(min(totals), max(totals) + 1)] if totals else []
    return years, charts.bar_chart(bars=[(str(year), count, href) for year, count in years])


@dataclass(frozen=True)
class Overview:
    years: list[tuple[int, int]]
    year_chart: charts.BarChart
    metric_rows: list[MetricRow]
    more_metrics: int
    units: list[dict]
    ahead: list[Deadline]
    past: list[Deadline]
    children: list[Region]
    columns: list[Region]  # the metric table's one column: the region itself
    undated: int = 0  # notices the year chart leaves out: neither 成文日期 nor 发布日期 known


def region_overview(*, region: Region, today: date) -> Overview:
    """A province, city or county at a glance; deadlines ahead and past are relative to `today`."""
    field = REGION_FIELD[region.level]
    documents = Document.objects.filter(**{field: region.pk})
    years, chart = years_chart(notices_per_year(documents=documents, column=field))
    rows, more = metric_rows(
        targets=Target.objects.filter(**{f"document__{field}": region.pk}),
        columns=[region.pk],
        column=f"document__{field}",
        per_cell=5,
        max_rows=40,
    )
    deadlines = Deadline.objects.filter(**{f"document__{field}": region.pk}).select_related("document", "task")
    return Overview(
        years=years,
        year_chart=chart,
        metric_rows=rows,
        more_metrics=more,
        units=unit_roles(responsibilities=Responsibility.objects.filter(**{f"document__{field}": region.pk})),
        ahead=list(deadlines.filter(due_on__gte=today).order_by("due_on", "pk")[:LIST_LENGTH]),
        past=list(deadlines.filter(due_on__lt=today).order_by("-due_on", "-pk")[:LIST_LENGTH]),
        children=child_regions(region=region),
        columns=[region],
        undated=undated_count(documents),
    )


def undated_count(documents: QuerySet[Document]) -> int:
    """Notices a year chart leaves out: no 成文日期 and no 发布日期 (one count)."""
    return documents.filter(issued_on__isnull=True, published_on__isnull=True).count()


def level_counts(documents: QuerySet[Document]) -> dict[str, int]:
    """Notices per level (national, provincial, city, county, unplaced): one GROUP BY."""
    rows = documents.order_by().with_level().values("level").annotate(n=Count("pk"))
    counts = {row["level"]: row["n"] for row in rows}
    return {level: counts.get(level, 0) for level, _ in LEVELS}


@dataclass(frozen=True)
class RegionsIndex:
    provinces: list[dict]  # {"province": Region, "notices": n, "places": [Region with .notices]}
    levels: dict[str, int]  # notices per level, the unplaced among them


def regions_index() -> RegionsIndex:
    """Every province (直辖市 and those without a notice included) with its cities and counties that hold
    notices, each with its count; and the notices per level. Three queries whatever the collection."""
    provinces = Region.objects.provinces().annotate(notices=Count("province_documents")).order_by("code")
    places = (
        Region.objects.exclude(level=Region.Level.PROVINCE)
        .annotate(as_city=Count("city_documents", distinct=True), as_county=Count("county_documents", distinct=True))
        .filter(Q(as_city__gt=0) | Q(as_county__gt=0))
        .select_related("parent")
        .order_by("code")
    )
    by_province: dict[int, list[Region]] = {}
    for place in places:
        place.notices = place.as_city + place.as_county
        parent = place.parent
        province_id = (
            None if parent is None else parent.pk if parent.level == Region.Level.PROVINCE else parent.parent_id
        )
        by_province.setdefault(province_id, []).append(place)
    rows = [{"province": p, "notices": p.notices, "places": by_province.get(p.pk, [])} for p in provinces]
    return RegionsIndex(provinces=rows, levels=level_counts(Document.objects.all()))


@dataclass(frozen=True)
class LevelOverview:
    years: list[tuple[int, int]]
    year_chart: charts.BarChart
    undated: int
    provinces: list[dict]  # for the provincial level: {"code", "name", "n"} per province


def level_overview(*, level: str) -> LevelOverview:
    """The notices of one level at a glance: per year (the undated counted apart) and, for province-level
    notices, per province. Three queries."""
    documents = Document.objects.at_level(level)
    years, chart = years_chart(notices_per_year(documents=documents, column="province_id"))
    provinces = []
    if level == "provincial":
        rows = documents.order_by().values(code=F("province__code"), name=F("province__name")).annotate(n=Count("pk"))
        provinces = sorted(rows, key=lambda row: (-row["n"], row["code"]))
    return LevelOverview(years=years, year_chart=chart, undated=undated_count(documents), provinces=provinces)


def child_regions(*, region: Region) -> list[Region]:
    """The cities of a province (or counties of a city) with their notice counts, busiest first."""
    if region.level == Region.Level.COUNTY:
        return []
    field = "city_documents" if region.level == Region.Level.PROVINCE else "county_documents"
    children = region.children.annotate(notices=Count(field, distinct=True)).filter(notices__gt=0)
    return list(children.order_by("-notices", "code"))


def unit_roles(*, responsibilities: QuerySet[Responsibility], limit: int = 30) -> list[dict]:
    """Units by how many notices name them, with their lead and support counts."""
    rows = (
        responsibilities.values("unit_id", name=F("unit__name"))
        .annotate(
            notices=Count("document_id", distinct=True),
            lead=Count("pk", filter=Q(role=Responsibility.Role.LEAD)),
            support=Count("pk", filter=Q(role=Responsibility.Role.SUPPORT)),
        )
        .order_by("-notices", "name")
    )
    return list(rows[:limit])


@dataclass(frozen=True)
class ThemeOverview:
    years: list[tuple[int, int]]
    year_chart: charts.BarChart
    cities: list[dict]  # {"city": Region, "notices": n}
    metric_rows: list[MetricRow]
    more_metrics: int
    columns: list[Region]  # the cities with most notices on the theme, one metric-table column each
    undated: int = 0  # notices the year chart leaves out
    levels: dict[str, int] = None  # notices per level: the city table counts only the "city" and "county" ones


def theme_overview(*, theme: Theme, max_cities: int = 8) -> ThemeOverview:
    """A theme across cities: notices per year, per city, and its targets aligned by metric."""
    documents = Document.objects.filter(themes=theme)
    years, chart = years_chart(notices_per_year(documents=documents))
    per_city = theme_coverage(documents=documents)
    counts = {city_id: n for (city_id, theme_id), n in per_city.items() if theme_id == theme.pk and city_id}
    cities = Region.objects.in_bulk(list(counts))
    ranked = sorted(cities.values(), key=lambda city: (-counts[city.pk], city.code))
    columns = [city.pk for city in ranked[:max_cities]]
    rows, more = metric_rows(
        targets=Target.objects.filter(document__themes=theme, document__city_id__in=columns),
        columns=columns,
        column="document__city_id",
    )
    return ThemeOverview(
        years=years,
        year_chart=chart,
        cities=[{"city": city, "notices": counts[city.pk]} for city in ranked],
        metric_rows=rows,
        more_metrics=more,
        columns=ranked[:max_cities],
        undated=undated_count(documents),
        levels=level_counts(documents),
    )


@dataclass(frozen=True)
class NoticeReading:
    blocks: list[MarkedBlock]  # paragraphs and tables, their marked segments
    length: int  # characters of the whole text
    shown: int  # characters of it on the page (READING_CHARS at most; the rest is in the text download)
    sections: list[tuple[str, OutlineNode]]  # (anchor, heading) from the outline parser, read from the text
    outline: list[Task]
    targets: list[Target]
    deadlines: list[Deadline]
    responsibilities: list[Responsibility]
    same_city: list[Document]
    same_theme: list[Document]
    hits: int = 0  # places the search words (`words`) appear in the text
    marked_hits: int = 0  # of which marked (marking.MAX_HITS at most)


# The notice page shows at most this much of a text: ~100 printed pages, far past any real notice (the dev
# corpus's longest: ~33,000), while a 10 MB file made a 10 MB page. The whole text is a download beside it.
READING_CHARS = 200_000
# The received text read beside the shown part, for its punctuation: cleaning drops lines, so more of it.
RAW_HEAD_CHARS = READING_CHARS + 100_000


def notice_reading(*, document: Document, raw_head: str = "", related: int = 6, words: list[str] = ()) -> NoticeReading:
    """The notice's text laid out in paragraphs and tables of marked segments, what is marked, and its
    neighbours; with `words` (from the search that led here), their places marked and counted.
    `raw_head` (the received text's opening) gives back the punctuation cleaning folded."""
    targets = list(document.targets.all())
    deadlines = list(document.deadlines.select_related("task"))
    tasks = list(document.tasks.all())
    responsibilities = list(document.responsibilities.select_related("unit", "task").order_by("role", "unit__name"))
    spans = [Span(t.start, t.end, "target", f"target-{t.pk}") for t in targets if t.start is not None]
    spans += [Span(d.start, d.end, "deadline", f"deadline-{d.pk}") for d in deadlines if d.start is not None]
    spans += [Span(t.start, t.start, "task", f"task-{t.pk}") for t in tasks if t.start is not None]
    # A page, however long the notice (the rest: the download); same length as the clean text, so offsets hold.
    text = punctuation_as_received(document.clean_text[:READING_CHARS], raw_head)
    spans += unit_mentions(text, [r.unit.name for r in responsibilities])
    # The outline is not stored: it is read from the text each time, so it follows the parser as it improves.
    sections = [(f"section-{index}", node) for index, node in enumerate(parse_outline(text))]
    spans += [Span(node.start, node.start, "section", anchor) for anchor, node in sections]
    hits, total = query_hits(text, list(words)) if words else ([], 0)
    spans += hits
    others = Document.objects.exclude(pk=document.pk).with_places().newest_first()
    theme_ids = [theme.pk for theme in document.themes.all()]
    return NoticeReading(
        blocks=mark_blocks(
            text,
            [span for span in spans if span.start <= len(text)],
            lay_out(text, headings=[node.start for _, node in sections]),
        ),
        length=len(document.clean_text),
        shown=len(text),
        sections=sections,
        outline=tasks,
        targets=targets,
        deadlines=deadlines,
        responsibilities=responsibilities,
        same_city=list(others.filter(city_id=document.city_id)[:related]) if document.city_id else [],
        same_theme=list(
            others.filter(themes__in=theme_ids)
            .annotate(shared=Count("themes"))
            .order_by("-shared", F("issued_on").desc(nulls_last=True))[:related]
        )
        if theme_ids
        else [],
        hits=total,
        marked_hits=len(hits),
    )


def unit_tasks(*, responsibilities: QuerySet[Responsibility]) -> QuerySet[Responsibility]:
    """A unit's responsibilities with their notice, place, task and the task's deadlines (3 queries a page)."""
    return (
        responsibilities.select_related("document__city", "document__county", "task")
        .prefetch_related(Prefetch("task__deadlines", queryset=Deadline.objects.order_by("due_on")))
        .order_by(F("document__issued_on").desc(nulls_last=True), "document_id", "task__order")
    )


def deadlines_in_period(*, start: date, end: date) -> QuerySet[Deadline]:
    """Deadlines falling due in [start, end], by city then date, with their task's units (3 queries a page)."""
    units = Responsibility.objects.select_related("unit").order_by("role", "unit__name")
    return (
        Deadline.objects.due_between(start, end)
        .select_related("document__city", "document__province", "task")
        .prefetch_related(Prefetch("task__responsibilities", queryset=units))
        .order_by(F("document__city__code").asc(nulls_last=True), "due_on", "pk")
    )


def units_in_period(*, start: date, end: date, limit: int = 30) -> list[dict]:
    """Units with the most task deadlines in [start, end]."""
    responsibilities = Responsibility.objects.filter(
        task__deadlines__due_on__gte=start, task__deadlines__due_on__lte=end
    )
    rows = responsibilities.values("unit_id", name=F("unit__name")).annotate(
        deadlines=Count("task__deadlines", distinct=True), notices=Count("document_id", distinct=True)
    )
    return list(rows.order_by("-deadlines", "name")[:limit])


def collection_counts() -> dict[str, int]:
    """What the collection holds, for the home page: one aggregate query per table."""
    return {
        "documents": Document.objects.count(),
        "cities": Document.objects.exclude(city=None).values("city_id").distinct().count(),
        "targets": Target.objects.count(),
        "tasks": Task.objects.count(),
        "units": ResponsibleUnit.objects.count(),
    }


def cities_with_notices() -> QuerySet[Region]:
    """Regions that are some notice's city, with their counts and province, in province order (home and
    the compare form). Not only level "city": a municipality (北京市) is its notices' city and province."""
    return (
        Region.objects.exclude(level=Region.Level.COUNTY)
        .annotate(notices=Count("city_documents"))
        .filter(notices__gt=0)
        .select_related("parent")
        .order_by(F("parent__code").asc(nulls_first=True), "code")
    )


def themes_with_notices() -> QuerySet[Theme]:
    return Theme.objects.annotate(notices=Count("documents"))


def deadline_opening(*, today: date) -> tuple[date, str] | None:
    """Where /deadlines/ opens without a period: (the first day of the next deadline due, "upcoming"), else
    (90 days before the most recent one past, "past"); None without any deadline. One query."""
    bounds = Deadline.objects.filter(due_on__isnull=False).aggregate(
        next=Min("due_on", filter=Q(due_on__gte=today)), last=Max("due_on", filter=Q(due_on__lt=today))
    )
    if bounds["next"]:
        return bounds["next"], "upcoming"
    if bounds["last"]:
        return bounds["last"] - timedelta(days=89), "past"
    return None


def units_listing(*, query: str = "") -> QuerySet[ResponsibleUnit]:
    """Responsible units with how many notices name them, most first; `query` narrows by name."""
    units = ResponsibleUnit.objects.select_related("region")
    if query:
        units = units.filter(Q(name__icontains=query) | Q(normalized_name__icontains=query))
    return units.annotate(notices=Count("responsibilities__document", distinct=True)).order_by("-notices", "name")
