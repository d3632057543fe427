"""Read-only JSON API: /api/documents/, /api/targets/, /api/tasks/ — paginated, filtered like the pages.

Each endpoint is a FilterSet over a QuerySet, a page of it, and rows made with .values() or a
prefetch, so a page costs the same few queries (count, page, one prefetch) whatever the page size.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import JsonResponse
from django.urls import reverse

from documents import api_filters
from documents.forms import ApiPageForm
from documents.models import Deadline, Document, Responsibility, Target, Task

PAGE_SIZE = 50


def _paginated(request, queryset, serialize) -> JsonResponse:
    sizing = ApiPageForm(request.GET)
    if not sizing.is_valid():
        return JsonResponse({"errors": sizing.errors.get_json_data()}, status=400)
    size = sizing.cleaned_data["page_size"] or PAGE_SIZE
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()

    def link(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    body = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [serialize(item) for item in page.object_list],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _filtered(request, filterset_class, queryset):
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return None, JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    return filterset.qs, None


def _place(region):
    return {"code": region.code, "name": region.name} if region else None


def _document(document: Document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "doc_number": document.doc_number,
        "issuer": document.issuer,
        "province": _place(document.province),
        "city": _place(document.city),
        "county": _place(document.county),
        "issued_on": document.issued_on and document.issued_on.isoformat(),
        "published_on": document.published_on and document.published_on.isoformat(),
        "source": document.public_source,
        "themes": [theme.slug for theme in document.themes.all()],
        "url": document.get_absolute_url(),
    }


def documents(request):
    queryset = Document.objects.with_places().prefetch_related("themes").newest_first()
    found, error = _filtered(request, api_filters.DocumentApiFilter, queryset)
    return error or _paginated(request, found, _document)


TARGET_FIELDS = (
    "id", "document_id", "metric", "value", "value_max", "unit", "normalized_value", "normalized_unit",
    "year", "comparator", "qualifier", "clause",
)  # fmt: skip


def _target(row: dict) -> dict:
    url = reverse("documents:document-detail", args=[row["document_id"]])
    return {**{name: row[name] for name in TARGET_FIELDS}, "city": row["city"], "url": f"{url}#target-{row['id']}"}


def targets(request):
    queryset = Target.objects.order_by("document_id", "order")
    found, error = _filtered(request, api_filters.TargetApiFilter, queryset)
    return error or _paginated(request, found.values(*TARGET_FIELDS, city=F("document__city__code")), _target)


def _task(task: Task) -> dict:
    url = reverse("documents:document-detail", args=[task.document_id])
    return {
        "id": task.pk,
        "document_id": task.document_id,
        "path": task.path,
        "title": task.title,
        "text": task.text,
        "units": [{"name": r.unit.name, "role": r.role, "unit_id": r.unit_id} for r in task.responsibilities.all()],
        "deadlines": [{"text": d.text, "due_on": d.due_on and d.due_on.isoformat()} for d in task.deadlines.all()],
        "url": f"{url}#task-{task.pk}",
    }


def tasks(request):
    queryset = Task.objects.order_by("document_id", "order").prefetch_related(
        Prefetch("responsibilities", queryset=Responsibility.objects.select_related("unit")),
        Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on")),
    )
    found, error = _filtered(request, api_filters.TaskApiFilter, queryset)
    return error or _paginated(request, found, _task)
