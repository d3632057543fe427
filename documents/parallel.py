"""Ingest and re-parse across processes: notices are parsed in worker processes, and each is written here.

Reading and parsing take nearly all of an ingest's time and touch no database, so they spread over the cores.
Writing stays in one process, one transaction a notice (ingest_notice or reparse_document with the parse done),
so deduplication, editors' corrections and the report work exactly as they do with one process. At most a few
notices per worker are in flight, so memory stays flat however many there are, and results come back in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from documents.ingest import (
    IngestError,
    IngestOutcome,
    check_notice_name,
    check_notice_size,
    content_hash,
    index_pieces,
    ingest_notice,
    read_notice_file,
    reparse_document,
)
from documents.models import Document
from documents.parsing import ParsedNotice, parse_notice
from documents.search import IndexedText
from documents.workers import in_order

IDS_PER_QUERY = 500
NOTICES_PER_TASK = 4  # sent to a worker at once: a notice is a few milliseconds' work


@dataclass(frozen=True)
class ParsedFile:
    """A file read and parsed, or the error that stopped it (raised again when it is written)."""

    path: Path
    raw_text: str = ""
    parsed: ParsedNotice | None = None
    error: Exception | None = None
    # Worked out here too, beside the parse, so that the one writer process has less to do: what the write
    # needs and reads no database for.
    digest: str = ""
    indexed: IndexedText | None = None

    def write(self, *, source_url: str = "", source: str = "") -> IngestOutcome:
        """Store it under `source`, or else its path."""
        if self.error is not None:
            raise self.error
        return ingest_notice(
            raw_text=self.raw_text,
            source=source or str(self.path),
            parsed=self.parsed,
            source_url=source_url,
            digest=self.digest,
            indexed=self.indexed,
        )


def read_and_parse(path: Path) -> ParsedFile:
    """What ingest_file does before writing: check the name, read and decode, parse."""
    try:
        check_notice_name(path.name)
        raw_text = read_notice_file(path)
        if not raw_text.strip():
            return ParsedFile(path, raw_text)  # refused when it is written, with ingest_notice's reason
        parsed = parse_notice(raw_text)
        indexed = index_pieces(parsed, source=str(path))
        return ParsedFile(path, raw_text, parsed, digest=content_hash(raw_text), indexed=indexed)
    except IngestError as error:  # this file's failure, reported when it is written; the batch goes on
        return ParsedFile(path, error=error)
    except Exception as error:  # as the report words it, in a form any process can pass back
        return ParsedFile(path, error=IngestError(f"{type(error).__name__}: {error}"))


def parsed_files(paths: Iterable[Path], *, workers: int) -> Iterator[ParsedFile]:
    """Each path read and parsed, in order: in this process for one worker, else in `workers` processes."""
    if workers <= 1:
        return map(read_and_parse, paths)
    # A refused file is checked here, under this process's settings (its size limit), and never sent.
    return in_order(read_and_parse, paths, workers=workers, ready=_refused, per_task=NOTICES_PER_TASK)


def _refused(path: Path) -> ParsedFile | None:
    try:
        check_notice_name(path.name)
        check_notice_size(path.stat().st_size)
    except IngestError as error:
        return ParsedFile(path, error=error)
    except OSError:
        return None  # the worker's read says why, as one process would
    return None


# --- Re-parse: stored notices parsed again from their raw text ---------------------------------------------


@dataclass(frozen=True)
class StoredNotice:
    """A stored notice's raw text, as read for a re-parse, with the identity its parse is checked against."""

    pk: int
    source: str
    content_hash: str = ""
    raw_text: str | None = None  # None: deleted between the choice of notices and its reading


@dataclass(frozen=True)
class ReparsedNotice:
    """A stored notice parsed again, or the error that stopped it (raised again when it is written)."""

    pk: int
    source: str
    content_hash: str
    size: int  # bytes of raw text, for the progress's rate
    parsed: ParsedNotice | None = None
    error: Exception | None = None
    indexed: IndexedText | None = None

    def write(self) -> IngestOutcome:
        if self.error is not None:
            raise self.error
        document = Document.objects.filter(pk=self.pk).first()
        if document is None:
            raise IngestError("已被删除 (deleted while the run went on)")
        # An ingest may have put a changed file's text in place since it was read: then the parse is of
        # a text the notice no longer holds, and the text it holds now is parsed here.
        current = document.content_hash == self.content_hash
        if not current:
            return reparse_document(document=document)
        return reparse_document(document=document, parsed=self.parsed, indexed=self.indexed)


def reparse_stored(notice: StoredNotice) -> ReparsedNotice:
    """What reparse_document does before writing: parse the stored raw text."""
    size = len(notice.raw_text.encode("utf-8")) if notice.raw_text else 0
    found = ReparsedNotice(notice.pk, notice.source, notice.content_hash, size)
    if notice.raw_text is None:
        return replace(found, error=IngestError("已被删除 (deleted while the run went on)"))
    try:
        parsed = parse_notice(notice.raw_text)
        return replace(found, parsed=parsed, indexed=index_pieces(parsed, source=notice.source))
    except Exception as error:  # as the report words it, in a form any process can pass back
        return replace(found, error=IngestError(f"{type(error).__name__}: {error}"))


def stored_notices(ids: Iterable[int]) -> Iterator[StoredNotice]:
    """The notices of `ids`, their texts read one at a time as they are asked for, so that memory stays
    flat however many there are."""
    for pk in ids:
        row = Document.objects.filter(pk=pk).values_list("source", "content_hash", "raw_text").first()
        yield StoredNotice(pk, *row) if row else StoredNotice(pk, source=f"#{pk}")


def chosen_ids(queryset) -> Iterator[int]:
    """The ids of `queryset` in ascending order, a bounded chunk per query (keyset: after the last one
    seen), so that neither the ids nor the rows of a large collection are ever held at once."""
    last = 0
    while ids := list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:IDS_PER_QUERY]):
        yield from ids
        last = ids[-1]


def reparsed_notices(queryset, *, workers: int) -> Iterator[ReparsedNotice]:
    """Each notice of `queryset`, in id order, parsed again: here for one worker, else in `workers` processes."""
    notices = stored_notices(chosen_ids(queryset))
    if workers <= 1:
        return map(reparse_stored, notices)
    return in_order(reparse_stored, notices, workers=workers, per_task=NOTICES_PER_TASK)
