"""python manage.py seed — ingest the sample notices in fixtures/notices when the database holds none."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from documents.ingest import ingest_file, iter_notice_paths
from documents.models import Document

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "notices"


class Command(BaseCommand):
    help = "数据库为空时导入示例政策文件。Ingest the sample notices into an empty database."

    def handle(self, *args, **options):
        if Document.objects.exists():
            self.stdout.write("数据库已有文件，跳过示例导入 (database not empty: samples not loaded)")
            return
        for path in iter_notice_paths([SAMPLES]):
            outcome = ingest_file(path, source=f"fixtures/notices/{path.name}")
            self.stdout.write(f"{outcome.status:<9} {path.name} → {outcome.document.title}")
