"""Ingest by Celery (documents/tasks.py, `ingest --queue`): a real worker on the real Redis stores what a local
ingest stores, and says so in the same report.

The worker is a subprocess on a queue (and Redis key prefix) of this run's own, so that other runs and other
workers on the same Redis take none of its files. It cannot see the test database (in memory on SQLite, inside
a transaction on PostgreSQL), so the queued run writes to a database of its own, migrated for it.
Without Celery or Redis these tests are skipped with the reason; in CI that is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from documents.batches import FAILED
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Target, Task
from tests.conftest import IN_CI, NOTICES, ROOT

BROKER = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
COMMAND_SECONDS = 300  # a run that outlives this has lost its worker: fail rather than hang the suite


def _skip_or_fail(problem: str) -> None:
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)


@pytest.fixture(scope="module")
def celery_installed() -> None:
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as error:
        _skip_or_fail(f"Celery not installed ({error}): pip install -r requirements-queue.txt to run the queue tests")


@pytest.fixture(scope="module")
def broker(celery_installed) -> str:
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        _skip_or_fail(f"Redis not reachable at {BROKER} ({error}): start redis-server to run the queue tests")
    return BROKER


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The sample notices, one of them twice under another name, a file that is not text, and a manifest."""
    folder = tmp_path_factory.mktemp("notices")
    for path in sorted(NOTICES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(NOTICES / "lishui-2020.txt", folder / "lishui-2020-copy.txt")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "MANIFEST.tsv").write_text("name\ttitle\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    """A migrated database a worker subprocess reaches: a file on SQLite, a database of its own on PostgreSQL."""
    config = settings.DATABASES["default"]
    if config["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path_factory.mktemp('queued') / 'db.sqlite3'}"
        return
    import psycopg2

    name = f"policykb_queue_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(
        dbname="postgres",
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def queue_env(broker, database_url) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "POLICYKB_QUEUE": f"policykb-test-{uuid.uuid4().hex[:12]}",
        "DJANGO_SETTINGS_MODULE": "policykb.settings",
    }
    env.pop("CELERY_RESULT_BACKEND", None)
    _run(["manage.py", "migrate", "-v", "0"], env, check=True)
    return env


@pytest.fixture(scope="module")
def worker(queue_env, tmp_path_factory):
    """`celery -A policykb worker` in one process, on this run's queue; stopped and its Redis keys removed after."""
    import redis

    queue = queue_env["POLICYKB_QUEUE"]
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "policykb", "worker", "--pool=solo", "-c", "1"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "-l", "info"],
            cwd=ROOT,
            env=queue_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    yield lambda: log_path.read_text(encoding="utf-8", errors="replace") + f"\n(worker exit: {process.poll()})"
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    client = redis.Redis.from_url(queue_env["CELERY_BROKER_URL"])
    for key in client.scan_iter(f"{queue}:*"):
        client.delete(key)


def _run(args: list[str], env: dict, *, check: bool = False) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_SECONDS
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


# Each related row by its natural key (Region code, Task path, unit name): two databases number rows apart.
NATURAL_KEYS = {Region: "code", Task: "path", ResponsibleUnit: "normalized_name"}


def _fields(model) -> list[str]:
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in {"created_at", "updated_at"} or field.related_model is Document:
            continue
        fields.append(f"{field.name}__{NATURAL_KEYS[field.related_model]}" if field.is_relation else field.name)
    return fields


def _rows(queryset) -> list[dict]:
    rows = [json.loads(json.dumps(row, default=str)) for row in queryset.values(*_fields(queryset.model))]
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))


def stored_documents() -> list[dict]:
    """Every document, every row parsed from it, the units and what a search finds, as JSON (no ids)."""
    documents = [
        {
            "document": _rows(Document.objects.filter(pk=document.pk))[0],
            "themes": sorted(document.themes.values_list("slug", flat=True)),
            "targets": _rows(Target.objects.filter(document=document)),
            "tasks": _rows(Task.objects.filter(document=document)),
            "responsibilities": _rows(Responsibility.objects.filter(document=document)),
            "deadlines": _rows(Deadline.objects.filter(document=document)),
        }
        for document in Document.objects.order_by("content_hash")
    ]
    found = sorted(document.content_hash for document in Document.objects.search("产业集聚区 亩均税收"))
    return [*documents, {"units": _rows(ResponsibleUnit.objects.all()), "search": found}]


def _stored_in(env: dict) -> list[dict]:
    code = "import django, json; django.setup(); from tests.test_tasks import stored_documents; "
    code += "print(json.dumps(stored_documents()))"
    return json.loads(_run(["-c", code], env, check=True).stdout)


def _report(text: str) -> list[str]:
    """The report's lines without the progress lines (their rate differs) and with ids as #N (likewise)."""
    return [re.sub(r"#\d+", "#N", line) for line in text.splitlines() if not line.startswith("进度")]


@pytest.mark.django_db
def test_a_queued_ingest_stores_and_reports_what_a_local_ingest_does(folder, queue_env, worker, capsys):
    with pytest.raises(CommandError, match="1 个文件失败"):
        call_command("ingest", str(folder), workers=1)
    local = capsys.readouterr()
    expected = stored_documents()
    assert len(expected) == 6 and sum(len(document["targets"]) for document in expected[:5]) > 0

    queued = _run(["manage.py", "ingest", "--queue", str(folder)], queue_env)
    assert queued.returncode == 1, queued.stdout + queued.stderr + worker()
    assert _report(queued.stdout) == _report(local.out)
    assert _report(queued.stderr) == _report(local.err) + ["CommandError: 1 个文件失败 (files failed)"]
    assert "进度 7/7" in queued.stderr
    assert _stored_in(queue_env) == expected

    again = _run(["manage.py", "ingest", "--queue", "--quiet-progress", str(folder)], queue_env)
    assert "added 0, updated 0, unchanged 6, failed 1" in again.stdout, again.stdout + again.stderr + worker()
    assert _stored_in(queue_env) == expected  # acks late, runs again: nothing stored twice


@pytest.mark.django_db
def test_the_task_runs_one_file_as_ingest_does_and_returns_json(celery_installed, folder):
    from documents.tasks import ingest_path, outcome_from_fields

    first = ingest_path(str(folder / "quzhou-2010.txt"))
    again = ingest_path(str(folder / "quzhou-2010.txt"))
    failed = ingest_path(str(folder / "binary.txt"))
    assert json.loads(json.dumps([first, again, failed])) == [first, again, failed]
    document = Document.objects.get()
    assert (first["status"], first["document"], first["title"]) == ("added", document.pk, document.title)
    assert (again["status"], again["document"], again["duplicate_of"]) == ("unchanged", document.pk, None)
    assert (failed["status"], failed["document"]) == (FAILED, None)
    assert failed["reason"] == "二进制文件，不是文本或网页 (binary file: not text or HTML)"
    assert outcome_from_fields(first).document.title == document.title
    assert document.source == str(folder / "quzhou-2010.txt")


def test_a_task_that_ended_in_an_exception_is_a_failed_line(celery_installed):
    from celery.exceptions import TimeLimitExceeded
    from celery.result import EagerResult

    from documents.tasks import _fields

    result = EagerResult("task-id", TimeLimitExceeded(630), "FAILURE")
    fields = _fields(result, on_wait=print)
    assert (fields["status"], fields["reason"]) == (FAILED, "任务中断 (task ended): TimeLimitExceeded(630,)")


def test_an_unreachable_broker_is_a_clear_error_before_any_file(celery_installed, folder):
    env = {**os.environ, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0", "DJANGO_SETTINGS_MODULE": "policykb.settings"}
    env.pop("CELERY_RESULT_BACKEND", None)
    result = _run(["manage.py", "ingest", "--queue", str(folder)], env)
    assert result.returncode == 1
    assert re.match(r"CommandError: 无法连接队列 \(cannot reach the queue\) redis://\S*127.0.0.1:1/0", result.stderr)
    assert result.stdout == ""  # not even the skipped manifest: nothing was listed or sent


def test_without_celery_the_rest_runs_and_queue_says_what_to_install(folder):
    code = (
        "import sys; sys.modules['celery'] = None; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check']); "
        "execute_from_command_line(['manage.py', 'ingest', '--queue', sys.argv[1]])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "policykb.settings"}
    result = _run(["-c", code, str(folder)], env)
    assert result.returncode == 1 and "System check identified no issues" in result.stdout
    assert "--queue 需要 Celery (needs Celery: pip install -r requirements-queue.txt)" in result.stderr


def test_workers_are_for_a_local_ingest_only(folder):
    with pytest.raises(CommandError, match="--workers 只用于本机"):
        call_command("ingest", str(folder), queue=True, workers=2)
