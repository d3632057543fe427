"""Writing the search index: one notice as ingest saves it, many after a bulk write, all of them anew.

A batch run (the ingest and reparse commands) writes notices' entries some at a time (indexed_in_batches):
on SQLite each commit that adds to the FTS5 tables writes out a new segment holding every distinct bigram
added, so a segment per notice cost the one writer process more than the notice's own rows did.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import chain

from django.db import DatabaseError, connection, transaction

from documents.search.api import current_backend
from documents.search.backend import ENTRY
from documents.workers import in_order

PARALLEL_FROM = 1000  # notices from which a worker process saves more than its start costs (about a second)
ROWS_PER_TASK = 50  # notices a worker is handed at once: its texts and their pieces stay a few megabytes
# A batch run's entries are written once this many notices wait, or the first of them has waited this long
# (a run of slow files keeps search as current as one notice at a time would).
BATCH_NOTICES = 32
BATCH_SECONDS = 1.0

logger = logging.getLogger(__name__)


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
    batch = _batch.get()
    if batch is not None:
        batch.hold(document, prepared.pieces)
        return
    # Within the caller's transaction when there is one (ingest's): a savepoint of its own would cost two
    # statements a notice and undo nothing the caller's failure does not.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        current_backend().write(cursor, [(document.pk, document.issued_on, prepared.pieces)])


class _Batch:
    """The entries of notices saved in a batch run, held until they are written together."""

    def __init__(self, documents):
        self.documents = documents
        self.held: dict[int, tuple] = {}  # document id → (its updated_at as saved, its pieces)
        self.since = 0.0  # when the first of them was held

    def hold(self, document, pieces) -> None:
        """Within the notice's transaction: its old entry goes (found again once the new one is written,
        or, should the run stop first, by the next run), and the new one waits for the notice's commit."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY} WHERE document_id = %s", [document.pk])
        self.since = self.since or time.monotonic()
        self.held[document.pk] = (document.updated_at, pieces)
        transaction.on_commit(self.write_if_due)

    def write_if_due(self) -> None:
        waiting = len(self.held)
        if waiting < BATCH_NOTICES and time.monotonic() - self.since < BATCH_SECONDS:
            return
        try:
            self.write()
        except DatabaseError:
            # The notices are saved, each whole: the run's end indexes every notice still without an entry.
            logger.warning("search entries of %d notices left for the end of the run", waiting, exc_info=True)

    def write(self) -> None:
        held, self.held, self.since = self.held, {}, 0.0
        if not held:
            return
        with transaction.atomic():
            # Only notices as they were saved: not one whose write was rolled back (its old entry is back with
            # it), nor one saved again since (whoever saved it indexed it), nor one deleted.
            saved = self.documents.filter(pk__in=list(held)).values_list("pk", "updated_at", "issued_on")
            rows = [(pk, issued_on, held[pk][1]) for pk, updated_at, issued_on in saved if updated_at == held[pk][0]]
            if rows:
                with connection.cursor() as cursor:
                    current_backend().write(cursor, rows)


_batch: ContextVar[_Batch | None] = ContextVar("index_batch", default=None)


@contextmanager
def indexed_in_batches(documents) -> Iterator[None]:
    """Within: index_document writes saved notices' entries BATCH_NOTICES at a time, at the latest
    BATCH_SECONDS after the first of them was saved, and the last when the block ends. `documents`: the
    indexed model's QuerySet; when the block ends without an error, those of its notices left without an
    entry (by a run stopped before its entries were written, or a batch that failed) are indexed too."""
    batch = _Batch(documents)
    token = _batch.set(batch)
    try:
        yield
    except BaseException:
        try:
            batch.write()  # the notices saved so far are found; what stopped the run is what it reports
        except DatabaseError:
            logger.warning("search entries of a stopped run left for the next run", exc_info=True)
        raise
    finally:
        _batch.reset(token)
    batch.write()
    unindexed = documents.unindexed()
    if unindexed.exists():
        index_documents(unindexed, workers=0)


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
