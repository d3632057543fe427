"""What a batch run (ingest, reparse) reads once: the rows its notices name again and again.

A run's notices name the same few places, themes and responsible units over and over; reading each from the
database for every notice cost more than the notice's own inserts. Within `remembered_rows()` each is read
once and remembered until the run ends. Outside a run (the admin, a request) nothing is remembered, so an
edit is seen at once; an edit made during a run is seen by the next run, and a row deleted during a run is
forgotten when a write refers to it (`forget_rows`, on the write's IntegrityError).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

REMEMBERED = 10_000  # entries a kind keeps before it starts again: a run over a whole country's names stays small


class _Bounded(dict):
    """A dict emptied when a new key would take it past REMEMBERED entries."""

    def __setitem__(self, key, value):
        if key not in self and len(self) >= REMEMBERED:
            self.clear()
        super().__setitem__(key, value)


_memory: ContextVar[dict[str, _Bounded] | None] = ContextVar("run_memory", default=None)


@contextmanager
def remembered_rows() -> Iterator[None]:
    """Within: the rows looked up through memory() are read once (a decorator for a command's handle)."""
    token = _memory.set({})
    try:
        yield
    finally:
        _memory.reset(token)


def memory(kind: str) -> dict | None:
    """This run's memory of `kind` ("regions", "themes", "units"): a dict to read and fill; None outside a run."""
    kinds = _memory.get()
    if kinds is None:
        return None
    return kinds.setdefault(kind, _Bounded())


def forget_rows() -> bool:
    """Forget everything this run remembered (a remembered row may be gone); False outside a run."""
    kinds = _memory.get()
    if kinds is None:
        return False
    kinds.clear()
    return True
