"""Outline: 一、 / (一) / 1. / 1、 / (1) headings into a tree of OutlineNodes."""
from __future__ import annotations

from .types import OutlineNode


def parse_outline(text: str) -> tuple[OutlineNode, ...]:
    return ()
