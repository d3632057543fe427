"""The ingest service and command: dedup, updates, encodings, and bad files that lose nothing."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from documents import ingest as ingest_module
from documents.ingest import (
    ADDED,
    UNCHANGED,
    UPDATED,
    IngestError,
    content_hash,
    ingest_file,
    ingest_notice,
    mark_checked,
    reparse_document,
)
from documents.models import Deadline, Document, Responsibility, Target, Task, Theme
from documents.parsing import parse_notice
from documents.parsing import types as parsed_types
from documents.parsing.metrics import is_fragment
from tests.conftest import NOTICES, ROOT

pytestmark = pytest.mark.django_db


def run_ingest(*paths) -> tuple[str, str, int]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


def test_ingesting_the_samples_twice_leaves_five_documents():
    first, _, code = run_ingest(NOTICES)
    assert code == 0 and "added 5, updated 0, unchanged 0, failed 0" in first
    second, _, code = run_ingest(NOTICES)
    assert code == 0 and "added 0, updated 0, unchanged 5, failed 0" in second
    assert Document.objects.count() == 5


def test_a_changed_file_updates_its_document_in_place(tmp_path):
    notice = tmp_path / "pingdingshan.txt"
    text = (NOTICES / "pingdingshan-2015.txt").read_text(encoding="utf-8")
    notice.write_text(text, encoding="utf-8")
    added = ingest_file(notice)
    notice.write_text(text + "\n附件:2015年重点项目表", encoding="utf-8")
    updated = ingest_file(notice)
    assert (added.status, updated.status) == (ADDED, UPDATED)
    assert updated.document.pk == added.document.pk
    assert Document.objects.count() == 1
    assert Document.objects.get().raw_text.endswith("附件:2015年重点项目表")


def test_a_gbk_notice_is_read_as_the_same_notice(tmp_path):
    text = (NOTICES / "lishui-2020.txt").read_text(encoding="utf-8")
    gbk = tmp_path / "lishui-gbk.txt"
    gbk.write_bytes(text.encode("gbk", errors="strict"))
    outcome = ingest_file(gbk)
    assert outcome.status == ADDED
    assert outcome.document.raw_text == text
    assert "丽水市产业平台整合提升指导意见" in outcome.document.clean_text
    # The UTF-8 original is the same notice: it is not stored twice.
    again = ingest_file(NOTICES / "lishui-2020.txt")
    assert again.status == UNCHANGED and again.duplicate_of == outcome.document


def test_raw_text_is_kept_exactly_as_received():
    raw = "关于印发《方案》的通知\r\n\u3000\u3000一、总体要求　(一)到2025年产值达到1000亿元。\r\n"
    outcome = ingest_notice(raw_text=raw, source="pasted")
    assert Document.objects.get(pk=outcome.document.pk).raw_text == raw


def test_same_text_under_another_source_is_a_duplicate_not_a_copy():
    raw = (NOTICES / "yueqing-2015.txt").read_text(encoding="utf-8")
    first = ingest_notice(raw_text=raw, source="a.txt")
    second = ingest_notice(raw_text=raw.replace("\n", "\r\n"), source="b.txt")
    assert second.status == UNCHANGED and second.duplicate_of == first.document
    assert Document.objects.count() == 1


def test_content_hash_ignores_spacing_and_width():
    assert content_hash("到２０２５年　产值") == content_hash("到2025年产值")
    assert content_hash("到2025年产值") != content_hash("到2026年产值")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "空"),
        ("blank.txt", b"  \n\r\n ", "空"),
        ("binary.txt", bytes(range(256)) * 40, "二进制"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "不支持的文件类型 .png"),
        ("MANIFEST.tsv", b"file\ttitle\na.txt\t\xe9\x80\x9a\xe7\x9f\xa5\n", "不支持的文件类型 .tsv"),
    ],
    ids=["empty", "whitespace-only", "binary", "png", "named-tsv"],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        ingest_file(path)
    assert Document.objects.count() == 0


def test_a_bad_file_is_reported_and_the_batch_goes_on(tmp_path, settings):
    settings.POLICYKB_MAX_NOTICE_BYTES = 1024 * 1024
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-binary.bin").write_bytes(os.urandom(4096))
    with (folder / "c-huge.txt").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # a sparse 2 MB file over the 1 MB limit set above
    (folder / "sub" / "quzhou.txt").write_bytes((NOTICES / "quzhou-2010.txt").read_bytes())
    (folder / "sub" / "yueqing-gbk.txt").write_bytes(
        (NOTICES / "yueqing-2015.txt").read_text(encoding="utf-8").encode("gb18030")
    )
    out, err, code = run_ingest(folder)
    assert code == 1
    assert "added 2, updated 0, unchanged 0, failed 2; 跳过 skipped 1 (not notices)" in out
    assert "a-empty.txt: 文件为空" in out
    assert "b-binary.bin: 不是通知文件类型 .bin" in out
    assert "c-huge.txt: 文件过大" in out
    assert Document.objects.count() == 2


def test_a_folder_yields_only_notices_and_names_every_file_it_passes_over(tmp_path):
    # The dev corpus's own layout: notices beside a manifest and a description of where they came from.
    corpus = tmp_path / "corpus"
    (corpus / ".git").mkdir(parents=True)
    (corpus / "quzhou.TXT").write_bytes((NOTICES / "quzhou-2010.txt").read_bytes())
    (corpus / "MANIFEST.tsv").write_text("file\ttitle\nquzhou.TXT\t关于印发衢州市…的通知\n", encoding="utf-8")
    (corpus / "SOURCES.md").write_text("# 来源\n平政办〔2015〕26号 到2025年产值达到1000亿元\n", encoding="utf-8")
    (corpus / "README").write_text("说明", encoding="utf-8")
    (corpus / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    out, err, code = run_ingest(corpus)
    assert code == 0, err
    assert "added 1, updated 0, unchanged 0, failed 0; 跳过 skipped 5 (not notices)" in out
    for line in [
        "MANIFEST.tsv: 不是通知文件类型 .tsv",
        "SOURCES.md: 不是通知文件类型 .md",
        "README: 不是通知文件类型 （无扩展名）",
        ".DS_Store: 隐藏文件",
        ".git: 隐藏文件夹",
    ]:
        assert line in out
    assert [Path(source).name for source in Document.objects.values_list("source", flat=True)] == ["quzhou.TXT"]


def test_public_pages_and_the_api_show_a_file_by_its_name_never_the_server_path(client, tmp_path):
    folder = tmp_path / "home" / "x" / "corpus"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_bytes((NOTICES / "quzhou-2010.txt").read_bytes())
    run_ingest(folder)
    document = Document.objects.get()
    assert document.source == str(folder / "a.txt")  # the path still identifies the file for updates
    page = client.get(document.get_absolute_url()).content.decode()
    assert (
        '<dd class="source">a.txt <span class="muted">（未记原文地址）</span></dd>' in page and str(folder) not in page
    )
    api = client.get("/api/documents/").json()
    assert [row["source"] for row in api["results"]] == ["a.txt"]
    assert str(folder) not in client.get("/api/documents/").content.decode()


def test_a_notice_from_the_web_shows_its_address(client):
    raw = (NOTICES / "yueqing-2015.txt").read_text(encoding="utf-8")
    document = ingest_notice(raw_text=raw, source="http://www.yueqing.gov.cn/art/2015/1.html").document
    page = client.get(document.get_absolute_url()).content.decode()
    assert '<a href="http://www.yueqing.gov.cn/art/2015/1.html" rel="noopener noreferrer">' in page


def test_the_address_a_notice_gives_is_its_source_link(client, tmp_path):
    raw = "原文链接：https://www.pkulaw.com/lar/a28211.html\n" + (NOTICES / "yueqing-2015.txt").read_text(
        encoding="utf-8"
    )
    document = ingest_notice(raw_text=raw, source="粘贴:447d6801e693").document
    assert document.source_url == "https://www.pkulaw.com/lar/a28211.html"
    assert "原文链接" in document.raw_text and "原文链接" not in document.clean_text  # kept as received, not read
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'href="https://www.pkulaw.com/lar/a28211.html"' in page and "粘贴:" not in page


def test_a_page_s_canonical_link_is_its_address(tmp_path):
    page = tmp_path / "notice.html"
    body = (NOTICES / "quzhou-2010.txt").read_text(encoding="utf-8").replace("\n", "</p><p>")
    page.write_text(
        f'<html><head><link rel="canonical" href="http://www.qz.gov.cn/art/2010/12/28/1.html"></head>'
        f"<body><p>{body}</p></body></html>",
        encoding="utf-8",
    )
    _, _, code = run_ingest(page)
    assert code == 0 and Document.objects.get().source_url == "http://www.qz.gov.cn/art/2010/12/28/1.html"


def test_ingest_source_url_gives_a_file_its_address_and_keeps_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes((NOTICES / "quzhou-2010.txt").read_bytes())
    call_command("ingest", str(path), "--source-url", "http://www.qz.gov.cn/1.html", stdout=StringIO())
    document = Document.objects.get()
    assert document.source_url == "http://www.qz.gov.cn/1.html" and "source_url" in document.checked_fields
    reparse_document(document=document)
    assert Document.objects.get().source_url == "http://www.qz.gov.cn/1.html"  # given by a person: kept
    call_command("ingest", str(path), "--source-url", "https://www.qz.gov.cn/2.html", stdout=StringIO())
    assert Document.objects.get().source_url == "https://www.qz.gov.cn/2.html"  # same text, new address


@pytest.mark.parametrize(
    ("address", "paths", "message"),
    [("ftp://x/1", 1, "不是网址"), ("javascript:alert(1)", 1, "不是网址"), ("http://x.cn/1", 2, "单个文件")],
    ids=["ftp", "script", "two-files"],
)
def test_ingest_source_url_is_checked(tmp_path, address, paths, message):
    files = []
    for n in range(paths):
        files.append(tmp_path / f"{n}.txt")
        files[-1].write_bytes((NOTICES / "quzhou-2010.txt").read_bytes())
    with pytest.raises(CommandError, match=message):
        call_command("ingest", *map(str, files), "--source-url", address, stdout=StringIO())
    assert not Document.objects.exists()


def test_a_missing_path_is_a_failure_not_a_crash(tmp_path):
    out, _, code = run_ingest(tmp_path / "nowhere.txt")
    assert code == 1 and "无法读取文件" in out


def test_seed_loads_the_samples_only_into_an_empty_database():
    from io import StringIO

    call_command("seed", stdout=StringIO())
    assert Document.objects.count() == 5
    out = StringIO()
    call_command("seed", stdout=out)
    assert "跳过" in out.getvalue() and Document.objects.count() == 5


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "a-real-production-secret-key-with-entropy-5f2b9c",
        "ALLOWED_HOSTS": "policykb.example.org",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


# --- Re-parse keeps what a person checked ---------------------------------------------------------
# On this branch the parser finds metadata only, so the parse is extended with rows of our own: the rule
# under test is the replace step's, whatever the parser finds.

PINGDINGSHAN = (NOTICES / "pingdingshan-2015.txt").read_text(encoding="utf-8")
OUTPUT = "到2015年，全市产业集聚区规模以上工业主营业务收入达到3500亿元"
EMPLOYMENT = "从业人员达到50万人"


def parse_with_rows(text, **_):
    lead, support = parsed_types.UnitRef("市发改委", "lead"), parsed_types.UnitRef("市财政局", "support")
    return replace(
        parse_notice(text),
        targets=(
            parsed_types.Target(
                text=OUTPUT, metric="主营业务收入", value=3500, unit="亿元", year=2015, start=10, end=40
            ),
            parsed_types.Target(text=EMPLOYMENT, metric="从业人员", value=50, unit="万人", year=2015, start=50, end=60),
        ),
        tasks=(
            parsed_types.Task(
                path="一",
                title="加快项目建设",
                text="加快项目建设。市发改委牵头。",
                units=(lead,),
                deadlines=(parsed_types.Deadline("6月底前", date(2015, 6, 30)),),
            ),
            parsed_types.Task(path="二", title="完善基础设施", text="完善基础设施。"),
        ),
        units=(lead, support),
        deadlines=(parsed_types.Deadline("年底前", date(2015, 12, 31)),),
    )


@pytest.fixture
def parser_with_rows(monkeypatch):
    monkeypatch.setattr(ingest_module, "parse_notice", parse_with_rows)


@pytest.fixture
def document(parser_with_rows):
    return ingest_notice(raw_text=PINGDINGSHAN, source="pingdingshan.txt").document


def correct(row, **changes):
    for name, value in changes.items():
        setattr(row, name, value)
    mark_checked(row)
    row.save()
    return row


def test_a_corrected_target_survives_a_reparse_and_is_not_duplicated(document):
    output = document.targets.get(metric="主营业务收入")
    correct(output, value=3600, unit="万元")  # the editor's unit: the comparable figure follows it
    document.targets.filter(metric="从业人员").update(value=1)  # an unchecked row: the parser's again
    reparse_document(document=document)
    assert document.targets.filter(metric="主营业务收入").count() == 1
    kept = document.targets.get(metric="主营业务收入")
    assert (kept.pk, kept.value, kept.checked, kept.normalized_value) == (output.pk, 3600, True, pytest.approx(0.36))
    assert document.targets.get(metric="从业人员").value == 50


def test_a_target_an_editor_added_survives_a_reparse(document):
    Target.objects.create(
        document=document, clause="新增：亩均税收达到20万元", metric="亩均税收", value=20, unit="万元", checked=True
    )
    reparse_document(document=document)
    assert sorted(document.targets.values_list("metric", flat=True)) == sorted(["主营业务收入", "亩均税收", "从业人员"])


def test_a_checked_task_stays_whole_in_its_place_and_fresh_tasks_fill_the_rest(document):
    task = document.tasks.get(path="一")
    correct(task, title="加快重点项目建设")
    Task.objects.create(document=document, path="三", title="编者补充的任务", text="", order=7, checked=True)
    reparse_document(document=document)
    tasks = list(document.tasks.order_by("order").values_list("path", "title", "order"))
    assert tasks == [("一", "加快重点项目建设", 0), ("二", "完善基础设施", 1), ("三", "编者补充的任务", 2)]
    kept = document.tasks.get(path="一")
    assert kept.pk == task.pk
    assert list(kept.deadlines.values_list("text", flat=True)) == ["6月底前"]
    assert list(kept.responsibilities.values_list("unit__name", flat=True)) == ["市发改委"]


def test_a_checked_deadline_keeps_its_task(document):
    task = document.tasks.get(path="一")
    correct(task.deadlines.get(), text="9月底前", due_on=date(2015, 9, 30))
    reparse_document(document=document)
    assert document.tasks.filter(path="一").count() == 1
    assert list(document.deadlines.filter(task__path="一").values_list("text", flat=True)) == ["9月底前"]


def test_checked_document_level_units_and_deadlines_are_not_added_twice(document):
    support = document.responsibilities.get(task=None)
    correct(support, role=Responsibility.Role.LEAD)
    correct(document.deadlines.get(task=None), due_on=date(2015, 12, 20))
    reparse_document(document=document)
    assert list(document.responsibilities.filter(task=None).values_list("unit__name", "role")) == [("市财政局", "lead")]
    assert list(document.deadlines.filter(task=None).values_list("text", "due_on")) == [("年底前", date(2015, 12, 20))]


def test_corrected_metadata_fields_survive_and_the_others_are_refreshed(document):
    document.title = "平顶山市产业集聚区建设方案（更正）"
    document.doc_number = "错误文号"
    document.save()
    ingest_module.save_corrections(document, fields=["title"])
    culture = Theme.objects.create(slug="culture", name="文化产业")
    document.themes.set([culture])
    ingest_module.save_corrections(document, fields=["themes"])
    reparse_document(document=document)
    document.refresh_from_db()
    assert document.checked_fields == ["themes", "title"]
    assert document.title == "平顶山市产业集聚区建设方案（更正）"
    assert document.doc_number == "平政办〔2015〕26号"  # not corrected: the parser's again
    assert list(document.themes.all()) == [culture]


def test_corrections_given_at_entry_are_saved_and_kept(parser_with_rows):
    outcome = ingest_notice(raw_text=PINGDINGSHAN, source="p.txt", corrections={"doc_number": "平政办〔2015〕27号"})
    assert outcome.document.checked_fields == ["doc_number"]
    reparse_document(document=outcome.document)
    outcome.document.refresh_from_db()
    assert outcome.document.doc_number == "平政办〔2015〕27号"


def test_a_new_text_under_the_same_source_keeps_the_checked_rows(document):
    correct(document.targets.get(metric="主营业务收入"), value=3600)
    updated = ingest_notice(raw_text=PINGDINGSHAN + "\n附件:重点项目表", source="pingdingshan.txt")
    assert updated.status == UPDATED
    assert list(document.targets.filter(metric="主营业务收入").values_list("value", flat=True)) == [3600]


def test_a_failed_reparse_leaves_the_document_as_it_was(document, monkeypatch):
    before = list(document.targets.values_list("pk", flat=True))

    def broken_index(doc, **options):
        raise RuntimeError("index down")

    monkeypatch.setattr(ingest_module.search, "index_document", broken_index)
    with pytest.raises(RuntimeError):
        reparse_document(document=document)
    assert list(document.targets.values_list("pk", flat=True)) == before
    assert Deadline.objects.filter(document=document).count() == 2


def test_rows_an_editor_deleted_are_not_brought_back(document):
    rows = [
        document.targets.get(metric="从业人员"),
        document.tasks.get(path="二"),
        document.responsibilities.get(task=None),
        document.deadlines.get(task=None),
    ]
    ingest_module.reject_rows(document, rows)
    for row in rows:
        row.delete()
    reparse_document(document=document)
    assert list(document.targets.values_list("metric", flat=True)) == ["主营业务收入"]
    assert list(document.tasks.values_list("path", flat=True)) == ["一"]
    assert (
        not document.responsibilities.filter(task=None).exists() and not document.deadlines.filter(task=None).exists()
    )
    assert document.rejected == [["target", EMPLOYMENT], ["task", "二"], ["unit", "市财政局"], ["deadline", "年底前"]]


def test_a_deleted_deadline_of_a_task_keeps_the_task_as_it_is_now(document):
    task = document.tasks.get(path="一")
    deadline = task.deadlines.get()
    ingest_module.reject_rows(document, [deadline])
    deadline.delete()
    reparse_document(document=document)
    task = document.tasks.get(path="一")
    assert task.checked and not task.deadlines.exists() and document.rejected == []


def test_units_are_stored_as_written_with_a_normalised_name():
    ingest_file(NOTICES / "yueqing-2015.txt")
    unit = Responsibility.objects.select_related("unit").get(unit__name="市发改局").unit
    assert (unit.name, unit.normalized_name, unit.region.name) == ("市发改局", "市发展和改革局", "乐清市")


def test_a_notice_with_no_numbers_is_kept_whole_with_nothing_invented():
    text = "关于加强产业集聚区建设的意见\n各县人民政府:\n要进一步加强组织领导,强化要素保障,推动产业集群发展。\n"
    outcome = ingest_notice(raw_text=text, source="no-numbers.txt")
    document = Document.objects.get(pk=outcome.document.pk)
    assert outcome.status == ADDED and document.raw_text == text
    assert not document.targets.exists() and not document.deadlines.exists()


def test_ingest_assigns_indicators_in_their_canonical_units(samples):
    rows = Target.objects.exclude(indicator="").values_list(
        "metric", "indicator", "indicator_value", "indicator_unit", "dimension"
    )
    found = {metric: tuple(rest) for metric, *rest in rows}
    assert found["规模以上工业增加值增速"] == ("industrial-value-added-growth", 15.0, "%", "growth")
    assert found["亩均税收"] == ("tax-per-mu", 30.0, "万元/亩", "per-area")
    tax = Target.objects.get(metric="亩均税收")
    assert (tax.normalized_value, tax.normalized_unit) == (30.0, "万元/亩")  # not 0.003 亿元


def test_no_stored_metric_of_the_sample_notices_is_a_fragment(samples):
    metrics = list(Target.objects.values_list("metric", flat=True))
    assert len(metrics) > 50
    assert [metric for metric in metrics if is_fragment(metric)] == []


def test_assign_indicators_command_redoes_them_and_reports(samples, capsys):
    before = dict(Target.objects.values_list("pk", "indicator"))
    Target.objects.update(indicator="", indicator_value=None, indicator_unit="", dimension="")
    call_command("assign_indicators")
    assert dict(Target.objects.values_list("pk", "indicator")) == before
    out = capsys.readouterr().out
    with_one = sum(1 for slug in before.values() if slug)
    assert f"{len(before)} targets: {with_one} with an indicator" in out and f"{with_one} changed" in out


def test_correcting_one_target_keeps_the_other_target_of_its_sentence_through_a_reparse():
    # 力争有5家以上中型企业升级为大型企业、50家以上小微企业升级…: two targets, one clause start.
    document = ingest_file(NOTICES / "pingdingshan-2015.txt").document
    five = document.targets.get(clause="力争有5家以上")
    fifty = document.targets.get(clause__startswith="力争有5家以上中型企业", value=50)
    assert five.start == fifty.start  # overlapping spans: the old rule took one for the other
    correct(fifty, value=60)
    outcome = reparse_document(document=document)
    assert list(document.targets.filter(start=five.start).order_by("end").values_list("value", "checked")) == [
        (5, False),
        (60, True),
    ]
    assert outcome.dropped_targets == ()


def test_a_target_the_parser_no_longer_finds_is_reported_by_the_reparse(monkeypatch):
    document = ingest_file(NOTICES / "pingdingshan-2015.txt").document
    real = ingest_module.parse_notice

    def without_new_hires(text, **kwargs):
        parsed = real(text, **kwargs)
        return replace(parsed, targets=tuple(t for t in parsed.targets if t.text != "新增从业人员2万人以上"))

    monkeypatch.setattr(ingest_module, "parse_notice", without_new_hires)
    outcome = reparse_document(document=document)
    assert outcome.dropped_targets == ("新增从业人员2万人以上",)
    assert not document.targets.filter(clause="新增从业人员2万人以上").exists()


def test_two_ingests_at_once_on_sqlite_wait_for_each_other_and_store_each_notice_once(tmp_path):
    import sqlite3

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1"}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    texts = [path.read_text(encoding="utf-8") for path in sorted(NOTICES.glob("*.txt"))]
    notices = [f"{text}\n附件{n}" for n in range(8) for text in texts]  # 40 distinct notices
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for n, text in enumerate(notices):
        (first / f"{n:03d}.txt").write_text(text, encoding="utf-8")
        if n % 4:  # three in four also in the other folder, met in the opposite order
            (second / f"{len(notices) - n:03d}.txt").write_text(text, encoding="utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "ingest", "--quiet-progress", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=False):
        assert run.returncode == 0 and "failed 0" in out, out + err
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        hashes = [row[0] for row in db.execute("SELECT content_hash FROM documents_document")]
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert sorted(hashes) == sorted(content_hash(text) for text in notices)
    assert mode == "wal"


@pytest.mark.postgres
def test_ingest_leaves_postgresql_with_statistics_for_the_tables_it_filled(tmp_path):
    from django.db import connection

    def estimated_rows(model):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
            return cursor.fetchone()[0]

    for path in sorted(NOTICES.glob("*.txt")):
        ingest_file(path)  # 5 notices, no ANALYZE: the service alone
    more = tmp_path / "more"
    more.mkdir()
    for n, path in enumerate(sorted(NOTICES.glob("*.txt"))[:3]):
        (more / f"{n}.txt").write_text(path.read_text(encoding="utf-8") + f"\n附件{n}", encoding="utf-8")
    # ANALYZE writes its estimate outside the test's transaction: an earlier test may have left one.
    assert estimated_rows(Document) != 8
    _, _, code = run_ingest(more)
    assert code == 0
    assert estimated_rows(Document) == 8
    assert estimated_rows(Target) == Target.objects.count() > 0


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("，（） \u3000\u00a0\n\t２０年产值…")), st.characters(exclude_categories=("Cs",))
        ),
        max_size=80,
    )
)
def test_the_content_hash_is_the_stored_identity(text):
    """A notice's identity as every stored hash was made: NFKC, all whitespace gone, SHA-256. A faster
    way of working it out must give the same hash, or a notice ingested again would be stored twice."""
    expected = hashlib.sha256(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).encode("utf-8")).hexdigest()
    assert content_hash(text) == expected
