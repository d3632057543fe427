"""Where one notice's ingest spends its time: read, clean, parse (stage by stage), write (row by row) and index.

Runs the real `manage.py ingest` command in this process over a folder of recombined notices (built as
benchmarks/ingest_bench.py builds them) into a fresh SQLite database (or DATABASE_URL's, emptied first), with
timers around the calls each stage makes, and prints the CPU time of each stage (inclusive, its share of the
run, per notice), the SQL statements per notice and the time inside the database driver.

    .venv/bin/python benchmarks/ingest_profile.py --notices 300 --workers 1
    .venv/bin/python benchmarks/ingest_profile.py --notices 300 --workers 2     # the writer process alone
    .venv/bin/python benchmarks/ingest_profile.py --notices 300 --cprofile 25   # also cProfile's top 25

CPU time (time.process_time) rather than the clock, so that other work on the machine moves the figures
little; with --workers 2 the parse runs in the workers and only the writer (this process) is timed.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# (label, module, attribute, parent label): each timer wraps the name where its caller looks it up.
STAGES = [
    ("read", "documents.parallel", "read_notice_file", None),
    ("content hash (in the parse process)", "documents.parallel", "content_hash", None),
    ("parse", "documents.parallel", "parse_notice", None),
    ("clean", "documents.parsing", "clean_text", "parse"),
    ("metadata (+gazetteer)", "documents.parsing", "extract_metadata", "parse"),
    ("source address", "documents.parsing", "original_address", "parse"),
    ("outline", "documents.parsing", "parse_outline", "parse"),
    ("tasks (+units, deadlines of tasks)", "documents.parsing", "extract_tasks", "parse"),
    ("themes", "documents.parsing", "detect_themes", "parse"),
    ("targets (+figures, years, tables)", "documents.parsing", "extract_targets", "parse"),
    ("metrics (tidy_targets)", "documents.parsing", "tidy_targets", "parse"),
    ("units of the notice", "documents.parsing", "collect_units", "parse"),
    ("deadlines of the notice", "documents.parsing", "collect_deadlines", "parse"),
    ("write (ingest_notice)", "documents.parallel", "ingest_notice", None),
    ("content hash", "documents.ingest", "content_hash", "write (ingest_notice)"),
    ("transaction (_write, with commit)", "documents.ingest", "_write", "write (ingest_notice)"),
    ("regions", "documents.ingest", "resolve_regions", "transaction (_write, with commit)"),
    ("Document.save", "documents.models", "Document.save", "transaction (_write, with commit)"),
    ("rows (replace_parsed_rows)", "documents.ingest", "replace_parsed_rows", "transaction (_write, with commit)"),
    ("kept rows read (a re-parse)", "documents.corrections", "_Kept.read", "rows (replace_parsed_rows)"),
    ("earlier rows deleted", "django.db.models.query", "QuerySet.delete", "rows (replace_parsed_rows)"),
    ("themes", "documents.corrections", "themes_named", "rows (replace_parsed_rows)"),
    ("target rows + indicators", "documents.corrections", "parsed_targets", "rows (replace_parsed_rows)"),
    ("tasks, units, deadlines", "documents.corrections", "save_tasks", "rows (replace_parsed_rows)"),
    ("unit rows", "documents.parsed_rows", "units_named", "tasks, units, deadlines"),
    ("bulk inserts (all rows)", "django.db.models.query", "QuerySet.bulk_create", "rows (replace_parsed_rows)"),
    ("search index (index_document)", "documents.search", "index_document", "transaction (_write, with commit)"),
    ("index_terms", "documents.search", "index_terms", "search index (index_document)"),
    ("statistics (refresh_statistics)", "documents.management.commands.ingest", "refresh_statistics", None),
]


class Timers:
    """CPU time spent inside each wrapped call (outermost calls only), and the number of calls."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.active: set[str] = set()

    def wrap(self, label: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if label in self.active:  # a recursive call is inside the outer one's time
                return function(*args, **kwargs)
            self.active.add(label)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.active.discard(label)
                self.seconds[label] = self.seconds.get(label, 0.0) + time.process_time() - started
                self.calls[label] = self.calls.get(label, 0) + 1

        return timed


def install(timers: Timers) -> list[str]:
    import importlib

    keys, full = [], {}
    for label, module_name, attribute, parent in STAGES:
        key = f"{full[parent]} / {label}" if parent else label
        full[label] = key
        owner = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        if not hasattr(owner, name):  # another version of the code (a before/after comparison): not timed
            continue
        setattr(owner, name, timers.wrap(key, getattr(owner, name)))
        keys.append(key)
    return keys


class QueryCounter:
    """Statements sent to the database and the CPU time inside the driver (SQLite runs in this process)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.process_time() - started
            self.count += 1


def prepare_database(name: str) -> None:
    if "DATABASE_URL" not in os.environ:
        database = ROOT / "var" / "bench" / f"profile-{name}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.update(DEBUG="0", SECRET_KEY="bench" * 10, ALLOWED_HOSTS="localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notices", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="also print cProfile's top N")
    args = parser.parse_args()
    prepare_database(f"{args.notices}-{args.workers}")

    import django

    django.setup()
    import ingest_bench
    from django.core.management import call_command
    from django.db import connection

    from documents.models import Document

    folder, total = ingest_bench.build_folder(args.notices, ingest_bench.source_paragraphs())
    call_command("migrate", verbosity=0)
    Document.objects.all().delete()
    timers, queries = Timers(), QueryCounter()
    keys = install(timers)
    profile = cProfile.Profile(time.process_time) if args.cprofile else None
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(queries):
        if profile:
            profile.enable()
        call_command("ingest", str(folder), quiet_progress=True, workers=args.workers, stdout=open(os.devnull, "w"))
        if profile:
            profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    report(args, total, wall, cpu, timers, keys, queries, connection.vendor)
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.cprofile)


def report(args, total, wall, cpu, timers, keys, queries, vendor) -> None:
    notices = args.notices
    print(
        f"{notices} notices, {total / 1e6:.2f} MB, {vendor}, --workers {args.workers}: "
        f"CPU {cpu:.2f} s ({total / 1e6 / cpu:.2f} MB/s of CPU), wall {wall:.2f} s ({total / 1e6 / wall:.2f} MB/s)"
    )
    print(f"{'stage (CPU time, inclusive)':<52} {'seconds':>8} {'share':>6} {'ms/notice':>10} {'calls':>7}")
    for key in keys:
        if key not in timers.seconds:
            continue
        depth = key.count(" / ")
        label = "  " * depth + key.rsplit(" / ", 1)[-1]
        seconds = timers.seconds[key]
        print(
            f"{label:<52} {seconds:>8.2f} {seconds / cpu:>6.1%} {seconds / notices * 1000:>10.2f} "
            f"{timers.calls[key]:>7}"
        )
    print(
        f"{'SQL statements / notice; CPU inside the driver':<52} {queries.seconds:>8.2f} "
        f"{queries.seconds / cpu:>6.1%} {queries.seconds / notices * 1000:>10.2f} {queries.count / notices:>7.1f}"
    )


if __name__ == "__main__":
    main()
