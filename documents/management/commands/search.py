"""python manage.py search QUERY [--limit N] [--json] [--order relevance|date] — the site's search, here.

With --json: one JSON object per hit and line ({"id", "source", "title", "doc_number", "issued_on",
"score"}); without, a readable line per hit and the total. --limit 0 prints every hit.
"""
import json

from django.core.management.base import BaseCommand, CommandError

from documents.models import Document
from documents.search_query import query_problem


class Command(BaseCommand):
    help = "全文检索政策文件。Search the notices as the search page does."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help='words, "exact phrase", -exclusion, A OR B, 文号')
        parser.add_argument("--limit", type=int, default=20, help="hits printed (0: every hit)")
        parser.add_argument("--order", choices=["relevance", "date"], default="relevance")
        parser.add_argument("--json", action="store_true", help="one JSON object per hit (JSON Lines)")

    def handle(self, *args, **options):
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 (every hit) or more")
        problem = query_problem(" ".join(options["query"]))
        if problem:
            raise CommandError(problem)
        hits = Document.objects.search(" ".join(options["query"]), order=options["order"]).only(
            "id", "source", "title", "doc_number", "issued_on"
        )
        shown = hits if options["limit"] == 0 else hits[: options["limit"]]
        for hit in shown:
            record = {
                "id": hit.pk,
                "source": hit.source,
                "title": hit.title,
                "doc_number": hit.doc_number,
                "issued_on": hit.issued_on.isoformat() if hit.issued_on else None,
                "score": round(hit.search_rank, 4),
            }
            if options["json"]:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self.stdout.write(f"{record['score']:>9.3f}  {hit.issued_on or '—'}  {hit.title}  ({hit.source})")
        if not options["json"]:
            self.stdout.write(f"共 {hits.count()} 篇 hits")
