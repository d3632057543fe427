"""The admin of what the parser finds (targets, tasks, units, deadlines) and of regions and themes.

A row an editor changes or adds, here or in an inline, is marked checked (documents/admin/corrections.py).
"""

from django import forms
from django.contrib import admin
from django.db import models

from documents.admin.corrections import MarksCheckedRow, MarksCheckedRows
from documents.models import Deadline, Region, Responsibility, ResponsibleUnit, Target, Task, Theme
from documents.parsing.indicators import vocabulary


def _indicator_choices():
    return [("", "（无）")] + [(i.slug, f"{i.name}（{i.unit}）") for i in vocabulary()]


class TargetForm(forms.ModelForm):
    """The indicator is chosen from the vocabulary (documents/data/indicators.csv); a choice made here
    is kept by re-parsing and by `assign_indicators`."""

    indicator = forms.TypedChoiceField(label="统一指标", choices=_indicator_choices, required=False)

    class Meta:
        model = Target
        # Every field an editor may see; the inline and the admin narrow it down (readonly ones included).
        fields = [
            "document", "clause", "metric", "value", "value_max", "unit", "normalized_value", "normalized_unit",
            "year", "comparator", "qualifier", "start", "end", "order", "checked",
            "indicator", "indicator_value", "indicator_unit", "dimension", "indicator_checked",
        ]  # fmt: skip


class TargetInline(admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0
    fields = [
        "metric",
        "indicator",
        "value",
        "value_max",
        "unit",
        "year",
        "comparator",
        "qualifier",
        "clause",
        "checked",
    ]
    show_change_link = True
    # The clause is a sentence: a short box keeps a row on one screen, the 已人工核对 column in view.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 36})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 12})},
        models.FloatField: {"widget": forms.NumberInput(attrs={"style": "width: 7em"})},
    }


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["order", "path", "title", "checked"]
    show_change_link = True  # its units and deadlines are edited on the task's page (no nested inlines)


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    fields = ["unit", "role", "checked"]
    autocomplete_fields = ["unit"]


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    fields = ["text", "due_on", "checked"]


class DocumentResponsibilityInline(ResponsibilityInline):
    """Units the notice names outside any task (those of a task are on the task's page)."""

    verbose_name_plural = "责任单位（文件级）"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(task=None)


class DocumentDeadlineInline(DeadlineInline):
    verbose_name_plural = "截止时间（文件级）"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(task=None)


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
class TargetAdmin(MarksCheckedRow):
    form = TargetForm
    list_display = ["metric", "indicator", "value", "value_max", "unit", "year", "document", "checked"]
    list_filter = ["year", "unit", "checked", "indicator_checked", "dimension", "document__province"]
    readonly_fields = ["indicator_value", "indicator_unit", "dimension", "normalized_value", "normalized_unit"]
    search_fields = ["metric", "clause", "document__title"]
    list_select_related = ["document"]
    raw_id_fields = ["document"]


@admin.register(Task)
class TaskAdmin(MarksCheckedRows, MarksCheckedRow):
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
class ResponsibilityAdmin(MarksCheckedRow):
    list_display = ["unit", "role", "task", "document"]
    list_filter = ["role"]
    search_fields = ["unit__name", "task__title", "document__title"]
    list_select_related = ["unit", "task", "document"]
    raw_id_fields = ["document", "task"]
    autocomplete_fields = ["unit"]


@admin.register(Deadline)
class DeadlineAdmin(MarksCheckedRow):
    list_display = ["text", "due_on", "task", "document", "checked"]
    list_filter = ["checked", ("due_on", admin.DateFieldListFilter)]
    search_fields = ["text", "task__title", "document__title"]
    list_select_related = ["task", "document"]
    raw_id_fields = ["document", "task"]
