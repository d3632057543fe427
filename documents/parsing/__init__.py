"""Turn a notice's text into a ParsedNotice. Plain Python: no Django, no settings, no clock.

>>> parsed = parse_notice("2015年平顶山市加快产业集聚区建设专项工作方案\\n……")
>>> parsed.metadata.city
'平顶山市'
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from .clean import clean_text
from .deadlines import collect_deadlines
from .metadata import extract_metadata
from .metrics import tidy_targets
from .outline import parse_outline
from .sources import original_address
from .targets import extract_targets
from .tasks import extract_tasks
from .themes import detect_themes
from .types import ParsedNotice
from .units import collect_units

__all__ = ["parse_notice", "ParsedNotice"]


def parse_notice(text: str, *, reference_date: date | None = None) -> ParsedNotice:
    """Parse one notice. `reference_date` resolves 年底前 when the notice carries no date of its own."""
    cleaned = clean_text(text)
    # The 原文链接 line is page furniture that cleaning drops: the address is read from the text as received.
    metadata = replace(extract_metadata(cleaned), source_url=original_address(text))
    anchor = metadata.issue_date or metadata.publication_date or reference_date
    outline = parse_outline(cleaned)
    tasks = extract_tasks(cleaned, outline, reference_date=anchor)
    return ParsedNotice(
        clean_text=cleaned,
        metadata=metadata,
        themes=detect_themes(cleaned, title=metadata.title),
        outline=outline,
        targets=tidy_targets(
            extract_targets(cleaned, outline, reference_year=anchor.year if anchor else None, title=metadata.title),
            cleaned,
        ),
        tasks=tasks,
        units=collect_units(cleaned, tasks),
        deadlines=collect_deadlines(cleaned, tasks, reference_date=anchor),
    )
