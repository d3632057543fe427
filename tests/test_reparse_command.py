"""manage.py reparse (documents/management/commands/reparse.py): stored notices parsed again from their raw
text, chosen by filters, in one process or several, keeping what editors corrected."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from documents.ingest import mark_checked, reject_rows, save_corrections
from documents.models import Deadline, Document, Responsibility, Target, Task
from tests.notice_state import notice_state

pytestmark = pytest.mark.django_db
SAMPLES = ["changde-2007", "lishui-2020", "pingdingshan-2015", "quzhou-2010", "yueqing-2015"]


def reparse(capsys, **options) -> tuple[list[str], str]:
    """The notices a run re-parsed (their sample names, in the order written) and its whole output."""
    call_command("reparse", workers=1, **options)
    out, err = capsys.readouterr()
    return re.findall(r"\] updated\s+fixtures/notices/(\S+)\.txt", out), out + err


@pytest.mark.parametrize(
    "options, expected",
    [
        ({}, SAMPLES),
        ({"region": "330000"}, ["lishui-2020", "quzhou-2010", "yueqing-2015"]),  # a province: its cities' too
        ({"region": "衢州市"}, ["quzhou-2010"]),
        ({"region": " 410400 "}, ["pingdingshan-2015"]),
        ({"year": "2015"}, ["pingdingshan-2015", "yueqing-2015"]),
        ({"year": "2015", "region": "浙江省"}, ["yueqing-2015"]),
        ({"year": "1999"}, []),
    ],
    ids=["all", "province-code", "city-name", "city-code", "year", "year-and-region", "nothing"],
)
def test_filters_choose_the_notices(shared_samples, capsys, options, expected):
    chosen, output = reparse(capsys, **options)
    by_id = {document.source: document.pk for document in shared_samples}
    assert sorted(chosen) == expected  # in id order, the samples' order
    assert chosen == sorted(chosen, key=lambda name: by_id[f"fixtures/notices/{name}.txt"])
    assert f"updated {len(expected)}, unchanged 0, failed 0" in output
    assert ("no notices match" in output) == (not expected)


def test_ids_theme_and_since_choose_the_notices(shared_samples, capsys):
    changde, lishui, pingdingshan, *_ = shared_samples
    assert reparse(capsys, ids=f"{pingdingshan.pk}, {changde.pk}")[0] == ["changde-2007", "pingdingshan-2015"]
    theme = lishui.themes.first()
    with_theme = sorted(Document.objects.filter(themes=theme).values_list("source", flat=True))
    assert [f"fixtures/notices/{name}.txt" for name in reparse(capsys, theme=theme.slug)[0]] == with_theme
    old = datetime(2020, 5, 1, tzinfo=UTC)
    Document.objects.exclude(pk=lishui.pk).update(updated_at=old)  # update() leaves updated_at as given
    assert reparse(capsys, since="2020-05-02")[0] == ["lishui-2020"]
    assert len(reparse(capsys, since="2020-05-01")[0]) == 5


@pytest.mark.parametrize(
    "options, message",
    [
        ({"year": "abc"}, "--year: 须是 1900 到 2100 的整数"),
        ({"year": "2101"}, "--year: 须是 1900 到 2100 的整数"),
        ({"since": "2024-02-30"}, "--since: 须是 1900-01-01 到 2100-12-31 的日期"),
        ({"since": "yesterday"}, "--since: 须是"),
        ({"since": "1899-12-31"}, "--since: 须是"),
        ({"region": "999999"}, "--region: 没有这个地区"),
        ({"region": "不存在市"}, "--region: 没有这个地区"),
        ({"region": "朝阳区"}, r"--region: 有多个“朝阳区”.*110105 \(北京市\).*220104 \(长春市\)"),
        ({"theme": "no-such-theme"}, "--theme: 没有这个主题"),
        ({"ids": "1,x"}, "--ids: 须是 1 到"),
        ({"ids": "0"}, "--ids: 须是 1 到"),
        ({"ids": " , "}, "--ids: 1 到 10,000 个"),
        ({"ids": ",".join(["1"] * 10_001)}, "--ids: 1 到 10,000 个"),
        ({"ids": "9223372036854775807"}, "--ids: 没有这些文件 .*: 9223372036854775807"),
        ({"workers": 0}, "--workers 须在 1 到 64 之间"),
        ({"workers": 65}, "--workers 须在 1 到 64 之间"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_a_bad_filter_value_is_refused_with_the_reason_and_nothing_is_touched(shared_samples, options, message):
    before = list(Document.objects.order_by("pk").values_list("pk", "updated_at"))
    with pytest.raises(CommandError, match=message):
        call_command("reparse", **{"workers": 1, **options})
    assert list(Document.objects.order_by("pk").values_list("pk", "updated_at")) == before


def _as_an_older_parser_left_them() -> None:
    """Other titles and no rows: what a re-parse must put right."""
    for model in (Deadline, Responsibility, Target, Task):
        model.objects.all().delete()
    Document.objects.update(title="待重新解析")


def test_one_worker_and_two_leave_the_notices_as_a_clean_ingest_does(shared_samples, capsys):
    clean = notice_state()
    assert all(notice["targets"] and notice["found"] for notice in clean)
    runs = []
    for workers in (1, 2):
        _as_an_older_parser_left_them()
        call_command("reparse", workers=workers, quiet_progress=True)
        runs.append(notice_state())
    assert runs == [clean, clean]
    out, err = capsys.readouterr()
    assert out.count("updated 5, unchanged 0, failed 0") == 2 and "[1] updated" not in out  # quiet
    assert err.count("进度 5/5") == 2


def test_editors_corrections_are_kept_and_targets_no_longer_found_are_named(shared_samples, capsys):
    document = shared_samples[2]  # pingdingshan-2015
    target = document.targets.order_by("pk").first()
    target.value = 9999
    mark_checked(target)
    target.save()
    document.title = "人工核对的标题"
    document.save()
    save_corrections(document, fields=["title"])
    task = document.tasks.order_by("order").first()
    reject_rows(document, [task])
    task.delete()
    Target.objects.create(
        document=document, clause="虚构的目标：到2030年达到1亿元", metric="虚构", value=1, unit="亿元"
    )
    _, output = reparse(capsys, ids=str(document.pk))
    document.refresh_from_db()
    assert document.title == "人工核对的标题"
    assert document.targets.get(pk=target.pk).value == 9999
    assert document.targets.filter(clause=target.clause).count() == 1
    assert not document.tasks.filter(path=task.path).exists() and document.tasks.exists()
    assert f"#{document.pk} 不再解析出的目标 targets no longer found: 虚构的目标：到2030年达到1亿元" in output
    assert "updated 1, unchanged 0, failed 0; 不再解析出的目标 targets no longer found 1" in output
    assert Document.objects.search("人工核对的标题").filter(pk=document.pk).exists()


def test_a_notice_whose_text_changed_since_it_was_read_is_parsed_from_its_text_now(shared_samples, monkeypatch):
    from documents import parallel

    document, other = shared_samples[0], shared_samples[1]
    read = parallel.stored_notices

    def read_then_replaced(ids):  # an ingest puts another text in place between the read and the write
        for notice in read(ids):
            Document.objects.filter(pk=notice.pk).update(raw_text=other.raw_text, content_hash="changed")
            yield notice

    monkeypatch.setattr(parallel, "stored_notices", read_then_replaced)
    call_command("reparse", ids=str(document.pk), workers=1, quiet_progress=True)
    document.refresh_from_db()
    assert document.title == other.title and document.clean_text == other.clean_text
