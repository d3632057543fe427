"""Streamed CSV downloads, shared by the comparison and the target search."""
from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse


class _Echo:
    """csv.writer writes into this and StreamingHttpResponse sends each line as it is made."""

    def write(self, value):
        return value


def csv_response(rows: Iterable[dict], *, fieldnames, filename: str) -> StreamingHttpResponse:
    """`rows` as a CSV attachment, streamed row by row as the query yields them."""
    writer = csv.DictWriter(_Echo(), fieldnames=fieldnames)
    # A byte-order mark first so that Excel opens the UTF-8 Chinese text correctly.
    header = "\ufeff" + ",".join(fieldnames) + "\r\n"
    response = StreamingHttpResponse(_chain(header, (writer.writerow(row) for row in rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _chain(first, rest):
    yield first
    yield from rest
