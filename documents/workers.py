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
# of notices, of index entries). With as many workers as cores, fair shares would slow it by a third; at
# nice 10 a worker sharing its core still took a tenth of it, at 19 (the lowest priority) about 1%.
NICER = 19


def in_order(work: Callable[[T], R], items: Iterable[T], *, workers: int, ready=None, per_task: int = 1) -> Iterator[R]:
    """work(item) for each item in `workers` processes, the results in the items' order, a few per worker
    in flight; `ready(item)`, where it returns a result, answers that item here without sending it.
    `per_task`: items sent to a worker at once. Each task sent and each result received wakes threads of
    this process and preempts a worker: for work of a few milliseconds an item, a few items a task halve that."""
    # Workers start fresh ("spawn") rather than forked: a fork would carry this process's open database
    # connection into each worker, whose exit could close the session the writer is using.
    window: deque[tuple[int, Future | list[R]]] = deque()  # (items, their results to come)
    unsent: list[T] = []
    in_flight = 0
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker) as pool:

        def send() -> None:
            if unsent:
                window.append((len(unsent), pool.submit(_each, work, tuple(unsent))))
                unsent.clear()

        for item in items:
            answer = ready(item) if ready else None
            if answer is None:
                unsent.append(item)
                if len(unsent) >= per_task:
                    send()
            else:
                send()  # the items before it first, so that the results stay in order
                window.append((1, [answer]))
            in_flight += 1
            while in_flight >= workers * IN_FLIGHT_PER_WORKER:
                if not window:  # per_task beyond the bound: what is waiting goes now
                    send()
                count, results = window.popleft()
                in_flight -= count
                yield from _done(results)
        send()
        while window:
            yield from _done(window.popleft()[1])


def _each(work: Callable[[T], R], items: tuple[T, ...]) -> list[R]:
    return [work(item) for item in items]


def _done(results: Future | list):
    return results.result() if isinstance(results, Future) else results


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
