"""Reading notice files: which names and sizes are read, which files of a folder are notices, and their text.

Every refusal is an IngestError whose message says why, for the summary line of the command, the admin and a
zip batch alike; nothing is written here (documents/ingest.py writes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings

from documents.parsing.sources import NOTICE_SUFFIXES, UnreadableNotice, read_notice


class IngestError(Exception):
    """A notice that was refused; the message says why, for the summary line."""


def read_notice_file(path: Path) -> str:
    """The text of a notice file, or IngestError saying why it cannot be read."""
    try:
        check_notice_size(path.stat().st_size)
        return read_notice(path.read_bytes(), filename=path.name)
    except UnreadableNotice as error:
        raise IngestError(str(error)) from None
    except OSError as error:
        raise IngestError(f"无法读取文件 (cannot read file): {error.strerror or error}") from None


def read_notice_bytes(data: bytes, *, name: str) -> str:
    """The text of an uploaded (or zipped) notice; a type we do not read is refused by its name.

    >>> read_notice_bytes("一、总体要求".encode("gbk"), name="方案.txt")
    '一、总体要求'
    """
    check_notice_name(name)
    check_notice_size(len(data))
    try:
        return read_notice(data, filename=name)
    except UnreadableNotice as error:
        raise IngestError(str(error)) from None


def read_upload(upload) -> str:
    """An uploaded file's text (anything with name, size and read()): name and size are checked before
    a byte is read."""
    check_notice_name(upload.name)
    check_notice_size(upload.size)
    return read_notice_bytes(upload.read(), name=upload.name)


def check_notice_name(name: str) -> None:
    """IngestError for a file type we do not read (the admin accepts only NOTICE_SUFFIXES)."""
    if not name.lower().endswith(NOTICE_SUFFIXES):
        suffix = Path(name).suffix or "（无扩展名）"
        raise IngestError(f"不支持的文件类型 {suffix}：只读 .txt、.html、.docx、.pdf (file type not read)")


def check_notice_size(size: int) -> None:
    """IngestError for a notice file over settings.POLICYKB_MAX_NOTICE_BYTES."""
    max_bytes = settings.POLICYKB_MAX_NOTICE_BYTES
    if size > max_bytes:
        raise IngestError(f"文件过大：{size / 1_048_576:.1f} MB，上限 {max_bytes / 1_048_576:.0f} MB (file too large)")


def iter_notice_paths(
    paths: Iterable[str | Path], *, on_skip: Callable[[Path, str], None] | None = None
) -> Iterator[Path]:
    """Files named, and notice files under folders named, recursively and in a stable order, one at a time.

    In a folder only notice types (NOTICE_SUFFIXES) are read: a MANIFEST.tsv, a README or a picture
    beside the notices is not one. Each file passed over goes to `on_skip` with the reason. A file named
    on its own is always tried, so that a wrong type is refused, not quietly ignored.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            hidden = sorted(d for d in subfolders if d.startswith("."))
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in hidden:
                _skip(on_skip, Path(folder) / name, "隐藏文件夹 (hidden folder)")
            for name in sorted(files):
                reason = skip_reason(name)
                if reason:
                    _skip(on_skip, Path(folder) / name, reason)
                else:
                    yield Path(folder) / name


def skip_reason(name: str) -> str:
    """Why a file in a folder is not read as a notice, or "" when it is one.

    >>> skip_reason("方案.TXT"), skip_reason("MANIFEST.tsv"), skip_reason("README")
    ('', '不是通知文件类型 .tsv (not a notice type)', '不是通知文件类型 （无扩展名） (not a notice type)')
    """
    if name.startswith("."):
        return "隐藏文件 (hidden file)"
    if not name.lower().endswith(NOTICE_SUFFIXES):
        return f"不是通知文件类型 {Path(name).suffix or '（无扩展名）'} (not a notice type)"
    return ""


def _skip(on_skip, path: Path, reason: str) -> None:
    if on_skip is not None:
        on_skip(path, reason)
