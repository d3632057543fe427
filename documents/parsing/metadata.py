"""Metadata: title, 文号, issuer, place, dates. (First cut; the parser issue refines it.)"""
from __future__ import annotations

from .types import NoticeMetadata


def extract_metadata(text: str) -> NoticeMetadata:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return NoticeMetadata(title=first_line[:200] if first_line else None)
