"""Tasks: numbered work items under the parts that assign work, with their units and deadlines."""
from __future__ import annotations

from datetime import date

from .types import OutlineNode, Task


def extract_tasks(text: str, outline: tuple[OutlineNode, ...], *, reference_date: date | None) -> tuple[Task, ...]:
    return ()
