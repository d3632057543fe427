"""python manage.py ingest PATH... — ingest notice files and folders (recursively), with a summary."""
from django.core.management.base import BaseCommand, CommandError

from documents.ingest import ADDED, UNCHANGED, UPDATED, IngestError, ingest_file, iter_notice_paths


class Command(BaseCommand):
    help = "读取政策文件（文件或文件夹，递归），解析并入库。Ingest notice files or folders."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")

    def handle(self, *args, **options):
        paths = options["paths"]
        counts = {ADDED: 0, UPDATED: 0, UNCHANGED: 0}
        failures = []
        for number, path in enumerate(iter_notice_paths(paths), start=1):
            try:
                outcome = ingest_file(path)
            except IngestError as error:
                failures.append((path, str(error)))
                self.stderr.write(f"[{number}] 失败 failed     {path}: {error}")
                continue
            except Exception as error:  # one bad file never aborts the batch
                failures.append((path, f"{type(error).__name__}: {error}"))
                self.stderr.write(f"[{number}] 失败 failed     {path}: {type(error).__name__}: {error}")
                continue
            counts[outcome.status] += 1
            if not options["quiet_progress"]:
                note = f" (与 #{outcome.duplicate_of.pk} 重复 duplicate)" if outcome.duplicate_of else ""
                self.stdout.write(f"[{number}] {outcome.status:<9} {path} → #{outcome.document.pk} {outcome.document.title}{note}")
        self.stdout.write(
            f"汇总 summary: added {counts[ADDED]}, updated {counts[UPDATED]}, "
            f"unchanged {counts[UNCHANGED]}, failed {len(failures)}"
        )
        for path, reason in failures:
            self.stdout.write(f"  失败 failed: {path}: {reason}")
        if failures:
            raise CommandError(f"{len(failures)} 个文件失败 (files failed)", returncode=1)
