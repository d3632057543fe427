"""The search pages: notices by full-text query with facets (/search/), targets by keyword (/targets/)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from documents import compare
from documents.filters import TARGET_ORDER, TargetFilter, error_messages, target_choices, without_errors
from documents.models import Target
from documents.search_results import search_results
from documents.views.exports import csv_response

TARGETS_PAGE_SIZE = 50
TARGET_COLUMNS = (
    ("city", "城市"),
    ("year", "年份"),
    ("metric", "指标"),
    ("value", "数值"),
    ("unit", "单位"),
)  # sortable


def search(request):
    result = search_results(data=request.GET)
    return render(request, "documents/search.html", {"result": result}, status=400 if result.invalid else 200)


def targets(request):
    given = TargetFilter(request.GET, queryset=Target.objects.order_by(*TARGET_ORDER))
    found = given if given.is_valid() else without_errors(given)
    # A refused keyword lists nothing (as /search/ does): every target, "ignoring" it, would mislead.
    targets = found.qs.none() if "q" in given.errors else found.qs
    if request.GET.get("format") == "csv" and given.is_valid():  # a refused parameter: the page says why
        return csv_response(
            compare.target_export_rows(targets), fieldnames=compare.EXPORT_FIELDS, filename="policykb-targets.csv"
        )
    context = {
        "errors": error_messages(given),
        "keyword_refused": "q" in given.errors,
        "page": Paginator(targets.for_listing(), TARGETS_PAGE_SIZE).get_page(request.GET.get("page")),
        "choices": target_choices(),
        "columns": TARGET_COLUMNS,
        "sort": request.GET.get("sort", ""),
        "query": request.GET.urlencode(),
    }
    return render(request, "documents/targets.html", context, status=200 if given.is_valid() else 400)
