"""Every stored notice as plain data, to compare two databases: what a run left against what a clean ingest gives.

`python manage.py shell -c "from tests.notice_state import dump; dump()"` prints it as JSON for a database the
test process cannot open itself (a run's own database, in a subprocess).
"""

from __future__ import annotations

import json
import re

from documents.models import Document


def notice_state() -> list[dict]:
    """Each notice (by source) with its metadata, its rows and whether a search on a word of its title finds it."""
    return [_notice(document) for document in Document.objects.with_places().order_by("source", "pk")]


def dump() -> None:
    print(as_json(notice_state()))


def as_json(state: list[dict]) -> str:
    return json.dumps(state, ensure_ascii=False, default=str)


def title_word(title: str) -> str:
    """A word of the title to search for: four characters of its longest run of Chinese.

    >>> title_word("2015年平顶山市加快产业集聚区建设专项工作方案")
    '年平顶山'
    """
    runs = re.findall(r"[\u4e00-\u9fff]+", title)
    return max(runs, key=len)[:4] if runs else title[:4]


def _rows(rows) -> list:
    return sorted(rows, key=repr)  # repr: a None beside a value (a unit of no task) does not compare


def _notice(document: Document) -> dict:
    return {
        "source": document.source,
        "content_hash": document.content_hash,
        "metadata": [document.title, document.doc_number, document.issuer, str(document.issued_on)],
        "places": [region.code if region else None for region in (document.province, document.city, document.county)],
        "themes": sorted(document.themes.values_list("slug", flat=True)),
        "clean_text_length": len(document.clean_text),
        "targets": _rows(document.targets.values_list("clause", "metric", "value", "unit", "year", "checked")),
        "tasks": list(document.tasks.order_by("order").values_list("order", "path", "title", "checked")),
        "units": _rows(document.responsibilities.values_list("unit__name", "role", "task__path", "checked")),
        "deadlines": _rows(document.deadlines.values_list("text", "due_on", "task__path", "checked")),
        "found": Document.objects.search(title_word(document.title)).filter(pk=document.pk).exists(),
    }
