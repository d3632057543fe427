"""python manage.py ingest PATH... — ingest notice files and folders (recursively), with a summary."""

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from documents.batches import FAILED, IngestReport
from documents.ingest import ADDED, UPDATED, ingest_file, iter_notice_paths, refresh_statistics


class Command(BaseCommand):
    help = "读取政策文件（文件或文件夹，递归），解析并入库。Ingest notice files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")

    def handle(self, *args, **options):
        report = IngestReport(keep_lines=False)

        def skipped(path, reason):
            self.stdout.write(str(report.skip(str(path), reason)))

        for path in iter_notice_paths(options["paths"], on_skip=skipped):
            line = report.run(str(path), lambda path=path: ingest_file(path))
            reset_queries()  # with DEBUG on, Django logs every statement, index texts included, until a request ends
            if line.status == FAILED:
                self.stderr.write(str(line))
            elif not options["quiet_progress"]:
                self.stdout.write(str(line))
        if report.counts[ADDED] or report.counts[UPDATED]:
            refresh_statistics()
        self.stdout.write(report.summary())
        for line in report.failure_lines():
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"{len(report.failures)} 个文件失败 (files failed)", returncode=1)
