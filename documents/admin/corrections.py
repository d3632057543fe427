"""Marking what an editor corrected: a row they changed or added is `checked`, so a re-parse keeps it;
a parser row they deleted is noted on its document (Document.rejected), so a re-parse does not add it back."""

from django.contrib import admin

from documents.ingest import mark_checked, reject_rows


def corrected(changed_fields) -> bool:
    """Only ticking or unticking `checked` is not a correction: the editor's choice then stands."""
    return bool(set(changed_fields) - {"checked"})


class MarksCheckedRows:
    """For a ModelAdmin whose inlines hold parsed rows (targets, tasks, units, deadlines)."""

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        if formset.deleted_objects:  # the rows of one formset are all of one document
            reject_rows(formset.deleted_objects[0].document, formset.deleted_objects)
        for row in formset.deleted_objects:
            row.delete()
        changed = [(row, fields) for row, fields in formset.changed_objects if corrected(fields)]
        for row, fields in [*((row, ()) for row in formset.new_objects), *changed]:
            mark_checked(row, fields=fields)
        for row in [*formset.new_objects, *(row for row, _ in formset.changed_objects)]:
            if getattr(row, "task_id", None) and not row.document_id:  # a unit or deadline added under a task
                row.document_id = row.task.document_id
            row.save()
        formset.save_m2m()


class MarksCheckedRow(admin.ModelAdmin):
    """For a parsed row edited (or deleted) on its own page."""

    def save_model(self, request, obj, form, change):
        if not change or corrected(form.changed_data):
            mark_checked(obj, fields=form.changed_data)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        reject_rows(obj.document, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        by_document = {}
        for row in queryset.select_related("document"):
            by_document.setdefault(row.document_id, []).append(row)
        for rows in by_document.values():
            reject_rows(rows[0].document, rows)
        super().delete_queryset(request, queryset)
