"""Responsible units (责任单位) and their roles."""
from __future__ import annotations

from .types import Task, UnitRef


def collect_units(text: str, tasks: tuple[Task, ...]) -> tuple[UnitRef, ...]:
    return ()
