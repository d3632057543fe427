"""Indicator pages: the vocabulary with counts (/indicators/), one indicator across cities (/indicators/<slug>/)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from documents import compare
from documents.parsing.indicators import by_slug

PAGE_SIZE = 100


def indicator_index(request):
    counts = compare.indicator_counts()
    context = {"counts": counts, "used": sum(1 for row in counts if row.targets)}
    return render(request, "documents/indicators.html", context)


def indicator_detail(request, slug):
    indicator = by_slug(slug)
    if indicator is None:
        raise Http404("没有这个统一指标")
    context = {
        "indicator": indicator,
        "row": compare.newest_by_city(indicator=indicator),
        "page": Paginator(compare.indicator_targets(indicator=indicator), PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "documents/indicator_detail.html", context)
