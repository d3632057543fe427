"""The comparison page: any number of cities side by side, and its CSV and JSON exports."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from documents import compare, summaries
from documents.forms import CompareForm, errors_of
from documents.models import Region, Theme
from documents.views.exports import csv_response


def _selection(form: CompareForm) -> tuple[list[Region], Theme | None]:
    codes = form.cleaned_data["cities"] if form.is_valid() else []
    places = Region.objects.exclude(level=Region.Level.COUNTY).select_related("parent")  # 北京市 is a city too
    by_code = places.in_bulk(codes, field_name="code")
    cities = [by_code[code] for code in codes if code in by_code]
    slug = form.cleaned_data.get("theme") if form.is_valid() else ""
    return cities, Theme.objects.filter(slug=slug).first() if slug else None


def compare_view(request):
    form = CompareForm(request.GET)
    cities, theme = _selection(form)
    export = form.is_valid() and form.cleaned_data["format"]
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
        "errors": errors_of(form),
    }
    return render(request, "documents/compare.html", context, status=200 if form.is_valid() else 400)


def _csv(cities, theme):
    name = "-".join(city.code for city in cities) or "empty"
    rows = compare.export_rows(cities=cities, theme=theme)
    return csv_response(rows, fieldnames=compare.EXPORT_FIELDS, filename=f"policykb-compare-{name}.csv")
