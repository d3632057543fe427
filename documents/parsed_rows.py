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


def save_task(document, parsed_task: parsed.Task, *, order: int, region: Region | None) -> Task:
    """One of the parser's tasks, saved with its units and deadlines."""
    task = Task.objects.create(
        document=document,
        path=clip(Task, "path", parsed_task.path),
        title=clip(Task, "title", parsed_task.title),
        text=parsed_task.text,
        order=order,
        start=parsed_task.start,
        end=parsed_task.end,
    )
    for unit_ref in distinct_units(parsed_task.units):
        save_responsibility(document, task, unit_ref, region)
    save_deadlines(document, task, parsed_task.deadlines)
    return task


def distinct_units(unit_refs: Iterable[parsed.UnitRef]) -> list[parsed.UnitRef]:
    """One entry per unit name; a unit named both lead and support is lead."""
    roles = {}
    for unit_ref in unit_refs:
        if roles.get(unit_ref.name) != Responsibility.Role.LEAD:
            roles[unit_ref.name] = unit_ref.role
    return [parsed.UnitRef(name=name, role=role) for name, role in roles.items()]


def save_responsibility(document, task: Task | None, unit_ref: parsed.UnitRef, region: Region | None) -> None:
    """A unit's role in the document (or one of its tasks); the unit is one row per name and region."""
    unit, _ = ResponsibleUnit.objects.get_or_create(
        name=clip(ResponsibleUnit, "name", unit_ref.name),
        region=region,
        defaults={"normalized_name": clip(ResponsibleUnit, "normalized_name", normalize_unit_name(unit_ref.name))},
    )
    Responsibility.objects.create(document=document, task=task, unit=unit, role=unit_ref.role)


def save_deadlines(document, task: Task | None, deadlines: Iterable[parsed.Deadline]) -> None:
    Deadline.objects.bulk_create(
        Deadline(
            document=document,
            task=task,
            text=clip(Deadline, "text", d.text),
            due_on=d.date,
            start=d.start,
            end=d.end,
        )
        for d in deadlines
    )


def themes_named(names: Iterable[str]) -> list[Theme]:
    """The Theme rows for the parser's theme names, created from the vocabulary (parsing/themes.py) when new."""
    wanted = list(names)
    found = {theme.name: theme for theme in Theme.objects.filter(name__in=wanted)}
    for definition in THEMES:
        if definition.name in wanted and definition.name not in found:
            found[definition.name], _ = Theme.objects.get_or_create(
                slug=definition.slug, defaults={"name": definition.name, "keywords": "、".join(definition.keywords)}
            )
    return [found[name] for name in wanted if name in found]
