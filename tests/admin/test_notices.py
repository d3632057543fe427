"""The notice change page: inlines, corrections marked checked, re-parse keeping them, roles, history."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from documents.models import Deadline, Document, Target
from tests.test_ingest import PINGDINGSHAN, parse_with_rows

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:documents_document_changelist")


@pytest.fixture
def document(monkeypatch):
    from documents import ingest

    monkeypatch.setattr(ingest, "parse_notice", parse_with_rows)  # rows to correct, whatever the parser finds
    return ingest.ingest_notice(raw_text=PINGDINGSHAN, source="pingdingshan.txt").document


def change_url(obj) -> str:
    return reverse(f"admin:documents_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(response) -> dict:
    """What the browser would send back for the change page as shown: the main form and every inline."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    return data


def prefix_of(response, model) -> str:
    return next(i.formset.prefix for i in response.context["inline_admin_formsets"] if i.formset.model is model)


def test_the_change_page_has_targets_tasks_and_document_level_units_and_deadlines_inline(admin_client, document):
    response = admin_client.get(change_url(document))
    models = [inline.formset.model.__name__ for inline in response.context["inline_admin_formsets"]]
    assert models == ["Target", "Task", "Responsibility", "Deadline"]
    units = next(i for i in response.context["inline_admin_formsets"] if i.formset.model.__name__ == "Responsibility")
    assert [form.instance.unit.name for form in units.formset.forms] == ["市财政局"]  # 市发改委 is the task's


def test_an_edited_target_and_an_added_one_are_checked_the_untouched_are_not(editor_client, document):
    page = editor_client.get(change_url(document))
    data, prefix = form_data(page), prefix_of(page, Target)
    output = next(n for n, v in data.items() if n.startswith(prefix) and n.endswith("-metric") and v == "主营业务收入")
    data[output.replace("-metric", "-value")] = "3600"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "3",
            f"{prefix}-2-metric": "亩均税收",
            f"{prefix}-2-value": "20",
            f"{prefix}-2-unit": "万元",
            f"{prefix}-2-clause": "亩均税收达到20万元",
        }
    )
    response = editor_client.post(change_url(document), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rows = {t.metric: (t.value, t.checked) for t in document.targets.all()}
    assert rows == {"主营业务收入": (3600, True), "从业人员": (50, False), "亩均税收": (20, True)}
    message = LogEntry.objects.get(action_flag=CHANGE, object_id=str(document.pk)).get_change_message()
    assert "主营业务收入" in message or "目标" in message


def test_unticking_checked_alone_is_the_editors_choice(editor_client, document):
    document.targets.update(checked=True)
    page = editor_client.get(change_url(document))
    data, prefix = form_data(page), prefix_of(page, Target)
    del data[f"{prefix}-0-checked"]
    editor_client.post(change_url(document), data)
    assert sorted(document.targets.values_list("checked", flat=True)) == [False, True]


def test_corrected_metadata_is_kept_through_the_reparse_action(editor_client, document):
    data = form_data(editor_client.get(change_url(document)))
    data["doc_number"] = "平政办〔2015〕27号"
    assert editor_client.post(change_url(document), data).status_code == 302
    document.refresh_from_db()
    assert document.checked_fields == ["doc_number"]
    response = editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]}, follow=True)
    assert "updated 1" in response.content.decode() and "failed 0" in response.content.decode()
    document.refresh_from_db()
    assert document.doc_number == "平政办〔2015〕27号"
    assert LogEntry.objects.filter(object_id=str(document.pk), change_message__contains="重新解析").exists()


def test_a_task_page_edits_its_units_and_deadlines_and_the_task_survives_a_reparse(editor_client, document):
    task = document.tasks.get(path="一")
    page = editor_client.get(change_url(task))
    data, prefix = form_data(page), prefix_of(page, Deadline)
    data[f"{prefix}-0-due_on"] = "2015-09-30"
    data[f"{prefix}-0-text"] = "9月底前"
    data.update({f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-1-text": "年底前", f"{prefix}-1-due_on": "2015-12-31"})
    assert editor_client.post(change_url(task), data).status_code == 302
    assert list(task.deadlines.values_list("text", "due_on", "checked", "document")) == [
        ("9月底前", date(2015, 9, 30), True, document.pk),
        ("年底前", date(2015, 12, 31), True, document.pk),
    ]
    editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    assert list(document.tasks.order_by("order").values_list("pk", flat=True))[0] == task.pk
    assert task.deadlines.count() == 2 and document.tasks.filter(path="一").count() == 1


def test_a_target_edited_on_its_own_page_is_checked(editor_client, document):
    target = document.targets.get(metric="从业人员")
    data = form_data(editor_client.get(change_url(target)))
    data["value"] = "55"
    editor_client.post(change_url(target), data)
    target.refresh_from_db()
    assert (target.value, target.checked) == (55, True)


def test_the_roles_exist_with_the_right_permissions():
    editor = set(Group.objects.get(name="editor").permissions.values_list("codename", flat=True))
    viewer = set(Group.objects.get(name="viewer").permissions.values_list("codename", flat=True))
    assert {"add_document", "change_document", "change_target", "add_target", "delete_target", "view_region"} <= editor
    assert "delete_document" not in editor and "change_region" not in editor
    assert viewer == {
        f"view_{m}"
        for m in ("document", "target", "task", "responsibility", "deadline", "responsibleunit", "region", "theme")
    }


def test_a_viewer_reads_everything_and_changes_nothing(viewer_client, document):
    page = viewer_client.get(change_url(document))
    assert page.status_code == 200 and document.title in page.content.decode()
    assert 'name="title"' not in page.content.decode() and 'name="_save"' not in page.content.decode()
    data = form_data(page) | {"title": "改掉"}
    assert viewer_client.post(change_url(document), data).status_code == 403
    assert viewer_client.get(reverse("admin:documents_document_add")).status_code == 403
    assert viewer_client.get(reverse("admin:documents_document_batch")).status_code == 403
    listing = viewer_client.get(CHANGELIST)
    assert "reparse" not in listing.content.decode() and "批量导入" not in listing.content.decode()
    viewer_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    assert viewer_client.get(reverse("admin:documents_document_history", args=[document.pk])).status_code == 200
    document.refresh_from_db()
    assert document.title != "改掉" and not LogEntry.objects.filter(user__username="viewer1").exists()


def test_an_editor_cannot_delete_a_notice_nor_change_regions(editor_client, document):
    assert (
        editor_client.post(reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Document.objects.filter(pk=document.pk).exists()
    region = document.city
    assert (
        editor_client.post(change_url(region), {"name": "x", "code": region.code, "level": region.level}).status_code
        == 403
    )


def test_the_history_page_says_who_changed_what_and_when(editor_client, document):
    data = form_data(editor_client.get(change_url(document)))
    data["issuer"] = "平顶山市人民政府（更正）"
    editor_client.post(change_url(document), data)
    history = editor_client.get(reverse("admin:documents_document_history", args=[document.pk])).content.decode()
    assert "editor1" in history and "发文机关" in history


def test_the_public_site_has_no_way_in_for_writes(client, document):
    before = Document.objects.values_list("pk", "title", "updated_at").get()
    for url in ("/", f"/notices/{document.pk}/", "/api/documents/"):
        client.post(url, {"title": "改掉"})
    assert Document.objects.values_list("pk", "title", "updated_at").get() == before
    assert client.get(reverse("admin:documents_document_add")).status_code == 302  # to the login page


def test_a_notice_with_many_targets_can_be_saved(editor_client, document):
    Target.objects.bulk_create(
        Target(document=document, clause=f"第{n}条", metric=f"指标{n}", value=n, unit="亿元", order=n)
        for n in range(150)
    )
    data = form_data(editor_client.get(change_url(document)))
    assert len(data) > 1000  # Django's default cap on fields in one request
    assert editor_client.post(change_url(document), data).status_code == 302


def test_a_target_deleted_inline_stays_deleted_after_a_reparse(editor_client, document):
    page = editor_client.get(change_url(document))
    data, prefix = form_data(page), prefix_of(page, Target)
    row = next(n for n, v in data.items() if n.startswith(prefix) and n.endswith("-metric") and v == "从业人员")
    data[row.replace("-metric", "-DELETE")] = "on"
    assert editor_client.post(change_url(document), data).status_code == 302
    editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    assert list(document.targets.values_list("metric", flat=True)) == ["主营业务收入"]


def test_a_deadline_deleted_on_the_task_page_stays_deleted_after_a_reparse(editor_client, document):
    task = document.tasks.get(path="一")
    page = editor_client.get(change_url(task))
    data, prefix = form_data(page), prefix_of(page, Deadline)
    data[f"{prefix}-0-DELETE"] = "on"
    assert editor_client.post(change_url(task), data).status_code == 302
    editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    assert document.tasks.filter(path="一").count() == 1 and not Deadline.objects.filter(task__path="一").exists()


def test_targets_deleted_from_their_list_stay_deleted_after_a_reparse(editor_client, document):
    listing = reverse("admin:documents_target_changelist")
    pks = list(document.targets.values_list("pk", flat=True))
    editor_client.post(listing, {"action": "delete_selected", "_selected_action": pks, "post": "yes"})
    editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    assert not document.targets.exists()


def test_an_indicator_chosen_by_an_editor_survives_reparse_and_reassignment(editor_client, document):
    target = document.targets.get(metric="从业人员")
    assert target.indicator == ""  # 从业人员 alone names no common measure
    data = form_data(editor_client.get(change_url(target)))
    data["indicator"] = "urban-new-jobs"
    assert editor_client.post(change_url(target), data).status_code == 302
    target.refresh_from_db()
    assert (target.indicator, target.indicator_checked, target.checked, target.indicator_unit) == (
        "urban-new-jobs",
        True,
        True,
        "万人",
    )
    assert target.indicator_value is not None
    editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]})
    call_command("assign_indicators", stdout=None)
    target.refresh_from_db()
    assert (target.indicator, target.indicator_checked) == ("urban-new-jobs", True)
    assert document.targets.filter(clause=target.clause).count() == 1


def test_the_indicator_select_offers_the_vocabulary(editor_client, document):
    page = editor_client.get(change_url(document.targets.first())).content.decode()
    assert '<option value="tax-per-mu">亩均税收（万元/亩）</option>' in page


def test_the_reparse_action_says_which_targets_are_gone_in_the_history_and_on_screen(editor_client, monkeypatch):
    from dataclasses import replace

    from documents import ingest
    from documents.ingest import ingest_file
    from tests.conftest import NOTICES

    document = ingest_file(NOTICES / "pingdingshan-2015.txt").document
    real = ingest.parse_notice
    monkeypatch.setattr(
        ingest,
        "parse_notice",
        lambda text, **kw: replace(
            real(text, **kw), targets=tuple(t for t in real(text, **kw).targets if t.text != "新增从业人员2万人以上")
        ),
    )
    response = editor_client.post(CHANGELIST, {"action": "reparse", "_selected_action": [document.pk]}, follow=True)
    assert "重新解析后不再有以下目标：新增从业人员2万人以上" in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(document.pk), action_flag=CHANGE)
    assert "不再解析出的目标：新增从业人员2万人以上" in entry.get_change_message()
