"""Writing the search index: one notice as ingest saves it, many after a bulk write, all of them anew."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from django.db import connection, transaction

from documents.search.api import current_backend
from documents.workers import in_order

PARALLEL_FROM = 1000  # notices from which a worker process saves more than its start costs (about a second)
ROWS_PER_TASK = 50  # notices a worker is handed at once: its texts and their pieces stay a few megabytes


@dataclass(frozen=True)
class IndexedText:
    """What the index writes for a title, 文号 and text, worked out ahead (in a parse worker, where it costs the
    one writer process nothing): index_document uses it while the document still holds these three."""

    title: str
    doc_number: str
    clean_text: str
    pieces: tuple

    def holds(self, document) -> bool:
        return (self.title, self.doc_number, self.clean_text) == (
            document.title,
            document.doc_number,
            document.clean_text,
        )


def indexed_text(title: str, doc_number: str, clean_text: str) -> IndexedText:
    """The index's pieces of a notice's title, 文号 and text, for the database in use; reads no database."""
    return IndexedText(
        title, doc_number, clean_text, current_backend().pieces(*_indexed(title, doc_number, clean_text))
    )


def index_document(document, *, prepared: IndexedText | None = None) -> None:
    """Bring the search index up to date for one saved document (ingest calls this in its transaction).
    `prepared`: its pieces worked out ahead, used if the document still holds the texts they were made of."""
    if prepared is None or not prepared.holds(document):
        prepared = indexed_text(document.title, document.doc_number, document.clean_text)
    # Within the caller's transaction when there is one (ingest's): a savepoint of its own would cost two
    # statements a notice and undo nothing the caller's failure does not.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        current_backend().write(cursor, [(document.pk, document.issued_on, prepared.pieces)])


def _indexed(title, doc_number, clean_text) -> tuple[str, str]:
    """What is indexed for a notice: its title alone (for the title boost), and as its body the title,
    the 文号 as Document keeps it (〔〕) and the text, so that a title edited in the admin, or a 文号 the
    text writes in another way or not at all, still finds its notice on either database."""
    return title, "\n".join(part for part in (title, doc_number, clean_text) if part)


def rebuild_index(queryset, *, batch_size: int = 200, progress=None, finishing=None, workers=None) -> int:
    """Empty the index and index every document of `queryset` again; `progress(done, total)` per batch,
    `finishing()` before the database's own index is built (PostgreSQL's GIN index: minutes at 100k)."""
    with transaction.atomic(), connection.cursor() as cursor:
        current_backend().clear(cursor)
    return _index(
        queryset, batch_size=batch_size, progress=progress, finishing=finishing, rebuilt=True, workers=workers
    )


def index_documents(queryset, *, batch_size: int = 200, progress=None, finishing=None, workers=None) -> int:
    """Index (again) every document of `queryset`, e.g. after a bulk_create, which index_document misses."""
    return _index(
        queryset, batch_size=batch_size, progress=progress, finishing=finishing, rebuilt=False, workers=workers
    )


def _index(queryset, *, batch_size, progress, finishing, rebuilt, workers) -> int:
    """The pieces of the documents' texts are worked out in `workers` other processes while this one writes
    them (by default, for a collection of PARALLEL_FROM notices or more, one process fewer than the cores:
    this one writes); `workers=0` works them out here."""
    backend = current_backend()
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    if workers is None:
        workers = max(1, (os.cpu_count() or 1) - 1) if len(pks) >= PARALLEL_FROM else 0
    groups = _rows(queryset.model, pks, min(ROWS_PER_TASK, batch_size))
    entries = in_order(_entries, groups, workers=workers) if workers else map(_entries, groups)
    done, batch = 0, []
    with connection.cursor() as cursor:
        for group in chain(entries, [None]):  # None: the end, where what is left is written
            batch += group or []
            if batch and (group is None or len(batch) >= batch_size):
                with transaction.atomic():
                    backend.write(cursor, batch)
                done, batch = done + len(batch), []
                if progress:
                    progress(done, len(pks))
        if finishing:
            finishing()
        backend.finish(cursor, rebuilt=rebuilt)
    return len(pks)


def _rows(model, pks: list[int], size: int) -> Iterator[list[tuple]]:
    """The documents' ids, dates and texts, `size` at a time, in id order."""
    for start in range(0, len(pks), size):
        chunk = pks[start : start + size]
        yield list(
            model.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", "issued_on", "title", "doc_number", "clean_text")
        )


def _entries(rows: list[tuple]) -> list[tuple]:
    """What backend.write() takes for rows of _rows(): no database read, so that a worker can do it."""
    backend = current_backend()
    return [(pk, issued_on, backend.pieces(*_indexed(*texts))) for pk, issued_on, *texts in rows]


def analyze_tables(tables: list[str]) -> None:
    """Fresh planner statistics for `tables` after a batch of writes: PostgreSQL plans the index query from
    them (ANALYZE); SQLite's planner keeps none that these queries use."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")
