"""Writing notices: read, parse, save everything in one transaction; idempotent on the content hash.

The command line, the admin and the tests all come through here, so dedup and validation are the same
everywhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from documents import search
from documents.models import (
    Deadline,
    Document,
    Region,
    Responsibility,
    ResponsibleUnit,
    SearchEntry,
    Target,
    Task,
    Theme,
)
from documents.parsing import ParsedNotice, indicators, parse_notice
from documents.parsing.sources import NOTICE_SUFFIXES, UnreadableNotice, read_notice
from documents.parsing.themes import THEMES
from documents.parsing.types import UnitRef
from documents.parsing.units import normalize_unit_name

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
# Document fields an editor may correct; a corrected one is listed in Document.checked_fields and a
# re-parse leaves it alone.
CORRECTABLE_FIELDS = (
    "title",
    "notice_title",
    "doc_number",
    "issuer",
    "province",
    "city",
    "county",
    "issued_on",
    "published_on",
    "themes",
)


class IngestError(Exception):
    """A notice that was refused; the message says why, for the summary line."""


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
    normalized = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw_text))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


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
) -> IngestOutcome:
    """Save one notice and everything parsed from it, atomically.

    Same source and same text: unchanged. Same source, new text: updated in place. Text we already
    hold under another source: unchanged, reported as a duplicate of that document. `corrections`
    (field name → value, from the admin's preview) override the parser and are kept as checked, as is
    `source_url` (the notice's web address, given by whoever ingests it).
    """
    if source_url:
        corrections = {**(corrections or {}), "source_url": source_url}
    if not raw_text.strip():
        raise IngestError("文件为空 (empty notice)")
    digest = content_hash(raw_text)
    same_text = Document.objects.filter(content_hash=digest).first()
    if same_text:
        if source_url and same_text.source_url != source_url:  # an address given for a notice already held
            same_text.source_url = source_url
            same_text.checked_fields = sorted({*same_text.checked_fields, "source_url"})
            same_text.save(update_fields=["source_url", "checked_fields", "updated_at"])
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text if same_text.source != source else None)
    parsed = parsed or parse_notice(raw_text)
    existing = Document.objects.filter(source=source).order_by("pk").first()
    document = existing or Document(source=source)
    try:
        _write(document, raw_text=raw_text, digest=digest, parsed=parsed, corrections=corrections or {})
    except IntegrityError:
        # Another writer stored the same text between our check and our write.
        same_text = Document.objects.filter(content_hash=digest).first()
        if same_text is None:
            raise
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text)
    return IngestOutcome(UPDATED if existing else ADDED, document)


def reparse_document(*, document: Document) -> IngestOutcome:
    """Parse a stored notice's raw text again; what a person checked (rows and fields) stays as they left it."""
    parsed = parse_notice(document.raw_text)
    dropped = _write(document, raw_text=document.raw_text, digest=document.content_hash, parsed=parsed, corrections={})
    return IngestOutcome(UPDATED, document, dropped_targets=tuple(dropped))


@transaction.atomic
def _write(document: Document, *, raw_text: str, digest: str, parsed: ParsedNotice, corrections: dict) -> list[str]:
    _fill_document(document, raw_text=raw_text, digest=digest, parsed=parsed)
    corrections = dict(corrections)
    themes = corrections.pop("themes", None)
    for name, value in corrections.items():
        setattr(document, name, value)
    corrected = {*corrections, *(["themes"] if themes is not None else [])}
    document.checked_fields = sorted({*document.checked_fields, *corrected})
    document.save()
    if themes is not None:
        document.themes.set(themes)
    dropped = _replace_parsed_children(document, parsed)
    search.index_document(document)
    return dropped


def save_corrections(document: Document, *, fields: Iterable[str]) -> None:
    """After an editor saved the document's form: the metadata fields they changed are kept from now on."""
    corrected = set(fields) & set(CORRECTABLE_FIELDS)
    if corrected - set(document.checked_fields):
        document.checked_fields = sorted({*document.checked_fields, *corrected})
        document.save(update_fields=["checked_fields"])
    search.index_document(document)


def reject_rows(document: Document, rows: Iterable[Target | Task | Responsibility | Deadline]) -> None:
    """Rows an editor deleted: noted on the document so that a re-parse does not add them again.

    A unit or deadline of a task is not noted: its task is marked checked instead and kept whole.
    """
    rows = list(rows)
    task_ids = {row.task_id for row in rows if isinstance(row, (Responsibility, Deadline)) and row.task_id}
    Task.objects.filter(pk__in=task_ids).update(checked=True)
    keys = [key for key in map(_rejection_key, rows) if key]
    if not keys:
        return
    with transaction.atomic():  # read afresh and locked: another row's rejection may just have been saved
        document.rejected = Document.objects.select_for_update().values_list("rejected", flat=True).get(pk=document.pk)
        fresh = [key for key in keys if key not in document.rejected]
        if fresh:
            document.rejected = [*document.rejected, *fresh]
            document.save(update_fields=["rejected"])


def _rejection_key(row) -> list[str] | None:
    if isinstance(row, Target):
        return ["target", row.clause.strip()]
    if isinstance(row, Task):
        return ["task", row.path]
    if getattr(row, "task_id", None):
        return None
    if isinstance(row, Responsibility):
        return ["unit", row.unit.name]
    return ["deadline", row.text]


def _rejected(document: Document, kind: str) -> set[str]:
    return {key for row_kind, key in document.rejected if row_kind == kind}


def mark_checked(row: Target | Task | Responsibility | Deadline, *, fields: Iterable[str] = ()) -> None:
    """A row an editor changed or added: checked (a re-parse keeps it), a target's comparable figure redone.

    A target whose indicator the editor set (`fields` holds "indicator", or a new row with one) keeps
    that indicator from now on; otherwise the vocabulary chooses it again from the corrected metric.
    """
    row.checked = True
    if isinstance(row, Target):
        if "indicator" in fields or (row._state.adding and row.indicator):
            row.indicator_checked = True
        assign_indicator(row)


def assign_indicator(row: Target) -> None:
    """Set a target's indicator (unless an editor chose it), its value in the indicator's unit, and the
    figure comparisons use (normalized_value / normalized_unit), converted within its dimension only."""
    if row.indicator_checked:
        indicator = indicators.by_slug(row.indicator)
    else:
        indicator = indicators.match_indicator(row.metric, row.unit)
        row.indicator = indicator.slug if indicator else ""
    fits = indicator is not None and row.unit in indicators.UNIT_FAMILIES[indicator.unit]
    row.indicator_value = indicators.canonical_quantity(row.value, row.unit, indicator) if fits else None
    row.indicator_unit = indicator.unit if indicator else ""
    row.dimension = indicator.dimension if indicator else ""
    row.normalized_value, unit = indicators.comparable_quantity(row.value, row.unit, row.metric, indicator)
    row.normalized_unit = unit[:30]


def parsed_fields(parsed: ParsedNotice, *, source: str) -> dict:
    """The document fields the parser's metadata gives (what the admin's preview shows for correction)."""
    meta = parsed.metadata
    province, city, county = resolve_regions(meta.province, meta.city, meta.county)
    return {
        "title": (meta.title or meta.notice_title or _first_line(parsed.clean_text) or source)[:300],
        "notice_title": (meta.notice_title or "")[:300],
        "doc_number": (meta.doc_number or "")[:100],
        "issuer": (meta.issuer or "")[:200],
        "province": province,
        "city": city,
        "county": county,
        "issued_on": meta.issue_date,
        "published_on": meta.publication_date,
        "source_url": meta.source_url or (source if re.match(r"https?://", source, re.IGNORECASE) else ""),
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


def resolve_regions(
    province: str | None, city: str | None, county: str | None
) -> tuple[Region | None, Region | None, Region | None]:
    """The gazetteer's rows for the parser's place names, each checked against its parent."""
    province_row = Region.objects.provinces().filter(name=province).first() if province else None
    city_row = None
    if city:
        cities = Region.objects.filter(name=city, level__in=[Region.Level.CITY, Region.Level.PROVINCE])
        if province_row:
            cities = cities.filter(parent=province_row) | cities.filter(pk=province_row.pk)
        city_row = cities.order_by("level").first()
    county_row = None
    if county:
        counties = Region.objects.filter(name=county, level=Region.Level.COUNTY)
        parent = city_row or province_row
        if parent:
            counties = counties.filter(parent=parent) | counties.filter(parent__parent=parent)
        county_row = counties.first()
    if county_row and not city_row and county_row.parent.level == Region.Level.CITY:
        city_row = county_row.parent
    if (city_row or county_row) and not province_row:
        province_row = _province_of(city_row or county_row)
    return province_row, city_row, county_row


def _province_of(region: Region) -> Region:
    while region.parent_id:
        region = region.parent
    return region


def _replace_parsed_children(document: Document, parsed: ParsedNotice) -> list[str]:
    """Replace what the parser found earlier with what it finds now, except what a person checked
    or deleted (Document.rejected: not added again).

    A checked target stays, and the parser's target from the same sentence (or span) is not added
    again. A task stays whole, with its units and deadlines, when it or one of them is checked; the
    parser's task at the same outline path is then not added again. Document-level units and deadlines
    that are checked stay, and the parser's of the same name / wording are skipped.

    Returns the clauses of earlier parser targets that are gone (the parser no longer finds them), so
    that the caller can say so: nothing is dropped silently.
    """
    kept_tasks = _kept_tasks(document)
    before = list(document.targets.filter(checked=False).values_list("clause", "end"))
    document.targets.filter(checked=False).delete()
    document.deadlines.filter(checked=False).exclude(task__in=kept_tasks).delete()
    document.responsibilities.filter(checked=False).exclude(task__in=kept_tasks).delete()
    document.tasks.filter(checked=False).exclude(pk__in=[t.pk for t in kept_tasks]).delete()
    if "themes" not in document.checked_fields:
        document.themes.set(_themes_named(parsed.themes))
    Target.objects.bulk_create(_fresh_targets(document, parsed))
    dropped = _dropped_targets(before, document)
    reference = document.county or document.city or document.province
    units_in_tasks = _save_fresh_tasks(document, parsed, kept_tasks, reference)
    kept_units = set(document.responsibilities.filter(task=None).values_list("unit__name", flat=True))
    kept_units |= _rejected(document, "unit")
    for unit_ref in _distinct_units(parsed.units):
        if unit_ref.name not in units_in_tasks and unit_ref.name[:100] not in kept_units:
            _responsibility(document, None, unit_ref.name, unit_ref.role, reference)
    in_tasks = {(d.text, d.date, d.start) for t in parsed.tasks for d in t.deadlines}
    kept_deadlines = set(document.deadlines.filter(task=None).values_list("text", flat=True))
    kept_deadlines |= _rejected(document, "deadline")
    fresh = [
        d for d in parsed.deadlines if (d.text, d.date, d.start) not in in_tasks and d.text[:100] not in kept_deadlines
    ]
    _save_deadlines(document, None, fresh)
    return dropped


def _save_fresh_tasks(document: Document, parsed: ParsedNotice, kept_tasks: list[Task], reference) -> set[str]:
    """The parser's tasks, with their units and deadlines, where no kept task stands at the same path.
    Returns the names of the units the tasks (kept and fresh) hold."""
    kept_paths = {task.path for task in kept_tasks} | _rejected(document, "task")
    units_in_tasks = set(Responsibility.objects.filter(task__in=kept_tasks).values_list("unit__name", flat=True))
    _renumber(kept_tasks, [t.path for t in parsed.tasks])
    for order, parsed_task in enumerate(parsed.tasks):
        if parsed_task.path[:100] in kept_paths:
            continue
        task = Task.objects.create(
            document=document,
            path=parsed_task.path[:100],
            title=parsed_task.title[:300],
            text=parsed_task.text,
            order=order,
            start=parsed_task.start,
            end=parsed_task.end,
        )
        for unit_ref in _distinct_units(parsed_task.units):
            units_in_tasks.add(unit_ref.name)
            _responsibility(document, task, unit_ref.name, unit_ref.role, reference)
        _save_deadlines(document, task, parsed_task.deadlines)
    return units_in_tasks


def _kept_tasks(document: Document) -> list[Task]:
    checked = Q(checked=True) | Q(deadlines__checked=True) | Q(responsibilities__checked=True)
    return list(document.tasks.filter(checked).distinct().order_by("order"))


def _renumber(kept_tasks: list[Task], parsed_paths: list[str]) -> None:
    """Kept tasks take the place of the parser's task at their path; others (added by hand) go last.

    Orders are unique per document, so the kept tasks first step aside, out of the fresh tasks' range.
    """
    if not kept_tasks:
        return
    position = {path[:100]: order for order, path in reversed(list(enumerate(parsed_paths)))}
    aside = len(parsed_paths) + len(kept_tasks) + max(task.order for task in kept_tasks) + 1
    for offset, task in enumerate(kept_tasks):
        task.order = aside + offset
    Task.objects.bulk_update(kept_tasks, ["order"])
    extra = len(parsed_paths)
    for task in kept_tasks:
        if task.path in position:
            task.order = position.pop(task.path)
        else:
            task.order, extra = extra, extra + 1
    Task.objects.bulk_update(kept_tasks, ["order"])


def _fresh_targets(document: Document, parsed: ParsedNotice) -> list[Target]:
    """The parser's targets, less those a checked (or deleted) target already stands for.

    A target is one figure of a sentence: the parser's clause runs from the clause's start to the
    figure's end, so it and the figure's end in the text identify it. Two targets of one sentence
    (培育产值超百亿元企业3家、超十亿元企业15家) share a start and overlap, yet are two targets: a
    correction to one must not stand for the other.
    """
    checked = list(document.targets.filter(checked=True).values_list("clause", "end"))
    clauses = {clause.strip() for clause, _ in checked if clause.strip()} | _rejected(document, "target")
    ends = {end for _, end in checked if end is not None}

    def covered(row: Target) -> bool:
        return row.clause.strip() in clauses or row.end in ends

    return [row for row in _targets(document, parsed) if not covered(row)]


def _dropped_targets(before: list[tuple[str, int | None]], document: Document) -> list[str]:
    """Clauses of the parser's earlier targets (unchecked) that the document no longer holds in any form."""
    now = list(document.targets.values_list("clause", "end"))
    clauses, ends = {clause.strip() for clause, _ in now}, {end for _, end in now if end is not None}
    return [clause for clause, end in before if clause.strip() not in clauses and (end is None or end not in ends)]


def _targets(document: Document, parsed: ParsedNotice) -> list[Target]:
    rows = []
    for order, target in enumerate(parsed.targets):
        row = Target(
            document=document,
            clause=target.text,
            metric=target.metric[:200],
            value=target.value,
            value_max=target.value_max if target.value_max is None or target.value_max >= target.value else None,
            unit=target.unit[:30],
            year=target.year,
            comparator=target.comparator or "",
            qualifier=(target.qualifier or "")[:30],
            start=target.start,
            end=target.end,
            order=order,
        )
        assign_indicator(row)
        rows.append(row)
    return rows


def _distinct_units(unit_refs):
    """One entry per unit name; a unit named both lead and support is lead."""
    roles = {}
    for unit_ref in unit_refs:
        if roles.get(unit_ref.name) != Responsibility.Role.LEAD:
            roles[unit_ref.name] = unit_ref.role
    return [UnitRef(name=name, role=role) for name, role in roles.items()]


def _responsibility(document, task, name: str, role: str, region: Region | None) -> None:
    unit, _ = ResponsibleUnit.objects.get_or_create(
        name=name[:100], region=region, defaults={"normalized_name": normalize_unit_name(name)[:100]}
    )
    Responsibility.objects.create(document=document, task=task, unit=unit, role=role)


def _save_deadlines(document, task, deadlines) -> None:
    Deadline.objects.bulk_create(
        Deadline(document=document, task=task, text=d.text[:100], due_on=d.date, start=d.start, end=d.end)
        for d in deadlines
    )


def _themes_named(names: Iterable[str]) -> list[Theme]:
    wanted = list(names)
    found = {theme.name: theme for theme in Theme.objects.filter(name__in=wanted)}
    for definition in THEMES:
        if definition.name in wanted and definition.name not in found:
            found[definition.name], _ = Theme.objects.get_or_create(
                slug=definition.slug, defaults={"name": definition.name, "keywords": "、".join(definition.keywords)}
            )
    return [found[name] for name in wanted if name in found]
