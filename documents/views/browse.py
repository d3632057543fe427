"""Browsing pages: home, regions index, region (province / city / county), level (national, provincial …),
theme, notice, units index and unit, deadlines."""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models.functions import Substr
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from documents import search, summaries
from documents.forms import LAST_DAY, PeriodForm, errors_of
from documents.models import LEVELS, Document, Region, ResponsibleUnit, Theme

PAGE_SIZE = 20
SEARCH_QUERY_LENGTH = 200  # the words marked in a notice come from a query of at most this length
_LEVEL_PARAM = {Region.Level.PROVINCE: "province", Region.Level.CITY: "city", Region.Level.COUNTY: "county"}


def _page(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def home(request):
    context = {
        "counts": summaries.collection_counts(),
        "newest": Document.objects.with_places().newest_first()[:10],
        "cities": summaries.cities_with_notices(),
        "themes": summaries.themes_with_notices(),
    }
    return render(request, "documents/home.html", context)


def region_index(request):
    return render(request, "documents/region_index.html", {"index": summaries.regions_index(), "levels": dict(LEVELS)})


def level_detail(request, level):
    if level not in dict(LEVELS):
        raise Http404("没有这一层级")
    documents = Document.objects.at_level(level).with_places().newest_first()
    context = {
        "level": level,
        "label": dict(LEVELS)[level],
        "page": _page(request, documents),
        "overview": summaries.level_overview(level=level),
    }
    return render(request, "documents/level_detail.html", context)


def region_detail(request, code):
    region = get_object_or_404(Region.objects.select_related("parent__parent"), code=code)
    documents = Document.objects.for_region(region).with_places().newest_first()
    today = timezone.localdate()
    context = {
        "region": region,
        "today": today,
        "page": _page(request, documents),
        "overview": summaries.region_overview(region=region, today=today),
        "region_param": f"{_LEVEL_PARAM[region.level]}={region.code}",
        "targets_url": f"{reverse('documents:targets')}?{_LEVEL_PARAM[region.level]}={region.code}",
    }
    return render(request, "documents/region_detail.html", context)


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    documents = Document.objects.for_theme(theme).with_places().newest_first()
    context = {
        "theme": theme,
        "page": _page(request, documents),
        "overview": summaries.theme_overview(theme=theme),
        "targets_url": f"{reverse('documents:targets')}?theme={theme.slug}",
    }
    return render(request, "documents/theme_detail.html", context)


def document_detail(request, pk):
    documents = Document.objects.with_places().defer("raw_text")
    document = get_object_or_404(documents.annotate(raw_head=Substr("raw_text", 1, summaries.RAW_HEAD_CHARS)), pk=pk)
    query = (request.GET.get("q") or "").strip()[:SEARCH_QUERY_LENGTH]  # from a search: its words marked
    words = search.query_words(query) if query else []
    context = {
        "document": document,
        "query": query,
        "words": words,
        "themes": list(document.themes.all()),
        "reading": summaries.notice_reading(document=document, raw_head=document.raw_head, words=words),
        "today": timezone.localdate(),
    }
    return render(request, "documents/document_detail.html", context)


def document_text(request, pk):
    """The notice's whole text as plain UTF-8 (the notice page shows a long one's first part only)."""
    text = get_object_or_404(Document.objects.only("clean_text"), pk=pk).clean_text
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="notice-{pk}.txt"'
    return response


UNITS_QUERY_LENGTH = 50  # a unit's name is short; a longer query is cut, not refused


def unit_index(request):
    query = (request.GET.get("q") or "").strip()[:UNITS_QUERY_LENGTH]
    context = {"query": query, "page": _page(request, summaries.units_listing(query=query), size=50)}
    return render(request, "documents/unit_index.html", context)


def unit_detail(request, pk):
    unit = get_object_or_404(ResponsibleUnit.objects.select_related("region"), pk=pk)
    responsibilities = summaries.unit_tasks(responsibilities=unit.responsibilities.all())
    context = {
        "unit": unit,
        "page": _page(request, responsibilities, size=50),
        "roles": summaries.unit_roles(responsibilities=unit.responsibilities.all(), limit=1),
        "today": timezone.localdate(),
    }
    return render(request, "documents/unit_detail.html", context)


def deadlines(request):
    today = timezone.localdate()
    form = PeriodForm(request.GET)
    given = form.cleaned_data if form.is_valid() else {}
    # Without a period, open where the deadlines are: from the next one due, else the most recent one past.
    opened = None if given.get("start") or given.get("end") else summaries.deadline_opening(today=today)
    start = given.get("start") or (opened[0] if opened else today)
    end = given.get("end") or min(start + timedelta(days=90), LAST_DAY)
    if end < start:
        start, end = end, start
    context = {
        "start": start,
        "end": end,
        "today": today,
        "opened": opened,
        "page": _page(request, summaries.deadlines_in_period(start=start, end=end), size=100),
        "units": summaries.units_in_period(start=start, end=end),
        "errors": errors_of(form),
    }
    return render(request, "documents/deadlines.html", context, status=200 if form.is_valid() else 400)
