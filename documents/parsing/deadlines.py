"""Deadlines: 6月底前, 年底前, 2022年10月底前 … resolved against the notice's date."""
from __future__ import annotations

from datetime import date

from .types import Deadline, Task


def extract_deadlines(text: str, *, reference_date: date | None, offset: int = 0) -> tuple[Deadline, ...]:
    """The deadlines in a passage; `offset` is the passage's start in clean_text (for Deadline.start/end)."""
    return ()


def collect_deadlines(text: str, tasks: tuple[Task, ...], *, reference_date: date | None) -> tuple[Deadline, ...]:
    """Every deadline in the notice, one entry per distinct date."""
    return ()
