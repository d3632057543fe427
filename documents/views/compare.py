"""The comparison page: any number of cities side by side, and its CSV and JSON exports."""
from __future__ import annotations

import csv

from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render

from documents import compare, summaries
from documents.models import Region, Theme

MAX_CITIES = 40  # the heat map and the aligned table stop being readable long before this


class _Echo:
    """csv.writer writes into this and StreamingHttpResponse sends each line as it is made."""

    def write(self, value):
        return value


def _selection(request) -> tuple[list[Region], Theme | None]:
    # ?cities=330800,331100 (a link) and ?cities=330800&cities=331100 (the form's checkboxes) both work.
    codes = list(dict.fromkeys(c.strip() for value in request.GET.getlist("cities") for c in value.split(",") if c.strip()))
    places = Region.objects.exclude(level=Region.Level.COUNTY).select_related("parent")  # 北京市 is a city too
    by_code = places.in_bulk(codes[:MAX_CITIES], field_name="code")
    cities = [by_code[code] for code in codes if code in by_code]
    slug = request.GET.get("theme") or ""
    return cities, Theme.objects.filter(slug=slug).first() if slug else None


def compare_view(request):
    cities, theme = _selection(request)
    export = request.GET.get("format")
    if export == "csv":
        return _csv(cities, theme)
    if export == "json":
        summary = compare.compare_cities(cities=cities, theme=theme).as_json()
        rows = list(compare.export_rows(cities=cities, theme=theme))
        return JsonResponse({**summary, "count": len(rows), "targets": rows}, json_dumps_params={"ensure_ascii": False})
    context = {
        "cities": cities,
        "theme": theme,
        "choices": summaries.cities_with_notices(),
        "themes": Theme.objects.all(),
        "comparison": compare.compare_cities(cities=cities, theme=theme) if cities else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "documents/compare.html", context)


def _csv(cities, theme):
    writer = csv.DictWriter(_Echo(), fieldnames=compare.EXPORT_FIELDS)
    # A byte-order mark first so that Excel opens the UTF-8 Chinese text correctly.
    header = "\ufeff" + ",".join(compare.EXPORT_FIELDS) + "\r\n"
    rows = (writer.writerow(row) for row in compare.export_rows(cities=cities, theme=theme))
    name = "-".join(city.code for city in cities) or "empty"
    response = StreamingHttpResponse(_chain(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="policykb-compare-{name}.csv"'
    return response


def _chain(first, rest):
    yield first
    yield from rest
