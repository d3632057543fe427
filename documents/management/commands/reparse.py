"""python manage.py reparse [--region R] [--year Y] [--theme T] [--since DATE] [--ids 1,2] — parse stored
notices again from their raw text, keeping what editors corrected (as the admin's 重新解析 does)."""

import os
import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from documents import search
from documents.api_filters import ID_MAX, YEAR_MAX, YEAR_MIN
from documents.batches import FAILED, IngestReport
from documents.ingest import UPDATED, refresh_statistics
from documents.models import Document, Region, Theme
from documents.parallel import reparsed_notices
from documents.progress import Progress
from documents.run_memory import remembered_rows

MAX_IDS = 10_000
MAX_WORKERS = 64


class Command(BaseCommand):
    help = "重新解析已入库的政策文件（保留人工核对的内容）。Parse stored notices again from their raw text."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="a province, city or county: its code (330800) or name (衢州市)")
        parser.add_argument("--year", help=f"issued in this year ({YEAR_MIN}–{YEAR_MAX})")
        parser.add_argument("--theme", help="of this theme (its slug, e.g. industrial-cluster)")
        parser.add_argument("--since", help="ingested or changed on or after this day (YYYY-MM-DD)")
        parser.add_argument("--ids", help=f"these notices' ids, comma-separated (at most {MAX_IDS:,})")
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that parse (default: the cores); notices are written by this one",
        )

    @remembered_rows()  # a run's notices name the same places, themes and units again and again
    def handle(self, *args, **options):
        if not 1 <= options["workers"] <= MAX_WORKERS:
            raise CommandError(f"--workers 须在 1 到 {MAX_WORKERS} 之间 (must be 1 to {MAX_WORKERS})")
        notices = chosen(options)
        report = IngestReport(keep_lines=False)
        total = notices.count()
        if not total:
            self.stdout.write("没有符合条件的文件 (no notices match)")
        progress = Progress(total, self.stderr.write)
        gone = 0
        with search.indexed_in_batches(Document.objects.all()):  # entries written many notices at a time
            for item in reparsed_notices(notices, workers=options["workers"]):
                line = report.run(item.source, item.write)
                reset_queries()  # with DEBUG on, Django logs every statement (index texts too) until a request ends
                if line.status == FAILED:
                    self.stderr.write(str(line))
                elif not options["quiet_progress"]:
                    self.stdout.write(str(line))
                if line.dropped_targets:  # as the admin warns: nothing the parser found before goes silently
                    gone += len(line.dropped_targets)
                    self.stdout.write(
                        f"  #{line.document.pk} 不再解析出的目标 targets no longer found: "
                        + "；".join(line.dropped_targets)
                    )
                progress.step(item.size)
        if report.counts[UPDATED]:
            refresh_statistics()
        self.stdout.write(report.summary() + (f"; 不再解析出的目标 targets no longer found {gone}" if gone else ""))
        for line in report.failure_lines():
            self.stdout.write(line)
        if report.failures:
            raise CommandError(f"{len(report.failures)} 篇重新解析失败 (notices failed)", returncode=1)


def chosen(options: dict):
    """The notices the filters choose (all of them without one); a bad value is a CommandError saying why."""
    notices = Document.objects.all()
    if options["region"] is not None:
        notices = notices.for_region(_region(options["region"]))
    if options["year"] is not None:
        notices = notices.filter(issued_on__year=_number("--year", options["year"], YEAR_MIN, YEAR_MAX))
    if options["theme"] is not None:
        theme = Theme.objects.filter(slug=options["theme"][:50]).first()
        if theme is None:
            raise CommandError(f"--theme: 没有这个主题 (no such theme): {options['theme'][:50]}")
        notices = notices.for_theme(theme)
    if options["since"] is not None:
        notices = notices.filter(updated_at__date__gte=_day("--since", options["since"]))
    if options["ids"] is not None:
        notices = notices.filter(pk__in=_ids(options["ids"]))
    return notices


def _region(value: str) -> Region:
    value = value.strip()
    if re.fullmatch(r"\d{6}", value):
        region = Region.objects.filter(code=value).first()
    else:
        named = list(Region.objects.filter(name=value[:50])[:10])
        if len(named) > 1:
            codes = "、".join(f"{region.code} ({region.parent or '—'})" for region in named)
            raise CommandError(f"--region: 有多个“{value}” (several regions of that name): {codes}; give the code")
        region = named[0] if named else None
    if region is None:
        raise CommandError(f"--region: 没有这个地区 (no such region): {value[:50]} (a 6-digit code or a name, 衢州市)")
    return region


def _number(option: str, value: str, low: int, high: int) -> int:
    if not re.fullmatch(r"\d{1,19}", value.strip()) or not low <= int(value) <= high:
        raise CommandError(f"{option}: 须是 {low} 到 {high} 的整数 (a whole number from {low} to {high}): {value[:30]}")
    return int(value)


def _day(option: str, value: str) -> date:
    try:
        day = date.fromisoformat(value.strip()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) else None
    except ValueError:
        day = None
    if day is None or not YEAR_MIN <= day.year <= YEAR_MAX:
        raise CommandError(f"{option}: 须是 {YEAR_MIN}-01-01 到 {YEAR_MAX}-12-31 的日期 YYYY-MM-DD: {value[:30]}")
    return day


def _ids(value: str) -> list[int]:
    parts = [part.strip() for part in value.split(",", MAX_IDS) if part.strip()]
    if not parts or len(parts) > MAX_IDS:
        raise CommandError(f"--ids: 1 到 {MAX_IDS:,} 个以逗号分隔的编号 (1 to {MAX_IDS:,} comma-separated ids)")
    ids = [_number("--ids", part, 1, ID_MAX) for part in parts]
    missing = sorted(set(ids) - set(Document.objects.filter(pk__in=ids).values_list("pk", flat=True)))
    if missing:
        raise CommandError(f"--ids: 没有这些文件 (no such notices): {', '.join(map(str, missing[:20]))}")
    return ids
