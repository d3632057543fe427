"""Writing the search index: one notice as ingest saves it, many after a bulk write, all of them anew."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from documents.search.api import current_backend


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
    backend = current_backend()
    if prepared is not None and prepared.holds(document):
        pieces = prepared.pieces
    else:
        pieces = backend.pieces(*_indexed(document.title, document.doc_number, document.clean_text))
    with transaction.atomic(), connection.cursor() as cursor:
        backend.write(cursor, [(document.pk, document.issued_on, pieces)])


def _indexed(title, doc_number, clean_text) -> tuple[str, str]:
    """What is indexed for a notice: its title alone (for the title boost), and as its body the title,
    the 文号 as Document keeps it (〔〕) and the text, so that a title edited in the admin, or a 文号 the
    text writes in another way or not at all, still finds its notice on either database."""
    return title, "\n".join(part for part in (title, doc_number, clean_text) if part)


def rebuild_index(queryset, *, batch_size: int = 200, progress=None, finishing=None) -> int:
    """Empty the index and index every document of `queryset` again; `progress(done, total)` per batch,
    `finishing()` before the database's own index is built (PostgreSQL's GIN index: minutes at 100k)."""
    with transaction.atomic(), connection.cursor() as cursor:
        current_backend().clear(cursor)
    return _index(queryset, batch_size=batch_size, progress=progress, finishing=finishing, rebuilt=True)


def index_documents(queryset, *, batch_size: int = 200, progress=None, finishing=None) -> int:
    """Index (again) every document of `queryset`, e.g. after a bulk_create, which index_document misses."""
    return _index(queryset, batch_size=batch_size, progress=progress, finishing=finishing, rebuilt=False)


def _index(queryset, *, batch_size, progress, finishing, rebuilt) -> int:
    backend = current_backend()
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            rows = (
                queryset.model.objects.filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "issued_on", "title", "doc_number", "clean_text")
            )
            entries = [(pk, issued_on, backend.pieces(*_indexed(*texts))) for pk, issued_on, *texts in rows]
            with transaction.atomic():
                backend.write(cursor, entries)
            if progress:
                progress(start + len(chunk), len(pks))
        if finishing:
            finishing()
        backend.finish(cursor, rebuilt=rebuilt)
    return len(pks)


def analyze_tables(tables: list[str]) -> None:
    """Fresh planner statistics for `tables` after a batch of writes: PostgreSQL plans the index query from
    them (ANALYZE); SQLite's planner keeps none that these queries use."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(table) for table in tables)}")
