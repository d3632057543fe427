"""Search at scale: index build time and size, query latency beside a LIKE scan and the bare index query,
and recall / hit ratio against LIKE, on SQLite and PostgreSQL.

Collections of N notices are built by recombining real paragraphs (../shared/corpus when present, and
fixtures/notices): each notice takes a real title line and as many random paragraphs as a real notice
has. Each (database, size) runs in its own process on its own database: SQLite under benchmarks/out/,
PostgreSQL in a database policykb_search_bench, or --pg-name (dropped afterwards unless --keep).

For each query of a fixed set: `Document.objects.search(q)` giving the first page of 20 and the total
count, a LIKE scan giving the same page (newest first) and count, and the bare index query (FTS5's bm25
top 20; PostgreSQL's GIN conditions, newest 20; each with its count) run on a plain sqlite3 / psycopg2
connection, without Django.

    make bench-search                                          # 1k and 10k, both databases
    .venv/bin/python benchmarks/search_bench.py --sizes 1000 --databases sqlite
    .venv/bin/python benchmarks/search_bench.py --sizes 100000 --repeats 3 --recall-terms 120 --keep
    .venv/bin/python benchmarks/search_bench.py --sizes 100000 --reuse     # measure again on the kept data
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
CORPUS = [ROOT.parent.parent / "shared" / "corpus", Path("/work/shared/corpus"), ROOT / "fixtures" / "notices"]
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PG_NAME = os.environ.get("BENCH_POSTGRES_NAME", "policykb_search_bench")
QUERIES = [
    "产业",
    "发展",
    "企业 创新",
    "产业发展",
    "集聚区",
    "产业集聚区",
    "平顶山",
    "亩均税收",
    "专精特新",
    "战略性新兴产业",
    "生态工业",
    "5%",
    "1000亿元",
    "2025年",
    "数字经济 -工业",
    "智能制造 OR 工业互联网",
    '"高质量发展"',
    "营商环境 优化",
    "碳达峰",
    "市",
]


def paragraphs_and_titles(seed: int) -> tuple[list[str], list[str], list[int]]:
    """Every non-empty line of the real notices, their first lines (titles), and their lengths in characters."""
    paragraphs, titles, lengths, seen = [], [], [], set()
    for folder in CORPUS:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if path.name in seen:
                continue
            seen.add(path.name)
            lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
            lines = [line for line in lines if line]
            if lines:
                titles.append(lines[0][:300])
                paragraphs.extend(lines[1:])
                lengths.append(sum(map(len, lines)))
    return paragraphs, titles, lengths


def notices(count: int, seed: int = 6):
    """(title, text) of `count` recombined notices, the same for the same seed."""
    paragraphs, titles, lengths = paragraphs_and_titles(seed)
    rng = random.Random(seed)
    for _ in range(count):
        title, body, target = rng.choice(titles), [], rng.choice(lengths) * 0.75  # ≈17 KB, as the 1.7 GB
        while target > 0:
            body.append(rng.choice(paragraphs))
            target -= len(body[-1])
        yield title, title + "\n" + "\n".join(body)


def recall_terms(count: int, seed: int = 7) -> list[str]:
    """Real query terms from the corpus: 2–8 character substrings of Chinese runs, numbers, place names."""
    paragraphs, _, _ = paragraphs_and_titles(seed)
    rng = random.Random(seed)
    text = "\n".join(paragraphs)
    numbers = sorted(set(re.findall(r"\d+(?:\.\d+)?(?:%|亿元|万元|万吨|个|家)", text)))
    places = sorted(set(re.findall(r"[\u4e00-\u9fff]{2,3}(?:市|县)(?=[\u4e00-\u9fff])", text)))
    terms = set(rng.sample(numbers, min(len(numbers), count // 5)))
    terms |= set(rng.sample(places, min(len(places), count // 5)))
    while len(terms) < count:
        runs = re.findall(r"[\u4e00-\u9fff]{2,}", rng.choice(paragraphs))
        if runs:
            run = rng.choice(runs)
            size = rng.randint(2, min(8, len(run)))
            start = rng.randint(0, len(run) - size)
            terms.add(run[start : start + size])
    return sorted(terms)


# ---- the worker: one database, one size ---------------------------------------------------------------


def build(size: int) -> dict:
    import hashlib
    from datetime import date, timedelta

    from django.db import connection

    from documents import search
    from documents.models import Document

    started = time.perf_counter()
    rng, batch = random.Random(size), []
    for number, (title, text) in enumerate(notices(size)):
        batch.append(
            Document(
                title=title,
                source=f"bench/{number}",
                raw_text=text,
                clean_text=text,
                content_hash=hashlib.sha256(f"{number}".encode()).hexdigest(),
                issued_on=date(2005, 1, 1) + timedelta(days=rng.randrange(7000)),
            )
        )
        if len(batch) == 500:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    loaded = time.perf_counter() - started
    size_before = database_bytes(connection)
    started = time.perf_counter()
    search.rebuild_index(Document.objects.all(), batch_size=500)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE documents_searchentry")
            cursor.execute("VACUUM ANALYZE documents_document")
    indexed = time.perf_counter() - started
    with connection.cursor() as cursor:  # the text indexed, in UTF-8: what the index's size is measured against
        cursor.execute(
            "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(clean_text AS BLOB))) FROM documents_document"
            if connection.vendor == "sqlite"
            else "SELECT sum(octet_length(title) + octet_length(clean_text)) FROM documents_document"
        )
        text_bytes = int(cursor.fetchone()[0] or 0)
    return {
        "load_s": loaded,
        "index_s": indexed,
        "indexed_text_mb": text_bytes / 1e6,
        "text_mb": size_before / 1e6,
        "index_mb": (database_bytes(connection) - size_before) / 1e6,
    }


def database_bytes(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return cursor.fetchone()[0]


def like_filter(query: str):
    """The Q a LIKE scan uses for a query: what the words must contain, written as substring tests."""
    from django.db.models import Q

    from documents.search import parse_query

    parsed = parse_query(query)
    condition = Q()
    for term in parsed.required:
        condition &= Q(clean_text__contains=term.replace(" ", ""))
    for group in parsed.any_of:
        either = Q()
        for term in group:
            either |= Q(clean_text__contains=term)
        condition &= either
    for term in parsed.excluded:
        condition &= ~Q(clean_text__contains=term)
    return condition


def timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def bare_query(connection, query: str):
    """The index query on a raw DB-API connection: SQLite's top 20 by bm25 and its count; PostgreSQL's
    index conditions (no recheck, no rank: it has no ranking of its own), the newest 20 and the count."""
    from documents.search import parse_query
    from documents.search.pieces import characters_expression, fts5_expression
    from documents.search.postgresql import positive

    parsed = parse_query(query)
    raw = connection.connection  # the driver's own connection: no Django in the loop
    cursor = raw.cursor()
    if connection.vendor == "sqlite":
        # A query of one-character words only reads the characters table (no positions, so no bm25 there).
        table, expression = "documents_search", fts5_expression(parsed)
        if not expression:
            table, expression = "documents_search_chars", characters_expression(parsed)
        cursor.execute(
            f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT 20",
            [expression],
        )
        cursor.fetchall()
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [expression])
        cursor.fetchall()
    else:
        condition, params = positive(parsed)
        cursor.execute("SET enable_seqscan = off")  # as the backend runs its queries (no_seqscan)
        cursor.execute(
            "SELECT d.id FROM documents_searchentry, documents_document d WHERE d.id = document_id AND "
            f"{condition} ORDER BY d.issued_on DESC NULLS LAST, d.id DESC LIMIT 20",
            params,
        )
        cursor.fetchall()
        cursor.execute(f"SELECT count(*) FROM documents_searchentry WHERE {condition}", params)
        cursor.fetchall()
        cursor.execute("RESET enable_seqscan")


def latency(repeats: int, like_repeats: int) -> dict:
    from django.db import connection

    from documents.models import Document

    connection.ensure_connection()
    results = {"search": [], "like": [], "bare": [], "per_query": {}}
    for query in QUERIES:
        hits = Document.objects.search(query)
        likes = Document.objects.filter(like_filter(query)).order_by("-issued_on", "-id")
        search_ms = timed(lambda hits=hits: (list(hits.all()[:20]), hits.all().count()), repeats)
        like_ms = timed(lambda likes=likes: (list(likes.all()[:20]), likes.all().count()), like_repeats)
        bare_ms = timed(lambda query=query: bare_query(connection, query), repeats)
        results["search"] += search_ms
        results["like"] += like_ms
        results["bare"] += bare_ms
        results["per_query"][query] = {
            "hits": hits.count(),
            "like_hits": likes.count(),
            "search_ms": statistics.median(search_ms),
            "like_ms": statistics.median(like_ms),
            "bare_ms": statistics.median(bare_ms),
        }
    return results


def recall(count: int) -> dict:
    from documents.models import Document

    found = expected = hits = 0
    worst = []
    for term in recall_terms(count):
        like = set(Document.objects.filter(clean_text__contains=term).values_list("pk", flat=True))
        got = set(Document.objects.search(f'"{term}"').values_list("pk", flat=True))
        found, expected, hits = found + len(like & got), expected + len(like), hits + len(got)
        if like and (len(like & got) < len(like) or len(got) > 1.2 * len(like)):
            worst.append((term, len(like), len(got), len(like & got)))
    return {
        "terms": count,
        "recall": found / expected if expected else 1.0,
        "hit_ratio": hits / expected if expected else 1.0,
        "off_terms": worst[:10],
    }


def worker(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from documents.models import Document

    call_command("migrate", verbosity=0)
    built = OUT / f"search-{args.worker}-{args.size}-build.json"
    if args.reuse and built.exists() and Document.objects.count() == args.size:
        figures = json.loads(built.read_text())  # the collection and its index as a kept run left them
    else:
        figures = {"database": args.worker, "size": args.size, **build(args.size)}
        built.write_text(json.dumps(figures))
    figures.update(latency(args.repeats, args.like_repeats))
    if args.recall_terms:
        figures["recall"] = recall(args.recall_terms)
    print("RESULT " + json.dumps(figures, ensure_ascii=False))


# ---- the driver ---------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(database: str, size: int, args) -> dict:
    # DEBUG off: Django would otherwise keep the last 9,000 statements, index texts and all, in memory.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "policykb.settings",
        "CONN_MAX_AGE": "0",
        "DEBUG": "0",
        "SECRET_KEY": "search-bench-only",
        "SECURE_SSL_REDIRECT": "0",
    }
    if database == "sqlite":
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"search-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm") if not args.reuse else ():
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    elif (
        args.reuse
        and PG_NAME
        in subprocess.run(
            ["psql", PG_SERVER + "/postgres", "-Atc", "SELECT datname FROM pg_database"], capture_output=True, text=True
        ).stdout.split()
    ):
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    else:
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {PG_NAME}"], check=True)
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"CREATE DATABASE {PG_NAME}"], check=True)
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    command = [
        sys.executable,
        __file__,
        "--worker",
        database,
        "--size",
        str(size),
        "--repeats",
        str(args.repeats),
        "--like-repeats",
        str(args.like_repeats),
        "--recall-terms",
        str(args.recall_terms),
    ]
    command += ["--reuse"] if args.reuse else []
    try:
        output = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    finally:
        if database == "postgresql" and not (args.keep or args.reuse):
            subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {PG_NAME}"])
    return json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])


def report(figures: dict) -> None:
    p50 = {kind: statistics.median(figures[kind]) for kind in ("search", "like", "bare")}
    p95 = {kind: percentile(figures[kind], 0.95) for kind in ("search", "like", "bare")}
    text = figures.get("indexed_text_mb") or figures["text_mb"]
    print(
        f"== {figures['database']} · {figures['size']:,} notices · text {text:.0f} MB "
        f"(titles and texts; the database before indexing: {figures['text_mb']:.0f} MB)"
    )
    print(
        f"   index build {figures['index_s']:.1f} s ({text / figures['index_s']:.2f} MB/s), "
        f"index size {figures['index_mb']:.0f} MB = {figures['index_mb'] / text:.2f}× the text "
        f"(load {figures['load_s']:.1f} s)"
    )
    for kind, label in (("search", "search (page+count)"), ("like", "LIKE scan"), ("bare", "bare ranked index")):
        print(f"   {label:<22} p50 {p50[kind]:8.1f} ms   p95 {p95[kind]:8.1f} ms")
    print(
        f"   LIKE / search p95 ×{p95['like'] / p95['search']:.1f}    "
        f"search / bare p95 ×{p95['search'] / p95['bare']:.2f}"
    )
    for query, row in figures["per_query"].items():
        print(
            f"     {query:<18} hits {row['hits']:>7} (LIKE {row['like_hits']:>7})  search {row['search_ms']:7.1f}"
            f"  LIKE {row['like_ms']:8.1f}  bare {row['bare_ms']:8.1f} ms"
        )
    if "recall" in figures:
        found = figures["recall"]
        print(
            f"   recall vs LIKE over {found['terms']} terms: {found['recall']:.4f}, "
            f"hits / LIKE hits {found['hit_ratio']:.3f}; off terms {found['off_terms']}"
        )


def main() -> None:
    global PG_NAME
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated collection sizes")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each search and bare query")
    parser.add_argument("--like-repeats", type=int, default=2, help="timed runs of each LIKE scan")
    parser.add_argument("--recall-terms", type=int, default=120, help="terms for recall vs LIKE (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure on the collection a --keep run left (SQLite's file is always kept)",
    )
    parser.add_argument("--pg-name", help=f"the PostgreSQL bench database (default {PG_NAME})")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(ROOT))
        worker(args)
        return
    PG_NAME = args.pg_name or PG_NAME
    OUT.mkdir(parents=True, exist_ok=True)
    for size in map(int, args.sizes.split(",")):
        for database in args.databases.split(","):
            figures = run(database, size, args)
            report(figures)
            (OUT / f"search-{database}-{size}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
