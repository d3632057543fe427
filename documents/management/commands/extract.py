"""python manage.py extract FILE... [--json] — parse notice files and print what was found; no database.

With --json: one JSON object per file, one per line (docs/extraction.md). A file that cannot be read
or parsed gets {"source": ..., "error": ...}; the command carries on and exits non-zero at the end.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.ingest import IngestError, read_notice_file
from documents.parsing import parse_notice
from documents.parsing.types import ParsedNotice


class Command(BaseCommand):
    help = "解析政策文件并输出结果（不写数据库）。Parse notice files and print the result; touches no database."
    requires_system_checks = []  # must run with no database configured or reachable

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="notice files: UTF-8 or GBK text, or HTML")
        parser.add_argument("--json", action="store_true", help="one JSON object per file (JSON Lines)")

    def handle(self, *args, **options):
        failures = 0
        for source in options["files"]:
            try:
                parsed = parse_notice(read_notice_file(Path(source)))
            except IngestError as error:
                failures += 1
                self._report_error(source, str(error), options["json"])
                continue
            except Exception as error:  # a parser bug on one file must not hide the others' results
                failures += 1
                self._report_error(source, f"解析失败 (parse failed): {type(error).__name__}: {error}", options["json"])
                continue
            if options["json"]:
                self.stdout.write(json.dumps(parsed.as_json(source=source), ensure_ascii=False))
            else:
                self.stdout.write(summary(parsed, source))
        if failures:
            raise CommandError(f"{failures} 个文件失败 (files failed)", returncode=1)

    def _report_error(self, source: str, reason: str, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps({"source": source, "error": reason}, ensure_ascii=False))
        else:
            self.stderr.write(f"{source}: 失败 failed: {reason}")


def summary(parsed: ParsedNotice, source: str) -> str:
    """A few readable lines per notice, for a person at a terminal."""
    meta = parsed.metadata
    place = " ".join(p for p in (meta.province, meta.city, meta.county) if p) or "—"
    lines = [
        f"== {source}",
        f"  标题 title:      {meta.title or '—'}",
        f"  通知 notice:     {meta.notice_title or '—'}",
        f"  文号 doc number: {meta.doc_number or '—'}",
        f"  发文 issuer:     {meta.issuer or '—'}",
        f"  地区 place:      {place}",
        f"  日期 issued:     {meta.issue_date or '—'}",
        f"  主题 themes:     {'、'.join(parsed.themes) or '—'}",
        f"  目标 targets: {len(parsed.targets)}  任务 tasks: {len(parsed.tasks)}  "
        f"单位 units: {len(parsed.units)}  时限 deadlines: {len(parsed.deadlines)}",
    ]
    for target in parsed.targets[:5]:
        lines.append(
            f"    · {target.metric}: {target.value:g} {target.unit}" + (f" ({target.year})" if target.year else "")
        )
    return "\n".join(lines)
