"""Writing notices: read, parse, save everything in one transaction; idempotent on the content hash.

The command line, the admin and the tests all come through here, so dedup and validation are the same
everywhere. This module holds the public calls and the write itself; its parts live beside it:
notice_files.py reads files (names, sizes, folders, text), regions.py finds a notice's places in the
gazetteer, parsed_rows.py turns the parser's findings into rows, and corrections.py keeps what editors
corrected across a re-parse. Callers import all of it from here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Q

from documents import search
from documents.corrections import (
    CORRECTABLE_FIELDS,
    mark_checked,
    reject_rows,
    replace_parsed_rows,
    save_corrections,
)
from documents.models import (
    Deadline,
    Document,
    Responsibility,
    ResponsibleUnit,
    SearchEntry,
    Target,
    Task,
)
from documents.notice_files import (
    IngestError,
    check_notice_name,
    check_notice_size,
    iter_notice_paths,
    read_notice_bytes,
    read_notice_file,
    read_upload,
    skip_reason,
)
from documents.parsed_rows import assign_indicator, clip
from documents.parsing import ParsedNotice, parse_notice
from documents.parsing.clean import nfkc
from documents.regions import resolve_regions
from documents.run_memory import forget_rows

__all__ = [
    "ADDED",
    "CORRECTABLE_FIELDS",
    "UNCHANGED",
    "UPDATED",
    "IngestError",
    "IngestOutcome",
    "assign_indicator",
    "check_notice_name",
    "check_notice_size",
    "content_hash",
    "find_duplicate",
    "index_pieces",
    "ingest_file",
    "ingest_notice",
    "iter_notice_paths",
    "mark_checked",
    "parsed_fields",
    "read_notice_bytes",
    "read_notice_file",
    "read_upload",
    "refresh_statistics",
    "reject_rows",
    "reparse_document",
    "resolve_regions",
    "save_corrections",
    "skip_reason",
]

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
T = TypeVar("T")


@dataclass(frozen=True)
class IngestOutcome:
    status: str  # ADDED, UPDATED or UNCHANGED
    document: Document
    duplicate_of: Document | None = None  # set when the text is already held under another source
    dropped_targets: tuple[str, ...] = ()  # a re-parse: clauses of parser targets no longer found


def content_hash(raw_text: str) -> str:
    """The notice's identity: the same text in another encoding or with other spacing is the same notice.

    >>> content_hash("通知 ") == content_hash("通知")
    True
    """
    # str.split() drops the same whitespace as the regex \s+ did (both are str.isspace()), at a third of the cost.
    normalized = "".join(nfkc(raw_text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def ingest_file(path: Path, *, source: str | None = None, source_url: str = "") -> IngestOutcome:
    check_notice_name(path.name)
    return ingest_notice(raw_text=read_notice_file(path), source=source or str(path), source_url=source_url)


def refresh_statistics() -> None:
    """After a batch that changed notices: fresh planner statistics for the tables ingest writes.

    PostgreSQL's autovacuum analyzes a table only once enough of it changed, so a collection just
    loaded was planned as if empty (a rare word took seconds to search until ANALYZE).
    """
    models = (Document, Document.themes.through, Target, Task, ResponsibleUnit, Responsibility, Deadline, SearchEntry)
    search.analyze_tables([model._meta.db_table for model in models])


def find_duplicate(raw_text: str) -> Document | None:
    """The document that already holds this text (in any encoding or spacing), if there is one."""
    return Document.objects.filter(content_hash=content_hash(raw_text)).first()


def ingest_notice(
    *,
    raw_text: str,
    source: str,
    parsed: ParsedNotice | None = None,
    corrections: dict | None = None,
    source_url: str = "",
    digest: str = "",
    indexed: search.IndexedText | None = None,
) -> IngestOutcome:
    """Save one notice and everything parsed from it, atomically.

    Same source and same text: unchanged. Same source, new text: updated in place. Text we already
    hold under another source: unchanged, reported as a duplicate of that document. `corrections`
    (field name → value, from the admin's preview) override the parser and are kept as checked, as is
    `source_url` (the notice's web address, given by whoever ingests it). `digest` and `indexed`: the
    content hash and index_pieces() of this parse, worked out elsewhere (in a parse worker).
    """
    if source_url:
        corrections = {**(corrections or {}), "source_url": source_url}
    if not raw_text.strip():
        raise IngestError("文件为空 (empty notice)")
    digest = digest or content_hash(raw_text)
    same_text, existing = _held(digest, source)
    if same_text:
        if source_url and same_text.source_url != source_url:  # an address given for a notice already held
            same_text.source_url = source_url
            same_text.checked_fields = sorted({*same_text.checked_fields, "source_url"})
            same_text.save(update_fields=["source_url", "checked_fields", "updated_at"])
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text if same_text.source != source else None)
    parsed = parsed or parse_notice(raw_text)

    def write() -> Document:
        document = existing or Document(source=source)
        _write(
            document, raw_text=raw_text, digest=digest, parsed=parsed, corrections=corrections or {}, indexed=indexed
        )
        return document

    try:
        document = _again_if_stale(write)
    except IntegrityError:
        # Another writer stored the same text between our check and our write.
        same_text = Document.objects.filter(content_hash=digest).first()
        if same_text is None:
            raise
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text)
    return IngestOutcome(UPDATED if existing else ADDED, document)


def _held(digest: str, source: str) -> tuple[Document | None, Document | None]:
    """(the document holding this text, else None; else the first document under this source, or None).
    One query on two indexes for a notice not held yet, the commonest case of a batch: as two, or as one ordered
    by a CASE, Django's compiling of them cost more than the lookups."""
    held = list(Document.objects.filter(Q(content_hash=digest) | Q(source=source)).values_list("pk", "content_hash"))
    same_text = next((pk for pk, held_digest in held if held_digest == digest), None)
    if same_text is not None:
        return Document.objects.get(pk=same_text), None
    if held:
        return None, Document.objects.get(pk=min(pk for pk, _ in held))
    return None, None


def reparse_document(
    *, document: Document, parsed: ParsedNotice | None = None, indexed: search.IndexedText | None = None
) -> IngestOutcome:
    """Parse a stored notice's raw text again; what a person checked (rows and fields) stays as they left it.

    `parsed` is that parse done elsewhere (manage.py reparse parses in worker processes): it must be of
    this document's raw text as stored now; `indexed`, its index_pieces().
    """
    parsed = parsed or parse_notice(document.raw_text)
    dropped = _again_if_stale(
        lambda: _write(
            document,
            raw_text=document.raw_text,
            digest=document.content_hash,
            parsed=parsed,
            corrections={},
            indexed=indexed,
        )
    )
    return IngestOutcome(UPDATED, document, dropped_targets=tuple(dropped))


def _again_if_stale(write: Callable[[], T]) -> T:
    """write(), and once more if it failed while a batch run remembered rows (run_memory): one of them may
    have been deleted meanwhile, and the write's reference to it broke a foreign key. Forgotten, it is read
    afresh; any other failure fails again and is raised."""
    try:
        return write()
    except IntegrityError:
        if not forget_rows():
            raise
    return write()


@transaction.atomic
def _write(
    document: Document,
    *,
    raw_text: str,
    digest: str,
    parsed: ParsedNotice,
    corrections: dict,
    indexed: search.IndexedText | None = None,
) -> list[str]:
    _fill_document(document, raw_text=raw_text, digest=digest, parsed=parsed)
    corrections = dict(corrections)
    themes = corrections.pop("themes", None)
    for name, value in corrections.items():
        setattr(document, name, value)
    corrected = {*corrections, *(["themes"] if themes is not None else [])}
    document.checked_fields = sorted({*document.checked_fields, *corrected})
    fresh = document._state.adding  # a new document: no rows of its own to keep or replace
    document.save()
    if themes is not None:
        document.themes.set(themes)
    dropped = replace_parsed_rows(document, parsed, fresh=fresh)
    search.index_document(document, prepared=indexed)  # used if title, 文号 and text are still what it read
    return dropped


def parsed_fields(parsed: ParsedNotice, *, source: str) -> dict:
    """The document fields the parser's metadata gives (what the admin's preview shows for correction)."""
    meta = parsed.metadata
    province, city, county = resolve_regions(meta.province, meta.city, meta.county)
    return {**_text_fields(parsed, source=source), "province": province, "city": city, "county": county}


def index_pieces(parsed: ParsedNotice, *, source: str) -> search.IndexedText:
    """The search index's pieces of a parsed notice as it would be stored under `source`: no database read,
    so that a parse worker can work them out for the one writer process (the write uses them while the
    document's title, 文号 and text are still these)."""
    fields = _text_fields(parsed, source=source)
    return search.indexed_text(fields["title"], fields["doc_number"], parsed.clean_text)


def _text_fields(parsed: ParsedNotice, *, source: str) -> dict:
    meta = parsed.metadata
    return {
        "title": clip(Document, "title", meta.title or meta.notice_title or _first_line(parsed.clean_text) or source),
        "notice_title": clip(Document, "notice_title", meta.notice_title or ""),
        "doc_number": clip(Document, "doc_number", meta.doc_number or ""),
        "issuer": clip(Document, "issuer", meta.issuer or ""),
        "issued_on": meta.issue_date,
        "published_on": meta.publication_date,
        "source_url": clip(
            Document, "source_url", meta.source_url or (source if re.match(r"https?://", source, re.IGNORECASE) else "")
        ),
    }


def _fill_document(document: Document, *, raw_text: str, digest: str, parsed: ParsedNotice) -> None:
    """The parser's metadata, except in the fields a person corrected (Document.checked_fields)."""
    for name, value in parsed_fields(parsed, source=document.source).items():
        if name not in document.checked_fields:
            setattr(document, name, value)
    document.raw_text = raw_text
    document.clean_text = parsed.clean_text
    document.content_hash = digest


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
