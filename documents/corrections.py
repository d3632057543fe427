"""Keeping what editors corrected across a re-parse.

A field an editor corrected is listed in Document.checked_fields; a row they changed or added is `checked`;
a parser row they deleted is noted in Document.rejected. A re-parse (replace_parsed_rows) replaces the rest
with what the parser finds now and says which of the parser's earlier targets are gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from documents import search
from documents.models import Deadline, Document, Responsibility, ResponsibleUnit, Target, Task
from documents.parsed_rows import (
    assign_indicator,
    clip,
    distinct_units,
    parsed_targets,
    save_tasks,
    themes_named,
)
from documents.parsing import ParsedNotice

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


def replace_parsed_rows(document: Document, parsed: ParsedNotice, *, fresh: bool = False) -> list[str]:
    """Replace what the parser found earlier with what it finds now, except what a person checked
    or deleted (Document.rejected: not added again).

    A checked target stays, and the parser's target from the same sentence (or span) is not added
    again. A task stays whole, with its units and deadlines, when it or one of them is checked; the
    parser's task at the same outline path is then not added again. Document-level units and deadlines
    that are checked stay, and the parser's of the same name / wording are skipped.

    Returns the clauses of earlier parser targets that are gone (the parser no longer finds them), so
    that the caller can say so: nothing is dropped silently. A `fresh` document (created in this
    transaction) holds no rows: there is nothing to keep, delete or compare, and nothing is read.
    """
    kept = _Kept() if fresh else _Kept.read(document)
    if not fresh:
        document.targets.filter(checked=False).delete()
        document.deadlines.filter(checked=False).exclude(task__in=kept.tasks).delete()
        document.responsibilities.filter(checked=False).exclude(task__in=kept.tasks).delete()
        document.tasks.filter(checked=False).exclude(pk__in=[t.pk for t in kept.tasks]).delete()
    if "themes" not in document.checked_fields:
        themes = themes_named(parsed.themes)
        if fresh:  # nothing to compare with: add() and set() would read the document's themes first
            through = Document.themes.through
            distinct = {theme.pk: theme for theme in themes}.values()
            through.objects.bulk_create(through(document=document, theme=theme) for theme in distinct)
        else:
            document.themes.set(themes)
    targets = Target.objects.bulk_create(row for row in parsed_targets(document, parsed) if not kept.covers(row))
    _renumber(kept.tasks, [t.path for t in parsed.tasks])
    tasks = [(order, t) for order, t in enumerate(parsed.tasks) if clip(Task, "path", t.path) not in kept.task_paths]
    units_in_tasks = kept.units_in_tasks | {unit_ref.name for _, task in tasks for unit_ref in task.units}
    units = [
        unit_ref
        for unit_ref in distinct_units(parsed.units)
        if unit_ref.name not in units_in_tasks and clip(ResponsibleUnit, "name", unit_ref.name) not in kept.units
    ]
    in_tasks = {(d.text, d.date, d.start) for t in parsed.tasks for d in t.deadlines}
    deadlines = [
        d
        for d in parsed.deadlines
        if (d.text, d.date, d.start) not in in_tasks and clip(Deadline, "text", d.text) not in kept.deadlines
    ]
    reference = document.county or document.city or document.province
    save_tasks(document, tasks, units=units, deadlines=deadlines, region=reference)
    return kept.dropped(targets)


@dataclass(frozen=True)
class _Kept:
    """What a re-parse keeps of a document's rows, read before any is deleted: the tasks, units, deadlines
    and targets a person checked, and what they deleted (Document.rejected). A new document keeps nothing."""

    tasks: list[Task] = field(default_factory=list)
    task_paths: frozenset[str] = frozenset()
    units_in_tasks: frozenset[str] = frozenset()  # the units of the kept tasks
    units: frozenset[str] = frozenset()  # checked or deleted units of the document (of no task)
    deadlines: frozenset[str] = frozenset()  # checked or deleted deadlines of the document (of no task)
    targets: tuple[tuple[str, int | None], ...] = ()  # (clause, end) of the checked targets
    rejected_targets: frozenset[str] = frozenset()
    earlier: tuple[tuple[str, int | None], ...] = ()  # (clause, end) of the parser's targets, about to go

    @classmethod
    def read(cls, document: Document) -> _Kept:
        tasks = _kept_tasks(document)
        in_tasks = Responsibility.objects.filter(task__in=tasks).values_list("unit__name", flat=True)
        checked = {"checked": True, "task": None}
        return cls(
            tasks=tasks,
            task_paths=frozenset({task.path for task in tasks} | _rejected(document, "task")),
            units_in_tasks=frozenset(in_tasks),
            units=frozenset(
                {*document.responsibilities.filter(**checked).values_list("unit__name", flat=True)}
                | _rejected(document, "unit")
            ),
            deadlines=frozenset(
                {*document.deadlines.filter(**checked).values_list("text", flat=True)} | _rejected(document, "deadline")
            ),
            targets=tuple(document.targets.filter(checked=True).values_list("clause", "end")),
            rejected_targets=frozenset(_rejected(document, "target")),
            earlier=tuple(document.targets.filter(checked=False).values_list("clause", "end")),
        )

    def covers(self, row: Target) -> bool:
        """Whether a checked (or deleted) target already stands for this parser target.

        A target is one figure of a sentence: the parser's clause runs from the clause's start to the
        figure's end, so it and the figure's end in the text identify it. Two targets of one sentence
        (培育产值超百亿元企业3家、超十亿元企业15家) share a start and overlap, yet are two targets: a
        correction to one must not stand for the other.
        """
        clauses = {clause.strip() for clause, _ in self.targets if clause.strip()} | self.rejected_targets
        return row.clause.strip() in clauses or row.end in {end for _, end in self.targets if end is not None}

    def dropped(self, fresh: list[Target]) -> list[str]:
        """Clauses of the parser's earlier targets that the document no longer holds in any form."""
        now = [*self.targets, *((row.clause, row.end) for row in fresh)]
        clauses, ends = {clause.strip() for clause, _ in now}, {end for _, end in now if end is not None}
        gone = [(clause, end) for clause, end in self.earlier if clause.strip() not in clauses]
        return [clause for clause, end in gone if end is None or end not in ends]


def _kept_tasks(document: Document) -> list[Task]:
    checked = Q(checked=True) | Q(deadlines__checked=True) | Q(responsibilities__checked=True)
    return list(document.tasks.filter(checked).distinct().order_by("order"))


def _renumber(kept_tasks: list[Task], parsed_paths: list[str]) -> None:
    """Kept tasks take the place of the parser's task at their path; others (added by hand) go last.

    Orders are unique per document, so the kept tasks first step aside, out of the fresh tasks' range.
    """
    if not kept_tasks:
        return
    position = {clip(Task, "path", path): order for order, path in reversed(list(enumerate(parsed_paths)))}
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
