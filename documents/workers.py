"""Work spread over worker processes, the results in order (in_order), and how such a worker starts: Django set
up, and gone when its parent is. documents/parallel.py parses notices with it; search/indexing.py works out
the index's pieces.

Kept apart from parallel.py, which imports the models: a spawned worker unpickles its initializer before it
can set Django up, so the initializer's module must import nothing that needs the app registry.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import wait
from typing import TypeVar

import django

# Results waiting for the writer, per worker: enough that a notice slow to write or to parse leaves no
# process idle, few enough that memory stays flat.
IN_FLIGHT_PER_WORKER = 16
T, R = TypeVar("T"), TypeVar("R")
# Workers yield the processor to the process they work for: it is the one that cannot be spread (the writer
# of notices, of index entries), and with as many workers as cores, fair shares would slow it by a third.
NICER = 10


def in_order(work: Callable[[T], R], items: Iterable[T], *, workers: int, ready=None) -> Iterator[R]:
    """work(item) for each item in `workers` processes, the results in the items' order, a few per worker
    in flight; `ready(item)`, where it returns a result, answers that item here without sending it."""
    # Workers start fresh ("spawn") rather than forked: a fork would carry this process's open database
    # connection into each worker, whose exit could close the session the writer is using.
    window: deque[Future | R] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker) as pool:
        for item in items:
            answer = ready(item) if ready else None
            window.append(answer if answer is not None else pool.submit(work, item))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield _done(window.popleft())
        while window:
            yield _done(window.popleft())


def _done(item):
    return item.result() if isinstance(item, Future) else item


def start_worker() -> None:
    """Set Django up, and leave when the process that started this one is gone: a parent killed with
    SIGKILL shuts no pool down, and its idle workers would otherwise wait for work forever."""
    django.setup()
    os.nice(NICER)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel) -> None:
    wait([sentinel])
    os._exit(1)
