"""Deadlines: 6月底前, 年底前, 2022年10月底前 … resolved against the notice's date."""
from __future__ import annotations

from datetime import date

from .types import Deadline, Task


def collect_deadlines(text: str, tasks: tuple[Task, ...], *, reference_date: date | None) -> tuple[Deadline, ...]:
    return ()
