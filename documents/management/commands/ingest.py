"""python manage.py ingest PATH... — ingest notice files and folders (recursively), with a summary."""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import reset_queries

from documents.batches import FAILED, IngestReport
from documents.ingest import ADDED, UPDATED, iter_notice_paths, refresh_statistics
from documents.parallel import parsed_files
from documents.progress import Progress


class Command(BaseCommand):
    help = "读取政策文件（文件或文件夹，递归），解析并入库。Ingest notice files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")
        parser.add_argument("--source-url", default="", help="the notice's web address (one file only)")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that read and parse files (default: the cores); notices are written by this one",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1:
            raise CommandError("--workers must be 1 or more")
        report = IngestReport(keep_lines=False)
        source_url = options["source_url"]
        if source_url:
            _check_address(source_url, options["paths"])

        def skipped(path, reason):
            self.stdout.write(str(report.skip(str(path), reason)))

        paths = list(iter_notice_paths(options["paths"], on_skip=skipped))
        progress = Progress(len(paths), self.stderr.write)
        for item in parsed_files(paths, workers=options["workers"]):
            line = report.run(str(item.path), lambda item=item: item.write(source_url=source_url))
            reset_queries()  # with DEBUG on, Django logs every statement, index texts included, until a request ends
            if line.status == FAILED:
                self.stderr.write(str(line))
            elif not options["quiet_progress"]:
                self.stdout.write(str(line))
            progress.step(os.path.getsize(item.path) if item.path.is_file() else 0)
        if report.counts[ADDED] or report.counts[UPDATED]:
            refresh_statistics()
        self.stdout.write(report.summary())
        for line in report.failure_lines():
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"{len(report.failures)} 个文件失败 (files failed)", returncode=1)


def _check_address(address: str, paths: list[str]) -> None:
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise CommandError(f"--source-url 不是网址 (not an http(s) URL): {address[:100]}") from None
    if len(address) > 500:
        raise CommandError("--source-url 超过 500 字符 (too long)")
    if len(paths) != 1 or not Path(paths[0]).is_file():
        raise CommandError("--source-url 只能用于单个文件 (one file only)")
