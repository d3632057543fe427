"""Ingest across processes (documents/parallel.py): the same notices, parsed the same, as one process gives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document
from documents.parallel import parsed_files
from tests.conftest import NOTICES


@pytest.fixture
def folder(tmp_path) -> Path:
    for path in sorted(NOTICES.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return tmp_path


def _parsed(folder: Path, workers: int) -> list:
    return [
        (item.path.name, item.parsed.as_json(source=item.path.name) if item.parsed else None, str(item.error or ""))
        for item in parsed_files(sorted(folder.iterdir()), workers=workers)
    ]


def test_workers_parse_as_one_process_does_in_the_files_order(folder):
    one, two = _parsed(folder, 1), _parsed(folder, 2)
    assert one == two
    assert [name for name, *_ in two] == sorted(path.name for path in folder.iterdir())
    errors = {name: error for name, parsed, error in two if error}
    assert set(errors) == {"binary.txt", "empty.txt"}  # each with its reason, the batch going on


def _stored() -> list:
    return sorted(
        (d.content_hash, d.title, d.doc_number, d.issued_on, d.targets.count(), d.tasks.count(), d.deadlines.count())
        for d in Document.objects.all()
    )


@pytest.mark.django_db
def test_ingest_with_workers_stores_what_one_process_stores(folder, capsys):
    with pytest.raises(CommandError, match="2 个文件失败"):  # two files fail; the command says so
        call_command("ingest", str(folder), workers=1, quiet_progress=True)
    alone = _stored()
    Document.objects.all().delete()
    with pytest.raises(CommandError, match="2 个文件失败"):
        call_command("ingest", str(folder), workers=2, quiet_progress=True)
    assert _stored() == alone and len(alone) == 5
    out = capsys.readouterr()
    assert "added 5" in out.out and "failed 2" in out.out and "进度 7/7" in out.err


@pytest.mark.django_db
def test_the_workers_work_out_the_index_pieces_the_write_uses(folder):
    from documents import search

    items = [item for item in parsed_files(sorted(folder.iterdir()), workers=2) if item.parsed]
    assert len(items) == 5 and all(item.indexed is not None for item in items)
    for item in items:
        document = item.write().document
        assert item.indexed.holds(document)
        assert item.indexed == search.indexed_text(document.title, document.doc_number, document.clean_text)
        word = re.findall(r"[\u4e00-\u9fff]{4,}", document.title)[-1]
        assert document.pk in {hit.pk for hit in Document.objects.search(word)}


def _niceness(_item) -> int:
    import os

    return os.nice(0)


def test_workers_yield_the_processor_to_the_process_they_work_for():
    """The writer is the one process that cannot be spread: its workers run at a lower priority."""
    import os

    from documents.workers import NICER, in_order

    assert list(in_order(_niceness, range(3), workers=2)) == [min(19, os.nice(0) + NICER)] * 3


@pytest.mark.django_db
def test_bad_files_through_the_workers_lose_nothing_and_odd_notices_are_stored_whole(tmp_path, capsys):
    """Through the workers and the pieces they work out: a GBK notice is stored and found as its UTF-8 twin
    would be, a notice with no figures is stored with no targets, and an empty, a binary and a 50 MB file
    each fail with their reason while the rest are written."""
    quzhou = (NOTICES / "quzhou-2010.txt").read_text(encoding="utf-8")
    (tmp_path / "a-gbk.txt").write_bytes(quzhou.encode("gb18030"))
    (tmp_path / "b-no-figures.txt").write_text(
        "关于做好园区安全检查工作的通知\n各单位要认真做好安全检查。\n", encoding="utf-8"
    )
    (tmp_path / "c-empty.txt").write_bytes(b"")
    (tmp_path / "d-binary.txt").write_bytes(bytes(range(256)) * 4)
    with (tmp_path / "e-huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB, over the 10 MB default limit
    with pytest.raises(CommandError, match="3 个文件失败"):
        call_command("ingest", str(tmp_path), workers=2)
    out = capsys.readouterr().out
    assert "added 2, updated 0, unchanged 0, failed 3" in out
    assert "c-empty.txt: 文件为空" in out and "e-huge.txt: 文件过大" in out and "d-binary.txt: 二进制文件" in out
    gbk = Document.objects.get(source__endswith="a-gbk.txt")
    assert gbk.raw_text == quzhou and gbk.targets.exists()
    plain = Document.objects.get(source__endswith="b-no-figures.txt")
    assert not plain.targets.exists() and plain.raw_text.startswith("关于做好园区安全检查")
    assert {d.pk for d in Document.objects.search("衢州")} == {gbk.pk}
    assert {d.pk for d in Document.objects.search("安全检查")} == {plain.pk}


def _twice(number: int) -> int:
    return number * 2


@pytest.mark.parametrize("per_task", [1, 3, 64])
def test_work_sent_some_items_a_task_comes_back_in_order_with_the_items_answered_here(per_task):
    from documents.workers import in_order

    answered = {4: "four", 5: "five", 11: "eleven"}
    results = in_order(_twice, range(40), workers=2, ready=answered.get, per_task=per_task)
    assert list(results) == [answered.get(n, n * 2) for n in range(40)]
