"""python manage.py ingest PATH... — ingest notice files and folders (recursively), with a summary.

Locally (files parsed in --workers processes, written here) or with --queue by Celery workers on any machines
sharing the database (documents/tasks.py); the report, the summary and the exit status are the same.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import reset_queries

from documents import search
from documents.batches import FAILED, IngestReport
from documents.ingest import ADDED, UPDATED, IngestOutcome, iter_notice_paths, refresh_statistics
from documents.models import Document
from documents.parallel import parsed_files
from documents.progress import Progress
from documents.run_memory import remembered_rows


class Command(BaseCommand):
    help = "读取政策文件（文件或文件夹，递归），解析并入库。Ingest notice files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")
        parser.add_argument("--source-url", default="", help="the notice's web address (one file only)")
        parser.add_argument(
            "--workers",
            type=int,
            help="processes that read and parse files (default: the cores); notices are written by this one",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand each file to Celery workers (celery -A policykb worker, on any machine) and collect the report",
        )

    @remembered_rows()  # a run's notices name the same places, themes and units again and again
    def handle(self, *args, **options):
        workers = options["workers"]
        if workers is not None and workers < 1:
            raise CommandError("--workers must be 1 or more")
        if options["queue"] and workers is not None:
            raise CommandError("--workers 只用于本机 (local only): with --queue the Celery workers read the files")
        report = IngestReport(keep_lines=False)
        source_url = options["source_url"]
        if source_url:
            _check_address(source_url, options["paths"])
        queue = _reachable_queue() if options["queue"] else None

        def skipped(path, reason):
            self.stdout.write(str(report.skip(str(path), reason)))

        paths = list(iter_notice_paths(options["paths"], on_skip=skipped))
        progress = Progress(len(paths), self.stderr.write)
        if queue:
            outcomes = queue.queued_outcomes(paths, source_url=source_url, on_wait=self.stderr.write)
        else:
            outcomes = _parsed(paths, workers=workers or os.cpu_count() or 1, source_url=source_url)
        with search.indexed_in_batches(Document.objects.all()):  # entries written many notices at a time
            for path, ingest in outcomes:
                line = report.run(str(path), ingest)
                reset_queries()  # with DEBUG on, Django logs every statement (index texts too) until a request ends
                if line.status == FAILED:
                    self.stderr.write(str(line))
                elif not options["quiet_progress"]:
                    self.stdout.write(str(line))
                progress.step(os.path.getsize(path) if path.is_file() else 0)
        if report.counts[ADDED] or report.counts[UPDATED]:
            refresh_statistics()
        self.stdout.write(report.summary())
        for line in report.failure_lines():
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"{len(report.failures)} 个文件失败 (files failed)", returncode=1)


def _parsed(paths: list[Path], *, workers: int, source_url: str) -> Iterator[tuple[Path, Callable[[], IngestOutcome]]]:
    for item in parsed_files(paths, workers=workers):
        yield item.path, lambda item=item: item.write(source_url=source_url)


def _reachable_queue():
    """documents.tasks, once the broker answers. Imported here, not above: Celery is optional
    (requirements-queue.txt), and a machine without it runs every other command and page."""
    try:
        from documents import tasks
    except ImportError as error:
        if (error.name or "").split(".")[0] not in {"celery", "kombu", "redis", "billiard", "vine", "amqp"}:
            raise
        raise CommandError(
            f"--queue 需要 Celery (needs Celery: pip install -r requirements-queue.txt): {error}"
        ) from None
    try:
        tasks.check_queue()
    except tasks.QueueUnavailable as error:
        raise CommandError(str(error)) from None
    return tasks


def _check_address(address: str, paths: list[str]) -> None:
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise CommandError(f"--source-url 不是网址 (not an http(s) URL): {address[:100]}") from None
    if len(address) > 500:
        raise CommandError("--source-url 超过 500 字符 (too long)")
    if len(paths) != 1 or not Path(paths[0]).is_file():
        raise CommandError("--source-url 只能用于单个文件 (one file only)")
