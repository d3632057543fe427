"""The parser's findings as rows: targets (with the indicator each measures), tasks, responsible units,
deadlines and themes. Which of them a re-parse may replace is decided in documents/corrections.py."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from documents.models import Deadline, Region, Responsibility, ResponsibleUnit, Target, Task, Theme
from documents.parsing import ParsedNotice, indicators
from documents.parsing import types as parsed
from documents.parsing.themes import THEMES
from documents.parsing.units import normalize_unit_name
from documents.run_memory import memory


def clip(model: type[models.Model], field: str, text: str) -> str:
    """`text` cut to the field's max_length: the parser's phrases have no bound, the columns do.

    >>> clip(Target, "unit", "万元" * 20)
    '万元万元万元万元万元万元万元万元万元万元万元万元万元万元万元'
    """
    return text[: model._meta.get_field(field).max_length]


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
    row.normalized_unit = clip(Target, "normalized_unit", unit)


def parsed_targets(document, parsed_notice: ParsedNotice) -> list[Target]:
    """The parser's targets as unsaved rows of `document`, each with its indicator."""
    rows = []
    for order, target in enumerate(parsed_notice.targets):
        row = Target(
            document=document,
            clause=target.text,
            metric=clip(Target, "metric", target.metric),
            value=target.value,
            value_max=target.value_max if target.value_max is None or target.value_max >= target.value else None,
            unit=clip(Target, "unit", target.unit),
            year=target.year,
            comparator=target.comparator or "",
            qualifier=clip(Target, "qualifier", target.qualifier or ""),
            start=target.start,
            end=target.end,
            order=order,
        )
        assign_indicator(row)
        rows.append(row)
    return rows


def save_tasks(
    document,
    tasks: Iterable[tuple[int, parsed.Task]],
    *,
    units: Iterable[parsed.UnitRef] = (),
    deadlines: Iterable[parsed.Deadline] = (),
    region: Region | None,
) -> None:
    """The parser's tasks (each at its order) with their units and deadlines, and the document's own
    `units` and `deadlines` (of no task): a few bulk inserts, whatever the number of rows."""
    tasks = list(tasks)
    rows = Task.objects.bulk_create(
        Task(
            document=document,
            path=clip(Task, "path", parsed_task.path),
            title=clip(Task, "title", parsed_task.title),
            text=parsed_task.text,
            order=order,
            start=parsed_task.start,
            end=parsed_task.end,
        )
        for order, parsed_task in tasks
    )
    owned = [(row, parsed_task) for row, (_, parsed_task) in zip(rows, tasks, strict=True)]
    roles = [(row, ref) for row, parsed_task in owned for ref in distinct_units(parsed_task.units)]
    roles += [(None, ref) for ref in units]
    unit_rows = units_named([ref.name for _, ref in roles], region=region)
    Responsibility.objects.bulk_create(
        Responsibility(
            document=document, task=task, unit=unit_rows[clip(ResponsibleUnit, "name", ref.name)], role=ref.role
        )
        for task, ref in roles
    )
    dated = [(row, d) for row, parsed_task in owned for d in parsed_task.deadlines] + [(None, d) for d in deadlines]
    Deadline.objects.bulk_create(deadline_row(document, task, d) for task, d in dated)


def distinct_units(unit_refs: Iterable[parsed.UnitRef]) -> list[parsed.UnitRef]:
    """One entry per unit name; a unit named both lead and support is lead."""
    roles = {}
    for unit_ref in unit_refs:
        if roles.get(unit_ref.name) != Responsibility.Role.LEAD:
            roles[unit_ref.name] = unit_ref.role
    return [parsed.UnitRef(name=name, role=role) for name, role in roles.items()]


def units_named(names: Iterable[str], *, region: Region | None) -> dict[str, ResponsibleUnit]:
    """The unit row of each name (as clipped to its column) in `region`, created when new: one row per name
    and region, as the first name written so gives its normalised name. A batch run reads each once."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(clip(ResponsibleUnit, "name", name), name)
    remembered = memory("units")
    region_id = region.pk if region else None
    found = {}
    if remembered is not None:
        found = {name: remembered[name, region_id] for name in wanted if (name, region_id) in remembered}
    unknown = {name: written for name, written in wanted.items() if name not in found}
    if unknown:
        found |= _units_read_or_created(unknown, region)
        if remembered is not None:
            for name in unknown:
                remembered[name, region_id] = found[name]
    return found


def _units_read_or_created(wanted: dict[str, str], region: Region | None) -> dict[str, ResponsibleUnit]:
    found = _units(wanted, region)
    missing = [
        ResponsibleUnit(
            name=name,
            region=region,
            normalized_name=clip(ResponsibleUnit, "normalized_name", normalize_unit_name(written)),
        )
        for name, written in wanted.items()
        if name not in found
    ]
    if missing:
        # Another writer (the admin) may add the same unit meanwhile: its row is taken, not a second one.
        ResponsibleUnit.objects.bulk_create(missing, ignore_conflicts=True)
        found = _units(wanted, region)
    return found


def _units(names, region: Region | None) -> dict[str, ResponsibleUnit]:
    rows = ResponsibleUnit.objects.filter(name__in=list(names), region=region).order_by("-pk")
    # Two rows of one name with no region (the constraint holds no NULLs): the oldest, last in this order, wins.
    return {unit.name: unit for unit in rows}


def deadline_row(document, task: Task | None, deadline: parsed.Deadline) -> Deadline:
    return Deadline(
        document=document,
        task=task,
        text=clip(Deadline, "text", deadline.text),
        due_on=deadline.date,
        start=deadline.start,
        end=deadline.end,
    )


def themes_named(names: Iterable[str]) -> list[Theme]:
    """The Theme rows for the parser's theme names, created from the vocabulary (parsing/themes.py) when new.
    A batch run reads each once."""
    wanted = list(names)
    remembered = memory("themes")
    if remembered is not None and all(name in remembered for name in wanted):
        return [remembered[name] for name in wanted]
    found = {theme.name: theme for theme in Theme.objects.filter(name__in=wanted)}
    for definition in THEMES:
        if definition.name in wanted and definition.name not in found:
            found[definition.name], _ = Theme.objects.get_or_create(
                slug=definition.slug, defaults={"name": definition.name, "keywords": "、".join(definition.keywords)}
            )
    if remembered is not None:
        for name, theme in found.items():
            remembered[name] = theme
    return [found[name] for name in wanted if name in found]
