"""The batch report (shared by the ingest command and the admin) and zip archives read member by member."""

from __future__ import annotations

import io
import zipfile

import pytest

from documents.batches import IngestReport, iter_zip_members
from documents.ingest import IngestError, ingest_notice
from tests.conftest import NOTICES

pytestmark = pytest.mark.django_db


def archive(members: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as handle:
        for name, data in members.items():
            handle.writestr(name, data)
    out.seek(0)
    return out


def test_the_report_counts_and_words_outcomes_as_the_command_prints_them():
    report = IngestReport()
    text = (NOTICES / "yueqing-2015.txt").read_text(encoding="utf-8")
    added = report.run("a.txt", lambda: ingest_notice(raw_text=text, source="a.txt"))
    again = report.run("b.txt", lambda: ingest_notice(raw_text=text, source="b.txt"))
    failed = report.run("c.txt", lambda: ingest_notice(raw_text=" ", source="c.txt"))
    crashed = report.run("d.txt", lambda: 1 / 0)
    assert report.summary() == "汇总 summary: added 1, updated 0, unchanged 1, failed 2"
    assert str(added).startswith(f"[1] added     a.txt → #{added.document.pk} ")
    assert str(again).endswith(f"(与 #{added.document.pk} 重复 duplicate)")
    assert str(failed) == "[3] 失败 failed     c.txt: 文件为空 (empty notice)"
    assert report.failure_lines() == [
        "  失败 failed: c.txt: 文件为空 (empty notice)",
        "  失败 failed: d.txt: ZeroDivisionError: division by zero",
    ]
    assert crashed.status == "failed"


def test_a_streaming_report_keeps_only_its_failures_and_counts():
    report = IngestReport(keep_lines=False)  # as the ingest command runs it: no Document held per notice
    text = (NOTICES / "yueqing-2015.txt").read_text(encoding="utf-8")
    report.run("a.txt", lambda: ingest_notice(raw_text=text, source="a.txt"))
    failed = report.run("b.txt", lambda: ingest_notice(raw_text=" ", source="b.txt"))
    report.run("c.txt", lambda: ingest_notice(raw_text=text, source="c.txt"))
    assert report.lines == [failed] and str(failed).startswith("[2] 失败 failed     b.txt")
    assert report.summary() == "汇总 summary: added 1, updated 0, unchanged 1, failed 1"


@pytest.mark.parametrize(
    "name",
    ["../up.txt", "a/../../up.txt", "/etc/passwd.txt", "C:/x.txt", "..\\win.txt"],
    ids=["parent", "nested-parent", "absolute", "drive", "backslash"],
)
def test_paths_that_climb_out_are_refused(name):
    [(listed, read)] = list(iter_zip_members(archive({name: "通知".encode()}), archive_name="z.zip"))
    with pytest.raises(IngestError, match="不安全的路径"):
        read()


def test_members_are_read_one_at_a_time_within_the_total_budget(settings):
    settings.POLICYKB_MAX_ZIP_UNPACKED_BYTES = 10
    outcomes = []
    for name, read in iter_zip_members(
        archive({"a.txt": b"x" * 8, "b.txt": b"y" * 8, "c.txt": b"z"}), archive_name="z.zip"
    ):
        try:
            outcomes.append((name, read()))
        except IngestError as error:
            outcomes.append((name, str(error)))
    assert outcomes == [
        ("z.zip/a.txt", b"x" * 8),
        ("z.zip/b.txt", "压缩包解压总量超过上限 (zip unpacks too large)"),
        ("z.zip/c.txt", "压缩包解压总量超过上限 (zip unpacks too large)"),
    ]


def test_folders_and_hidden_files_are_passed_over():
    data = archive({"dir/": b"", "__MACOSX/._a.txt": b"", ".DS_Store": b"", "dir/a.txt": b"x"})
    assert [name for name, _ in iter_zip_members(data, archive_name="z.zip")] == ["z.zip/dir/a.txt"]
