"""Ingest across processes: files are read and parsed in worker processes, and each notice is written here.

Reading and parsing take nearly all of an ingest's time and touch no database, so they spread over the cores.
Writing stays in one process, one transaction a notice (ingest_notice with the parse done), so deduplication,
editors' corrections and the report work exactly as they do with one process. At most a few notices per worker
are in flight, so memory stays flat however many files there are, and results come back in the files' order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from documents.ingest import (
    IngestError,
    IngestOutcome,
    check_notice_name,
    check_notice_size,
    ingest_notice,
    read_notice_file,
)
from documents.parsing import ParsedNotice, parse_notice
from documents.workers import start_worker

IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class ParsedFile:
    """A file read and parsed, or the error that stopped it (raised again when it is written)."""

    path: Path
    raw_text: str = ""
    parsed: ParsedNotice | None = None
    error: Exception | None = None

    def write(self, *, source_url: str = "") -> IngestOutcome:
        if self.error is not None:
            raise self.error
        return ingest_notice(raw_text=self.raw_text, source=str(self.path), parsed=self.parsed, source_url=source_url)


def read_and_parse(path: Path) -> ParsedFile:
    """What ingest_file does before writing: check the name, read and decode, parse."""
    try:
        check_notice_name(path.name)
        raw_text = read_notice_file(path)
        return ParsedFile(path, raw_text, parse_notice(raw_text) if raw_text.strip() else None)
    except IngestError as error:  # this file's failure, reported when it is written; the batch goes on
        return ParsedFile(path, error=error)
    except Exception as error:  # as the report words it, in a form any process can pass back
        return ParsedFile(path, error=IngestError(f"{type(error).__name__}: {error}"))


def parsed_files(paths: Iterable[Path], *, workers: int) -> Iterator[ParsedFile]:
    """Each path read and parsed, in order: in this process for one worker, else in `workers` processes."""
    if workers <= 1:
        yield from map(read_and_parse, paths)
        return
    # Workers start fresh ("spawn") rather than forked: a fork would carry this process's open database
    # connection into each worker, whose exit could close the session the writer is using.
    window: deque[Future | ParsedFile] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker) as pool:
        for path in paths:
            refused = _refused(path)  # checked here, under this process's settings (its size limit)
            window.append(refused or pool.submit(read_and_parse, path))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield _done(window.popleft())
        while window:
            yield _done(window.popleft())


def _refused(path: Path) -> ParsedFile | None:
    try:
        check_notice_name(path.name)
        check_notice_size(path.stat().st_size)
    except IngestError as error:
        return ParsedFile(path, error=error)
    except OSError:
        return None  # the worker's read says why, as one process would
    return None


def _done(item: Future | ParsedFile) -> ParsedFile:
    return item if isinstance(item, ParsedFile) else item.result()
