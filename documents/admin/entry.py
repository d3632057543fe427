"""Entering notices in the admin: paste or upload one, check the parse in a preview, correct, save;
or upload several (or a .zip) at once. Every save goes through documents/ingest.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from documents.admin.forms import PREVIEW_FIELDS, BatchUploadForm, NoticeEntryForm, PreviewForm
from documents.batches import FAILED, ingest_uploads
from documents.ingest import ADDED, UNCHANGED, IngestError, find_duplicate, ingest_notice, parsed_fields
from documents.models import Document
from documents.parsing import parse_notice


def add_notice(model_admin, request) -> TemplateResponse:
    """Step 1 (paste / upload) → step 2 (preview with the parse, metadata open for correction) → save."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST" and "raw" in request.POST:
        return _save_previewed(model_admin, request)
    form = NoticeEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw_text, source = form.cleaned_data["raw_text"], form.cleaned_data["source"]
        duplicate = find_duplicate(raw_text)
        if duplicate is None:
            parsed = parse_notice(raw_text)  # once: the form's values and the preview both come from it
            fields = parsed_fields(parsed, source=source)
            preview = PreviewForm.for_notice(raw_text=raw_text, source=source, fields=fields)
            return _preview(model_admin, request, preview, source=source, parsed=parsed, fields=fields)
        return _entry(model_admin, request, form, duplicate=duplicate)
    return _entry(model_admin, request, form)


def _save_previewed(model_admin, request) -> TemplateResponse:
    form = PreviewForm(request.POST)
    if not form.is_valid():
        if "raw" in form.errors or "source" in form.errors:
            error = (form.errors.get("raw") or form.errors.get("source"))[0]
            return _entry(model_admin, request, NoticeEntryForm(), refusal=error)
        raw_text, source = form.cleaned_data["raw"], form.cleaned_data["source"]
        parsed = parse_notice(raw_text)
        return _preview(
            model_admin, request, form, source=source, parsed=parsed, fields=parsed_fields(parsed, source=source)
        )
    raw_text, source = form.cleaned_data["raw"], form.cleaned_data["source"]
    parsed = parse_notice(raw_text)
    corrections = form.corrections(parsed_fields(parsed, source=source))
    try:
        outcome = ingest_notice(raw_text=raw_text, source=source, parsed=parsed, corrections=corrections)
    except IngestError as error:
        return _entry(model_admin, request, NoticeEntryForm(), refusal=str(error))
    if outcome.status == UNCHANGED:  # stored by someone else since the preview
        return _entry(model_admin, request, NoticeEntryForm(), duplicate=outcome.document)
    document = outcome.document
    note = "、".join(str(Document._meta.get_field(name).verbose_name) for name in corrections)
    message = f"通过管理后台录入（来源：{source}）" + (f"；录入时更正：{note}" if note else "")
    if outcome.status == ADDED:
        model_admin.log_addition(request, document, message)
    else:
        model_admin.log_change(request, document, message.replace("录入", "更新"))
    messages.success(request, f"已保存：{document}。请核对目标和任务，改过的行会标记为已核对。")
    return redirect(reverse("admin:documents_document_change", args=[document.pk]))


def _entry(model_admin, request, form, *, duplicate=None, refusal="") -> TemplateResponse:
    context = {
        **_context(model_admin, request, "录入政策文件"),
        "form": form,
        "duplicate": duplicate,
        "refusal": refusal,
    }
    return TemplateResponse(request, "admin/documents/document/add_notice.html", context)


def _preview(model_admin, request, form, *, source: str, parsed, fields: dict) -> TemplateResponse:
    context = {
        **_context(model_admin, request, "核对解析结果"),
        "form": form,
        "metadata_fields": [form[name] for name in PREVIEW_FIELDS],
        "parsed": parsed,
        "places": [fields[name] for name in ("province", "city", "county") if fields[name]],
        "updates": Document.objects.filter(source=source).first(),
        "source": source,
    }
    return TemplateResponse(request, "admin/documents/document/preview_notice.html", context)


def batch_upload(model_admin, request) -> TemplateResponse:
    """Several files or a .zip: each through ingest, one report as the ingest command prints it."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = BatchUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = ingest_uploads(form.cleaned_data["files"])
        for line in report.lines:
            if line.status == ADDED:
                model_admin.log_addition(request, line.document, f"批量导入（来源：{line.name}）")
            elif line.status not in (FAILED, UNCHANGED):
                model_admin.log_change(request, line.document, f"批量导入更新（来源：{line.name}）")
    context = {**_context(model_admin, request, "批量导入政策文件"), "form": form, "report": report}
    return TemplateResponse(request, "admin/documents/document/batch_upload.html", context)


def _context(model_admin, request, title: str) -> dict:
    return {**model_admin.admin_site.each_context(request), "opts": Document._meta, "title": title}
