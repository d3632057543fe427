"""Streamed CSV downloads, shared by the comparison and the target search.

Every text cell that a spreadsheet would read as a formula is neutralised (OWASP's rule for CSV
injection): one starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which
spreadsheets show as text. A notice's title or metric is whatever its source wrote
(=HYPERLINK("http://evil.example/","点我") ran as a link). Numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A cell's value as written: text that would start a formula is prefixed with an apostrophe.

    >>> neutralised("=1+2"), neutralised("-5%"), neutralised(-5.0), neutralised("产值")
    ("'=1+2", "'-5%", -5.0, '产值')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """csv.writer writes into this and StreamingHttpResponse sends each line as it is made."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[dict], *, fieldnames, filename: str) -> StreamingHttpResponse:
    """`rows` as a CSV attachment, streamed row by row as the query yields them."""
    writer = csv.DictWriter(_Echo(), fieldnames=fieldnames)
    # A byte-order mark first so that Excel opens the UTF-8 Chinese text correctly.
    header = "\ufeff" + ",".join(fieldnames) + "\r\n"
    response = StreamingHttpResponse(
        _chain(header, (writer.writerow({key: neutralised(value) for key, value in row.items()}) for row in rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _chain(first, rest):
    yield first
    yield from rest
