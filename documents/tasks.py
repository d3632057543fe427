"""Ingest on several machines: one file → one notice as a Celery task, and the command's side that feeds and collects.

The unit of work is exactly one file of `manage.py ingest` (parallel.read_and_parse, then the write in one
transaction), run by `celery -A policykb worker` on any machine that shares the database and sees the files at
the same path. A task returns its report line as plain JSON (status, the document's id and title, the reason
of a failure), never a Document or an exception, so `ingest --queue` words each outcome, the summary and the
exit status as a local ingest does. Re-running a file stores nothing twice: ingest dedups on the content hash.

Celery is optional (requirements-queue.txt): only the worker and `ingest --queue` import this module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from celery.exceptions import TimeoutError as ResultTimeout
from celery.result import AsyncResult
from django.conf import settings
from django.db import reset_queries

from documents.batches import FAILED, IngestReport, ReportLine
from documents.ingest import IngestError, IngestOutcome
from documents.models import Document
from documents.parallel import read_and_parse
from policykb.celery import app

# Files enqueued ahead of the one whose result is awaited: enough to keep many workers busy while results are
# read in the files' order; a message is a path, so Redis and this process hold a few hundred KB whatever
# the number of files.
IN_FLIGHT = 500
WAIT_SECONDS = 30.0  # how often a run that hears nothing says it is still waiting, and for which queue
MAX_REASON_CHARS = 1000


class QueueUnavailable(Exception):
    """The broker or the result store cannot be reached: nothing was enqueued."""


@app.task(
    name="documents.ingest_path",
    acks_late=True,
    # The soft limit raises inside the task: the notice's transaction rolls back and the file gets a failed
    # line. The hard limit ends a worker stuck past it (a prefork pool's child); the command reports that too.
    soft_time_limit=settings.POLICYKB_TASK_TIME_LIMIT,
    time_limit=settings.POLICYKB_TASK_TIME_LIMIT + 30,
)
def ingest_path(path: str, source_url: str = "", source: str = "") -> dict:
    """Read, parse and write one file, as one file of `manage.py ingest`; its report line as JSON.

    `source` is the name the document is stored under when it differs from the path read (the command sends
    the absolute path, so that a worker started in another folder finds the file, and the name as given).
    """
    report = IngestReport(keep_lines=False)
    try:
        line = report.run(
            source or path, lambda: read_and_parse(Path(path)).write(source_url=source_url, source=source)
        )
    finally:
        reset_queries()  # with DEBUG on, Django logs every statement, index texts included, for the process's life
    return line_fields(line)


def line_fields(line: ReportLine) -> dict:
    """What the command needs of a report line, in JSON: no Document, no exception."""
    return {
        "status": line.status,
        "document": line.document.pk if line.document else None,
        "title": line.document.title if line.document else "",
        "duplicate_of": line.duplicate_of.pk if line.duplicate_of else None,
        "reason": line.reason[:MAX_REASON_CHARS],
        "dropped_targets": list(line.dropped_targets),
    }


def outcome_from_fields(fields: dict) -> IngestOutcome:
    """The worker's outcome again, for IngestReport.run; a failure raises its reason as the worker worded it."""
    if fields["status"] == FAILED:
        raise IngestError(fields["reason"])
    # The rows the worker wrote, as far as a report line shows them (id and title): no query.
    document = Document(pk=fields["document"], title=fields["title"])
    duplicate_of = Document(pk=fields["duplicate_of"]) if fields["duplicate_of"] else None
    return IngestOutcome(fields["status"], document, duplicate_of, tuple(fields["dropped_targets"]))


def check_queue() -> None:
    """Reach the broker and the result store within their short timeouts, or raise QueueUnavailable."""
    connection = app.connection_for_write()
    try:
        with connection:
            connection.ensure_connection(max_retries=0, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
        client = getattr(app.backend, "client", None)
        if client is not None:
            client.ping()
    except Exception as error:  # kombu's, redis's and socket errors alike: the run has not started
        addresses = f"{connection.as_uri()} / {app.backend.as_uri()}"  # passwords masked
        raise QueueUnavailable(f"无法连接队列 (cannot reach the queue) {addresses}: {error}") from None


def queued_outcomes(
    paths: Iterable[Path], *, source_url: str = "", on_wait: Callable[[str], None] = print
) -> Iterator[tuple[Path, Callable[[], IngestOutcome]]]:
    """One task a path, IN_FLIGHT at most ahead; (path, outcome) in the paths' order as results come back.

    Each result is deleted from Redis once read, so neither Redis nor this process grows with the run.
    """
    window: deque[tuple[Path, AsyncResult]] = deque()
    for path in paths:
        absolute = str(path.resolve())
        source = str(path) if str(path) != absolute else ""
        window.append((path, ingest_path.apply_async((absolute, source_url, source))))
        if len(window) >= IN_FLIGHT:
            yield _collected(*window.popleft(), on_wait)
    while window:
        yield _collected(*window.popleft(), on_wait)


def _collected(path: Path, result: AsyncResult, on_wait) -> tuple[Path, Callable[[], IngestOutcome]]:
    fields = _fields(result, on_wait)
    result.forget()
    return path, lambda: outcome_from_fields(fields)


def _fields(result: AsyncResult, on_wait) -> dict:
    """The task's report line; a task that ended in an exception (a worker lost, the hard time limit) is a failure."""
    while True:
        try:
            value = result.get(timeout=WAIT_SECONDS, propagate=False)
        except ResultTimeout:
            on_wait(
                f"等待 worker (waiting for a worker on queue {app.conf.task_default_queue!r}: "
                "is `celery -A policykb worker` running with the same settings?)"
            )
            continue
        if result.successful():
            return value
        name, text = type(value).__name__, str(value)
        reason = f"任务中断 (task ended): {text if text.startswith(name) else f'{name}: {text}'}"
        return line_fields(ReportLine(0, "", FAILED, reason=reason))
