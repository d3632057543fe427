"""How a worker process of documents/parallel.py starts: Django set up, and gone when its parent is.

Kept apart from parallel.py, which imports the models: a spawned worker unpickles its initializer before it
can set Django up, so the initializer's module must import nothing that needs the app registry.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait

import django


def start_worker() -> None:
    """Set Django up, and leave when the process that started this one is gone: a parent killed with
    SIGKILL shuts no pool down, and its idle workers would otherwise wait for work forever."""
    django.setup()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel) -> None:
    wait([sentinel])
    os._exit(1)
