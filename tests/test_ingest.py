"""The ingest service and command: dedup, updates, encodings, and bad files that lose nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.ingest import ADDED, UNCHANGED, UPDATED, IngestError, content_hash, ingest_file, ingest_notice
from documents.models import Document
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
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "二进制"),
    ],
    ids=["empty", "whitespace-only", "binary", "png"],
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
    assert "added 2, updated 0, unchanged 0, failed 3" in out
    assert "a-empty.txt: 文件为空" in out
    assert "b-binary.bin" in out and "二进制" in out
    assert "c-huge.txt: 文件过大" in out
    assert Document.objects.count() == 2


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
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
