"""The admin: every model, with list columns, filters, search and inlines; raw text read-only."""
from django.contrib import admin

from documents import search
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task, Theme


class IssueYearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Document.objects.exclude(issued_on=None).dates("issued_on", "year", order="DESC")
        return [(str(day.year), f"{day.year}年") for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(issued_on__year=self.value()) if self.value() else queryset


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["metric", "value", "value_max", "unit", "year", "comparator", "qualifier", "clause", "checked"]
    show_change_link = True


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["order", "path", "title", "checked"]
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "doc_number", "issuer", "province", "city", "county", "issued_on", "created_at"]
    list_filter = [IssueYearFilter, "themes", "province", ("city", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "notice_title", "doc_number", "issuer", "source"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["province", "city", "county"]
    filter_horizontal = ["themes"]
    readonly_fields = ["raw_text", "content_hash", "created_at", "updated_at"]
    list_select_related = ["province", "city", "county"]
    inlines = [TargetInline, TaskInline]
    fieldsets = [
        (None, {"fields": ["title", "notice_title", "doc_number", "issuer", "issued_on", "published_on", "source"]}),
        ("地区与主题", {"fields": ["province", "city", "county", "themes"]}),
        ("文本", {"classes": ["collapse"], "fields": ["raw_text", "clean_text", "content_hash"]}),
        ("记录", {"fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Title and text are editable here: the search index must follow them (deletes cascade by FK).
        super().save_model(request, obj, form, change)
        search.index_document(obj)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["metric", "value", "value_max", "unit", "year", "document", "checked"]
    list_filter = ["year", "unit", "checked", "document__province"]
    search_fields = ["metric", "clause", "document__title"]
    list_select_related = ["document"]
    raw_id_fields = ["document"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    fields = ["unit", "role", "checked"]
    autocomplete_fields = ["unit"]


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    fields = ["text", "due_on", "checked"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["path", "title", "document", "order", "checked"]
    list_filter = ["checked", "document__province"]
    search_fields = ["title", "text", "document__title"]
    list_select_related = ["document"]
    raw_id_fields = ["document"]
    inlines = [ResponsibilityInline, DeadlineInline]


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "normalized_name", "region"]
    search_fields = ["name", "normalized_name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin):
    list_display = ["unit", "role", "task", "document"]
    list_filter = ["role"]
    search_fields = ["unit__name", "task__title", "document__title"]
    list_select_related = ["unit", "task", "document"]
    raw_id_fields = ["document", "task"]
    autocomplete_fields = ["unit"]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["text", "due_on", "task", "document", "checked"]
    list_filter = ["checked", ("due_on", admin.DateFieldListFilter)]
    search_fields = ["text", "task__title", "document__title"]
    list_select_related = ["task", "document"]
    raw_id_fields = ["document", "task"]
