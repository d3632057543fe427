"""Responsible units (责任单位) and their roles."""
from __future__ import annotations

from .types import Task, UnitRef


def extract_units(text: str) -> tuple[UnitRef, ...]:
    """The units a passage makes responsible, in order of first mention, each once (lead wins)."""
    return ()


def collect_units(text: str, tasks: tuple[Task, ...]) -> tuple[UnitRef, ...]:
    """Every unit named anywhere in the notice, each once."""
    return ()
