"""Writing the search index: one notice as ingest saves it, many after a bulk write, all of them anew."""

from __future__ import annotations

from django.db import connection, transaction

from documents.search.api import current_backend


def index_document(document) -> None:
    """Bring the search index up to date for one saved document (ingest calls this in its transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        row = (document.pk, document.issued_on, document.title, document.doc_number, document.clean_text)
        current_backend().write(cursor, [_indexed(*row)])


def _indexed(pk, issued_on, title, doc_number, clean_text) -> tuple[int, object, str, str]:
    """What is indexed for a notice: its title alone (for the title boost), and as its body the title,
    the 文号 as Document keeps it (〔〕) and the text, so that a title edited in the admin, or a 文号 the
    text writes in another way or not at all, still finds its notice on either database."""
    return pk, issued_on, title, "\n".join(part for part in (title, doc_number, clean_text) if part)


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
            with transaction.atomic():
                backend.write(cursor, [_indexed(*row) for row in rows])
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
