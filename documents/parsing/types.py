"""The parser's output: frozen dataclasses, plain Python, no Django.

Offsets (`start`, `end`) index into `ParsedNotice.clean_text`, so pages can mark a target or a
deadline in place and every figure can lead back to its sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

LEAD = "lead"
SUPPORT = "support"


@dataclass(frozen=True)
class Target:
    text: str  # the clause the figure comes from, as cleaned
    metric: str
    value: float
    unit: str
    value_max: float | None = None
    year: int | None = None
    comparator: str | None = None  # ">=", "<=", "=", ">", "<"
    qualifier: str | None = None  # 力争, 确保, 以上 …
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class UnitRef:
    name: str  # as written: 市发改局
    role: str  # LEAD or SUPPORT


@dataclass(frozen=True)
class Deadline:
    text: str  # as written: 6月底前
    date: date | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Task:
    path: str  # 二/(五)/1
    title: str
    text: str
    units: tuple[UnitRef, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class OutlineNode:
    path: str  # 二/(五)
    marker: str  # (五)
    heading: str  # the node's lead phrase
    level: int  # depth: 1 for the top headings (一、 in most notices, (一) or 1. where they come first), 2 below …
    start: int
    end: int  # end of the node's whole section in clean_text


@dataclass(frozen=True)
class NoticeMetadata:
    title: str | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    issue_date: date | None = None
    publication_date: date | None = None
    source_url: str | None = None  # the address the text gives for itself (原文链接, a page's canonical link)


@dataclass(frozen=True)
class ParsedNotice:
    clean_text: str
    metadata: NoticeMetadata = field(default_factory=NoticeMetadata)
    themes: tuple[str, ...] = ()
    outline: tuple[OutlineNode, ...] = ()
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
    units: tuple[UnitRef, ...] = ()
    deadlines: tuple[Deadline, ...] = ()

    def as_json(self, *, source: str) -> dict:
        """The record `extract --json` prints, keys as in docs/extraction.md."""
        meta = self.metadata
        return {
            "source": source,
            "title": meta.title,
            "notice_title": meta.notice_title,
            "doc_number": meta.doc_number,
            "issuer": meta.issuer,
            "province": meta.province,
            "city": meta.city,
            "county": meta.county,
            "issue_date": _iso(meta.issue_date),
            "publication_date": _iso(meta.publication_date),
            "themes": list(self.themes),
            "targets": [_target_json(t) for t in self.targets],
            "tasks": [_task_json(t) for t in self.tasks],
            "units": [asdict(u) for u in self.units],
            "deadlines": [_deadline_json(d) for d in self.deadlines],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _target_json(target: Target) -> dict:
    return {
        "text": target.text,
        "metric": target.metric,
        "value": _number(target.value),
        "value_max": _number(target.value_max),
        "unit": target.unit,
        "year": target.year,
        "comparator": target.comparator,
        "qualifier": target.qualifier,
    }


def _deadline_json(deadline: Deadline) -> dict:
    return {"text": deadline.text, "date": _iso(deadline.date)}


def _task_json(task: Task) -> dict:
    return {
        "path": task.path,
        "title": task.title,
        "text": task.text,
        "units": [asdict(u) for u in task.units],
        "deadlines": [_deadline_json(d) for d in task.deadlines],
    }
