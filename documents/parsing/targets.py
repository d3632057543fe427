"""Targets: quantified goals (到2025年产值达到1000亿元)."""
from __future__ import annotations

from .types import OutlineNode, Target


def extract_targets(
    text: str, outline: tuple[OutlineNode, ...], *, reference_year: int | None, title: str | None = None
) -> tuple[Target, ...]:
    return ()
