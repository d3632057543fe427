"""Many notices at once: the report every batch ends with, and zip archives read member by member.

The ingest command and the admin's batch upload both run each notice through `IngestReport.run`, so
they count and word outcomes the same way: added / updated / unchanged / failed, each failure with its
file and reason. One bad notice is a line in the report; it never stops the rest.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings

from documents.ingest import (
    ADDED,
    UNCHANGED,
    UPDATED,
    IngestError,
    IngestOutcome,
    check_notice_size,
    ingest_notice,
    read_notice_bytes,
    read_upload,
)
from documents.models import Document

FAILED = "failed"
SKIPPED = "skipped"  # a file in a folder that is not a notice type: counted and named, never read


@dataclass(frozen=True)
class ReportLine:
    number: int
    name: str
    status: str  # ADDED, UPDATED, UNCHANGED or FAILED
    document: Document | None = None
    duplicate_of: Document | None = None
    reason: str = ""
    dropped_targets: tuple[str, ...] = ()  # a re-parse: parser targets no longer found (IngestOutcome's)

    def __str__(self) -> str:
        """`[2] added     a.txt → #7 标题` or `[3] 失败 failed     b.txt: 文件为空 (empty file)`."""
        if self.status == FAILED:
            return f"[{self.number}] 失败 failed     {self.name}: {self.reason}"
        if self.status == SKIPPED:
            return f"[-] 跳过 skipped    {self.name}: {self.reason}"
        note = f" (与 #{self.duplicate_of.pk} 重复 duplicate)" if self.duplicate_of else ""
        return f"[{self.number}] {self.status:<9} {self.name} → #{self.document.pk} {self.document.title}{note}"


@dataclass
class IngestReport:
    # A line holds its Document, texts and all (~35 KB): a stream of any length (the ingest command) keeps
    # only its failures and counts, so that its memory stays flat; a bounded batch (the admin's) keeps all.
    keep_lines: bool = True
    lines: list[ReportLine] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {ADDED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: 0})
    skipped: int = 0

    def run(self, name: str, ingest: Callable[[], IngestOutcome]) -> ReportLine:
        """Ingest one notice and note its outcome; any error is this notice's failure, not the batch's."""
        try:
            outcome = ingest()
        except IngestError as error:
            return self.fail(name, str(error))
        except Exception as error:  # one bad file never aborts the batch
            return self.fail(name, f"{type(error).__name__}: {error}")
        return self._add(
            ReportLine(
                self._next_number(),
                name,
                outcome.status,
                outcome.document,
                outcome.duplicate_of,
                dropped_targets=outcome.dropped_targets,
            )
        )

    def fail(self, name: str, reason: str) -> ReportLine:
        return self._add(ReportLine(self._next_number(), name, FAILED, reason=reason))

    def skip(self, name: str, reason: str) -> ReportLine:
        """A file passed over (not a notice type); kept out of the numbering of the notices tried."""
        line = ReportLine(0, name, SKIPPED, reason=reason)
        self.skipped += 1
        if self.keep_lines:
            self.lines.append(line)
        return line

    def _next_number(self) -> int:
        return sum(self.counts.values()) + 1

    def _add(self, line: ReportLine) -> ReportLine:
        if self.keep_lines or line.status == FAILED:
            self.lines.append(line)
        self.counts[line.status] += 1
        return line

    @property
    def failures(self) -> list[ReportLine]:
        return [line for line in self.lines if line.status == FAILED]

    def summary(self) -> str:
        counts = self.counts
        return (
            f"汇总 summary: added {counts[ADDED]}, updated {counts[UPDATED]}, "
            f"unchanged {counts[UNCHANGED]}, failed {counts[FAILED]}"
        ) + (f"; 跳过 skipped {self.skipped} (not notices)" if self.skipped else "")

    def failure_lines(self) -> list[str]:
        return [f"  失败 failed: {line.name}: {line.reason}" for line in self.failures]


def iter_zip_members(archive_file, *, archive_name: str) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(member name, read) for each file in a zip, in the archive's order; `read` raises IngestError.

    Bounded: the archive's size, its number of files, each member's unpacked size (read no further than
    the limit, whatever the header claims) and the total unpacked. A member whose path is absolute or
    climbs out (`../x.txt`) is refused; nothing is ever written to disk.
    """
    if getattr(archive_file, "size", 0) > settings.POLICYKB_MAX_ZIP_BYTES:
        raise IngestError(f"压缩包过大，上限 {settings.POLICYKB_MAX_ZIP_BYTES / 1_048_576:.0f} MB (zip too large)")
    try:
        archive = zipfile.ZipFile(archive_file)
    except (zipfile.BadZipFile, OSError):
        raise IngestError("不是有效的 zip 压缩包 (not a zip archive)") from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir() and not _is_hidden(info.filename)]
        if len(members) > settings.POLICYKB_MAX_ZIP_MEMBERS:
            raise IngestError(
                f"压缩包内文件过多：{len(members)} 个，上限 {settings.POLICYKB_MAX_ZIP_MEMBERS} (too many files)"
            )
        budget = [settings.POLICYKB_MAX_ZIP_UNPACKED_BYTES]
        for info in members:
            name = _member_name(info)
            yield f"{archive_name}/{name}", lambda info=info, name=name: _read_member(archive, info, name, budget)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int]) -> bytes:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in (path.parts[0] if path.parts else ""):
        raise IngestError("不安全的路径，已拒绝 (unsafe path in zip)")
    if info.flag_bits & 0x1:
        raise IngestError("文件已加密 (encrypted zip member)")
    check_notice_size(info.file_size)
    if budget[0] <= 0:
        raise IngestError("压缩包解压总量超过上限 (zip unpacks too large)")
    try:
        with archive.open(info) as member:
            # Never more than the limit, whatever the header says.
            data = member.read(min(settings.POLICYKB_MAX_NOTICE_BYTES, budget[0]) + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
        raise IngestError(f"无法解压 (cannot unpack): {error}") from None
    budget[0] -= len(data)
    check_notice_size(len(data))
    if budget[0] < 0:
        raise IngestError("压缩包解压总量超过上限 (zip unpacks too large)")
    return data


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without saying so; Python reads them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _is_hidden(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any((part.startswith(".") and part not in (".", "..")) or part == "__MACOSX" for part in parts)


def ingest_uploads(uploads, *, report: IngestReport | None = None) -> IngestReport:
    """Ingest uploaded files (a .zip member by member) through the one ingest service; the name is the source."""
    report = report or IngestReport()
    for upload in uploads:
        try:
            if upload.name.lower().endswith(".zip"):
                members = iter_zip_members(upload, archive_name=upload.name)
            else:
                members = [(upload.name, None)]
            for name, read in members:
                report.run(name, lambda name=name, read=read, upload=upload: _ingest(name, read, upload))
        except IngestError as error:  # the archive itself is refused (too big, too many files, not a zip)
            report.fail(upload.name, str(error))
    return report


def _ingest(name: str, read: Callable[[], bytes] | None, upload) -> IngestOutcome:
    """A zip member (read) or a plain upload, through the one ingest service; its name is its source."""
    raw_text = read_notice_bytes(read(), name=name) if read else read_upload(upload)
    return ingest_notice(raw_text=raw_text, source=name)
