"""`manage.py extract`: JSON Lines per spec, error lines for unreadable files, and no database at all.

No django_db marker: pytest-django refuses any database access here, so these tests also prove the
command never touches the database.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
PINGDINGSHAN = ROOT / "fixtures" / "notices" / "pingdingshan-2015.txt"
SPEC_KEYS = {
    "source",
    "title",
    "notice_title",
    "doc_number",
    "issuer",
    "province",
    "city",
    "county",
    "issue_date",
    "themes",
    "targets",
    "tasks",
    "units",
    "deadlines",
}


def _run(*args) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("extract", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


def test_json_line_per_file_with_spec_keys():
    out, _, code = _run(PINGDINGSHAN, PINGDINGSHAN, "--json")
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) == 2
    record = json.loads(lines[0])
    assert SPEC_KEYS <= set(record)
    assert record["source"] == str(PINGDINGSHAN)
    assert record["doc_number"] == "平政办〔2015〕26号"
    assert "平顶山" in lines[0]  # ensure_ascii=False: Chinese as written, not \\u escapes


def test_unreadable_files_get_error_lines_and_the_rest_still_runs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.pdf"  # a PDF cut off after its header: read as a PDF, refused as unreadable
    binary.write_bytes(b"%PDF-1.4\x00\x00\x01")
    out, _, code = _run(empty, tmp_path / "missing.txt", binary, PINGDINGSHAN, "--json")
    records = [json.loads(line) for line in out.strip().split("\n")]
    assert [r["source"] for r in records] == [str(empty), str(tmp_path / "missing.txt"), str(binary), str(PINGDINGSHAN)]
    assert [set(r) for r in records[:3]] == [{"source", "error"}] * 3
    assert (
        "empty" in records[0]["error"]
        and "cannot read" in records[1]["error"]
        and "unreadable PDF" in records[2]["error"]
    )
    assert records[3]["city"] == "平顶山市"
    assert code == 1


def test_size_limit(tmp_path, settings):
    settings.POLICYKB_MAX_NOTICE_BYTES = 100
    big = tmp_path / "big.txt"
    big.write_text("产业集群" * 100, encoding="utf-8")
    out, _, code = _run(big, "--json")
    assert "too large" in json.loads(out)["error"] and code == 1


def test_gbk_file(tmp_path):
    notice = tmp_path / "gbk.txt"
    notice.write_bytes(PINGDINGSHAN.read_text(encoding="utf-8").encode("gb18030"))
    out, _, code = _run(notice, "--json")
    assert json.loads(out)["title"] == "2015年平顶山市加快产业集聚区建设专项工作方案" and code == 0


def test_readable_summary_without_json():
    out, _, code = _run(PINGDINGSHAN)
    assert code == 0
    assert "平政办〔2015〕26号" in out and "河南省 平顶山市" in out and not out.lstrip().startswith("{")


@pytest.mark.parametrize("args", [["--json"], []], ids=["json", "summary"])
def test_error_is_reported_in_both_modes(tmp_path, args):
    out, err, code = _run(tmp_path / "missing.txt", *args)
    assert code == 1 and "missing.txt" in out + err
