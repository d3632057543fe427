"""python manage.py reindex — rebuild the full-text index of every notice, with progress.

`--missing` indexes only the notices without an entry: after a migration that changed the index's form and
dropped the old entries (migrations run no index code of ours), and cheap when nothing is missing, so that
`make run` can run it every time.
"""

import time

from django.core.management.base import BaseCommand

from documents import search
from documents.models import Document


class Command(BaseCommand):
    help = "重建全文检索索引。Rebuild the full-text search index of every notice."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200, help="notices written per transaction")
        parser.add_argument(
            "--missing", action="store_true", help="index only the notices without an entry (after an upgrade)"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"已索引 indexed {done}/{total} ({time.perf_counter() - started:.1f} s)")

        def finishing() -> None:
            self.stdout.write("正在建立数据库索引 building the database's own index (PostgreSQL: the GIN index) …")

        if options["missing"]:
            rebuild, notices = search.index_documents, Document.objects.unindexed()
            if not notices.exists():
                self.stdout.write("索引完整 the index holds every notice: nothing to do")
                return
        else:
            rebuild, notices = search.rebuild_index, Document.objects.all()
        total = rebuild(notices, batch_size=options["batch_size"], progress=progress, finishing=finishing)
        self.stdout.write(f"完成 done: {total} 篇 notices indexed in {time.perf_counter() - started:.1f} s")
