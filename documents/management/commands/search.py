"""python manage.py search QUERY [--limit N] [--json] [--order relevance|date] — the site's search, here.

With --json: one JSON object per hit and line ({"id", "source", "title", "doc_number", "issued_on",
"score"}); without, a readable line per hit and the total. --limit 0 prints every hit. A query typed
without spaces that is (almost) not found as written is read as its jieba words, as on the search page;
the note saying so goes to stderr, so that --json output stays one hit per line.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from documents import search
from documents.models import Document
from documents.search.query import query_problem


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
        query = " ".join(options["query"])
        problem = query_problem(query)
        if problem:
            raise CommandError(problem)
        unspaced = Document.objects.unspaced(query)
        if unspaced:
            runs, words = "".join(f"「{r}」" for r in unspaced.runs), "".join(f"「{w}」" for w in unspaced.words)
            found = (
                f"完全一致的只有 {unspaced.as_written} 篇（排在最前）" if unspaced.as_written else "未找到完全一致的"
            )
            self.stderr.write(f"{runs}{found}；以下是同时包含{words}的文件（加引号只查完全一致的）")
            first = query if unspaced.as_written else ""
            hits = Document.objects.search(unspaced.query, order=options["order"], first=first)
        else:
            hits = Document.objects.search(query, order=options["order"])
        hits = hits.only("id", "source", "title", "doc_number", "issued_on")
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
            count = hits.count()
            self.stdout.write(f"{'约' if search.count_is_estimate(hits) else '共'} {count} 篇 hits")
