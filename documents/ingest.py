"""Writing notices: read, parse, save everything in one transaction; idempotent on the content hash.

The command line, the admin and the tests all come through here, so dedup and validation are the same
everywhere.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from documents import search
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task, Theme
from documents.parsing import ParsedNotice, parse_notice
from documents.parsing.numbers import normalize_quantity
from documents.parsing.sources import UnreadableNotice, decode_notice
from documents.parsing.themes import THEMES
from documents.parsing.types import UnitRef

ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"


class IngestError(Exception):
    """A notice that was refused; the message says why, for the summary line."""


@dataclass(frozen=True)
class IngestOutcome:
    status: str  # ADDED, UPDATED or UNCHANGED
    document: Document
    duplicate_of: Document | None = None  # set when the text is already held under another source


def content_hash(raw_text: str) -> str:
    """The notice's identity: the same text in another encoding or with other spacing is the same notice.

    >>> content_hash("通知 ") == content_hash("通知")
    True
    """
    normalized = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw_text))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def read_notice_file(path: Path) -> str:
    """The text of a notice file, or IngestError saying why it cannot be read."""
    max_bytes = settings.POLICYKB_MAX_NOTICE_BYTES
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"文件过大：{size / 1_048_576:.1f} MB，上限 {max_bytes / 1_048_576:.0f} MB (file too large)")
        return decode_notice(path.read_bytes(), filename=path.name)
    except UnreadableNotice as error:
        raise IngestError(str(error)) from None
    except OSError as error:
        raise IngestError(f"无法读取文件 (cannot read file): {error.strerror or error}") from None


def iter_notice_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named, recursively and in a stable order, one at a time."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    # Every file is tried, so that one we cannot read is reported, not silently passed over.
                    if not name.startswith("."):
                        yield Path(folder) / name
        else:
            yield path


def ingest_file(path: Path, *, source: str | None = None) -> IngestOutcome:
    return ingest_notice(raw_text=read_notice_file(path), source=source or str(path))


def ingest_notice(*, raw_text: str, source: str, parsed: ParsedNotice | None = None) -> IngestOutcome:
    """Save one notice and everything parsed from it, atomically.

    Same source and same text: unchanged. Same source, new text: updated in place. Text we already
    hold under another source: unchanged, reported as a duplicate of that document.
    """
    if not raw_text.strip():
        raise IngestError("文件为空 (empty notice)")
    digest = content_hash(raw_text)
    same_text = Document.objects.filter(content_hash=digest).first()
    if same_text:
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text if same_text.source != source else None)
    parsed = parsed or parse_notice(raw_text)
    existing = Document.objects.filter(source=source).order_by("pk").first()
    try:
        with transaction.atomic():
            document = existing or Document(source=source)
            _fill_document(document, raw_text=raw_text, digest=digest, parsed=parsed)
            document.save()
            _replace_parsed_children(document, parsed)
            search.index_document(document)
    except IntegrityError:
        # Another writer stored the same text between our check and our write.
        same_text = Document.objects.filter(content_hash=digest).first()
        if same_text is None:
            raise
        return IngestOutcome(UNCHANGED, same_text, duplicate_of=same_text)
    return IngestOutcome(UPDATED if existing else ADDED, document)


def _fill_document(document: Document, *, raw_text: str, digest: str, parsed: ParsedNotice) -> None:
    meta = parsed.metadata
    province, city, county = resolve_regions(meta.province, meta.city, meta.county)
    document.title = (meta.title or meta.notice_title or _first_line(parsed.clean_text) or document.source)[:300]
    document.notice_title = (meta.notice_title or "")[:300]
    document.doc_number = (meta.doc_number or "")[:100]
    document.issuer = (meta.issuer or "")[:200]
    document.province, document.city, document.county = province, city, county
    document.issued_on = meta.issue_date
    document.published_on = meta.publication_date
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


def _replace_parsed_children(document: Document, parsed: ParsedNotice) -> None:
    """Replace what the parser found earlier with what it finds now."""
    document.targets.all().delete()
    document.deadlines.all().delete()
    document.responsibilities.all().delete()
    document.tasks.all().delete()
    document.themes.set(_themes_named(parsed.themes))
    Target.objects.bulk_create(_targets(document, parsed))
    reference = document.county or document.city or document.province
    units_in_tasks = set()
    for order, parsed_task in enumerate(parsed.tasks):
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
    for unit_ref in _distinct_units(parsed.units):
        if unit_ref.name not in units_in_tasks:
            _responsibility(document, None, unit_ref.name, unit_ref.role, reference)
    in_tasks = {(d.text, d.date, d.start) for t in parsed.tasks for d in t.deadlines}
    _save_deadlines(document, None, [d for d in parsed.deadlines if (d.text, d.date, d.start) not in in_tasks])


def _targets(document: Document, parsed: ParsedNotice) -> list[Target]:
    rows = []
    for order, target in enumerate(parsed.targets):
        normalized_value, normalized_unit = normalize_quantity(target.value, target.unit)
        rows.append(
            Target(
                document=document,
                clause=target.text,
                metric=target.metric[:200],
                value=target.value,
                value_max=target.value_max if target.value_max is None or target.value_max >= target.value else None,
                unit=target.unit[:30],
                normalized_value=normalized_value,
                normalized_unit=normalized_unit[:30],
                year=target.year,
                comparator=target.comparator or "",
                qualifier=(target.qualifier or "")[:30],
                start=target.start,
                end=target.end,
                order=order,
            )
        )
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
        name=name[:100], region=region, defaults={"normalized_name": name[:100]}
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
