"""The notices (Document) in the admin: list, change page with the parsed rows inline, re-parse, and
the entry pages (documents/admin/entry.py) in place of the plain add form."""

from django.contrib import admin, messages
from django.db import models
from django.urls import path
from django.utils.text import Truncator

from documents.admin import entry
from documents.admin.corrections import MarksCheckedRows
from documents.admin.parsed import DocumentDeadlineInline, DocumentResponsibilityInline, TargetInline, TaskInline
from documents.batches import FAILED, IngestReport
from documents.ingest import reparse_document, save_corrections
from documents.models import Document, Region


class IssueYearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Document.objects.exclude(issued_on=None).dates("issued_on", "year", order="DESC")
        return [(str(day.year), f"{day.year}年") for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(issued_on__year=self.value()) if self.value() else queryset


class ProvinceFilter(admin.SimpleListFilter):
    """The provinces (34 at most), not every region the province field could point to (3,221)."""

    title = "省份"
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [(region.code, region.name) for region in Region.objects.provinces().only("code", "name")]

    def queryset(self, request, queryset):
        return queryset.filter(province__code=self.value()) if self.value() else queryset


@admin.register(Document)
class DocumentAdmin(MarksCheckedRows, admin.ModelAdmin):
    list_display = ["short_title", "doc_number", "short_issuer", "place", "issued_on"]
    list_filter = [IssueYearFilter, "themes", ProvinceFilter, ("city", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["province", "city", "county"]
    search_fields = ["title", "notice_title", "doc_number", "issuer", "source"]
    date_hierarchy = "issued_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["province", "city", "county"]
    filter_horizontal = ["themes"]
    # The cleaned text is the parser's, from the raw text: an edit would be lost at the next re-parse
    # and would shift the offsets that mark targets in the text.
    readonly_fields = [
        "raw_text",
        "clean_text",
        "content_hash",
        "checked_fields",
        "rejected",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["province", "city", "county"]
    inlines = [TargetInline, TaskInline, DocumentResponsibilityInline, DocumentDeadlineInline]
    actions = ["reparse"]
    change_list_template = "admin/documents/document/change_list.html"

    # Columns cut to fit a laptop screen; the whole title and issuer are on the change page.
    @admin.display(description="标题", ordering="title")
    def short_title(self, document):
        return Truncator(document.title).chars(48)

    @admin.display(description="发文机关", ordering="issuer")
    def short_issuer(self, document):
        return Truncator(document.issuer).chars(16)

    @admin.display(description="地区")
    def place(self, document):
        return " · ".join(
            dict.fromkeys(str(region) for region in (document.province, document.city, document.county) if region)
        )

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "notice_title",
                    "doc_number",
                    "issuer",
                    "issued_on",
                    "published_on",
                    "source",
                    "source_url",
                ]
            },
        ),
        ("地区与主题", {"fields": ["province", "city", "county", "themes"]}),
        (
            "人工核对",
            {
                "fields": ["checked_fields", "rejected"],
                "description": "人工更正的字段重新解析时保留；人工删除的解析结果重新解析时不再加回。",
            },
        ),
        ("文本", {"classes": ["collapse"], "fields": ["raw_text", "clean_text", "content_hash"]}),
        ("记录", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_urls(self):
        batch = path("batch/", self.admin_site.admin_view(self.batch_view), name="documents_document_batch")
        return [batch, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        return entry.add_notice(self, request)

    def batch_view(self, request):
        return entry.batch_upload(self, request)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            save_corrections(form.instance, fields=form.changed_data)

    @admin.action(description="重新解析所选文件（保留人工核对的内容）", permissions=["change"])
    def reparse(self, request, queryset):
        report = IngestReport()
        for document in queryset:
            line = report.run(str(document), lambda document=document: reparse_document(document=document))
            if line.status != FAILED:
                gone = line.dropped_targets
                note = f"；不再解析出的目标：{'；'.join(gone)}" if gone else ""
                self.log_change(request, document, f"重新解析（人工核对的行和字段保留）{note}")
                if gone:
                    self.message_user(
                        request, f"{document}：重新解析后不再有以下目标：{'；'.join(gone)}", messages.WARNING
                    )
        level = messages.ERROR if report.failures else messages.SUCCESS
        self.message_user(request, " ".join([report.summary(), *report.failure_lines()]), level)
