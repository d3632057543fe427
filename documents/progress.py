"""The progress a long command shows on stderr: notices done of all, the rate, and the time left."""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_EVERY_SECONDS = 5.0


class Progress:
    """Every few seconds (and at the last notice): `进度 done/total · rate · MB/s · time left at that rate`."""

    def __init__(self, total: int, write: Callable[[str], object]):
        self.total, self.write, self.done, self.bytes = total, write, 0, 0
        self.started = self.shown = time.monotonic()

    def step(self, size: int) -> None:
        self.done += 1
        self.bytes += size
        now = time.monotonic()
        if now - self.shown < PROGRESS_EVERY_SECONDS and self.done < self.total:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        self.write(
            f"进度 {self.done}/{self.total} · {rate:.1f} 篇/秒 · {self.bytes / elapsed / 1e6:.2f} MB/s"
            f" · 剩余约 {int(left // 60)} 分 {int(left % 60)} 秒"
        )
