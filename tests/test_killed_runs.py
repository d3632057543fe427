"""An ingest or a re-parse killed midway (SIGKILL) and run again leaves every notice once, whole and searchable.

Each notice is written in one transaction, so a kill loses at most the one being written, which the next run
writes; the search entries a run holds to write together are lost with it, and the next run's end indexes every
notice without one. The runs are the real management commands in a subprocess, with two worker processes, on a database of
their own (a file on SQLite; on PostgreSQL a database beside the test database), and what they leave is
compared with a clean ingest of the same files in the test database.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import NOTICES, ROOT
from tests.notice_state import as_json, notice_state

COPIES = 5  # of each sample notice, changed a little: 25 notices, so that a kill after the third lands midway
TOTAL = COPIES * len(list(NOTICES.glob("*.txt")))
KILL_AFTER = 3
BOUND_SECONDS = 300  # for a run to write its first notices, or for its workers to leave: a bound, not a timing
STALE, EDITED = "待重新解析", "人工核对的标题"
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


@dataclass(frozen=True)
class RunDatabase:
    """The runs' own database: its DATABASE_URL, and plain SQL on it from this process."""

    url: str
    connect: Callable[[], object]  # a DB-API connection

    def sql(self, *statements: str):
        """Run the statements in one transaction; the first column of the last one's first row, if any."""
        with closing(self.connect()) as db:
            cursor = db.cursor()
            for statement in statements:
                cursor.execute(statement)
            row = cursor.fetchone() if cursor.description else None
            db.commit()
        return row[0] if row else None

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "manage.py", *args]

    def env(self) -> dict:
        return {**os.environ, "DATABASE_URL": self.url}

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        run = subprocess.run(self.command(*args), cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
        return run

    def state(self) -> list[dict]:
        return json.loads(self.manage("shell", "-v", "0", "-c", "from tests.notice_state import dump; dump()").stdout)


@contextmanager
def _sqlite_database(folder: Path) -> Iterator[RunDatabase]:
    path = folder / "runs.sqlite3"
    yield RunDatabase(f"sqlite:///{path}", lambda: sqlite3.connect(path, timeout=30))


@contextmanager
def _postgres_database() -> Iterator[RunDatabase]:
    import psycopg2

    params = connection.settings_dict  # its NAME is the test database's: ours is named after it
    name = f"{params['NAME']}_killed"[:63]
    server = {"host": params["HOST"], "port": params["PORT"], "user": params["USER"], "password": params["PASSWORD"]}

    def on_server(statement: str) -> None:
        with closing(psycopg2.connect(dbname="postgres", **server)) as admin:
            admin.autocommit = True
            admin.cursor().execute(statement)

    on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    on_server(f'CREATE DATABASE "{name}"')
    login = quote(params["USER"]) + (f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else "")
    try:
        yield RunDatabase(
            f"postgres://{login}@{params['HOST']}:{params['PORT']}/{name}",
            lambda: psycopg2.connect(dbname=name, **server),
        )
    finally:
        on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def run_db(tmp_path) -> Iterator[RunDatabase]:
    made = _postgres_database() if connection.vendor == "postgresql" else _sqlite_database(tmp_path)
    with made as database:
        database.manage("migrate", "-v", "0")
        yield database


@pytest.fixture
def folder(tmp_path) -> Path:
    notices = tmp_path / "notices"
    notices.mkdir()
    for path in sorted(NOTICES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for n in range(COPIES):
            (notices / f"{path.stem}-{n}.txt").write_text(f"{text}\n附件{n}", encoding="utf-8")
    return notices


@pytest.fixture
def clean_ingest(db, folder) -> list[dict]:
    """What an ingest of the folder, never interrupted, leaves in an empty database (the test database)."""
    call_command("ingest", str(folder), workers=1, quiet_progress=True)
    state = json.loads(as_json(notice_state()))
    assert len(state) == TOTAL and all(notice["found"] and notice["targets"] for notice in state)
    return state


def killed_midway(database: RunDatabase, args: list[str], written: str, log: Path) -> int:
    """Start `manage.py args`, SIGKILL it once the query `written` counts KILL_AFTER notices, and wait until
    its workers have left too; returns the count after the kill (what the run committed)."""
    with log.open("w") as out:
        run = subprocess.Popen(
            database.command(*args), cwd=ROOT, env=database.env(), stdout=out, stderr=out, start_new_session=True
        )
    try:
        deadline = time.monotonic() + BOUND_SECONDS
        while database.sql(written) < KILL_AFTER:
            assert run.poll() is None, f"the run ended before it was killed: {log.read_text()}"
            assert time.monotonic() < deadline, f"nothing written in {BOUND_SECONDS} s: {log.read_text()}"
            time.sleep(0.05)
        os.kill(run.pid, signal.SIGKILL)
        assert run.wait(timeout=BOUND_SECONDS) == -signal.SIGKILL
        deadline = time.monotonic() + BOUND_SECONDS
        while _living(run.pid):  # the workers notice that their parent is gone and leave
            assert time.monotonic() < deadline, f"workers still running {BOUND_SECONDS} s after the kill"
            time.sleep(0.1)
    finally:
        if _living(run.pid):
            os.killpg(run.pid, signal.SIGKILL)  # this run's own process group, and nothing else
    return database.sql(written)


def _living(group: int) -> list[int]:
    """The processes of a process group that have not exited (a zombie waiting to be reaped has)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone while we looked
        if int(fields[2]) == group and fields[0] != "Z":
            living.append(int(stat.parent.name))
    return living


@pytest.mark.django_db
def test_an_ingest_and_a_reparse_killed_midway_and_run_again_leave_every_notice_once_whole_and_searchable(
    run_db, folder, clean_ingest, tmp_path
):
    ingest = ["ingest", "--workers", "2", "--quiet-progress", str(folder)]
    written = killed_midway(run_db, ingest, "SELECT count(*) FROM documents_document", tmp_path / "ingest.log")
    assert KILL_AFTER <= written < TOTAL  # the kill fell midway
    again = run_db.manage(*ingest)
    assert f"added {TOTAL - written}, updated 0, unchanged {written}, failed 0" in again.stdout
    assert run_db.state() == clean_ingest

    # Every notice as an older parser might have left it (another title, no rows), and one title an editor
    # corrected, which the re-parse keeps.
    edited = str(folder / "pingdingshan-2015-0.txt")
    run_db.sql(
        "DELETE FROM documents_target",
        "DELETE FROM documents_deadline",
        "DELETE FROM documents_responsibility",
        "DELETE FROM documents_task",
        f"UPDATE documents_document SET title = '{STALE}'",
        f"""UPDATE documents_document SET title = '{EDITED}', checked_fields = '["title"]' WHERE source = '{edited}'""",
    )
    reparse = ["reparse", "--workers", "2", "--quiet-progress"]
    done = f"SELECT count(*) FROM documents_document WHERE title NOT IN ('{STALE}', '{EDITED}')"
    reparsed = killed_midway(run_db, reparse, done, tmp_path / "reparse.log")
    assert KILL_AFTER <= reparsed < TOTAL - 1
    assert f"updated {TOTAL}, unchanged 0, failed 0" in run_db.manage(*reparse).stdout
    expected = deepcopy(clean_ingest)
    for notice in expected:
        if notice["source"] == edited:
            notice["metadata"][0] = EDITED
    assert run_db.state() == expected
