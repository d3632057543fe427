"""The comparison page: any number of cities side by side, and its CSV and JSON exports."""
from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from documents import compare, summaries
from documents.models import Region, Theme
from documents.views.exports import csv_response

MAX_CITIES = 40  # the heat map and the aligned table stop being readable long before this


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
    name = "-".join(city.code for city in cities) or "empty"
    rows = compare.export_rows(cities=cities, theme=theme)
    return csv_response(rows, fieldnames=compare.EXPORT_FIELDS, filename=f"policykb-compare-{name}.csv")
