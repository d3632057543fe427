"""A bounded mixed load against gunicorn on loopback, with an ingest running alongside: does the site keep
answering, and does the ingest lose or double nothing?

1. Prepares the database (DATABASE_URL or --database-url; its notices are deleted first): migrate,
   collectstatic, then ingests the corpus once (../shared/corpus when present, else fixtures/notices;
   text and HTML files) so the pages have something to show.
2. Serves it with gunicorn (DEBUG=0, --workers) and sends --clients concurrent clients at it, each
   requesting a mix of pages — search, target search, comparison (and its CSV), notice pages, the API —
   first for --unloaded seconds alone, then for --duration seconds while `manage.py ingest` runs in a loop,
   each round on a fresh copy of the corpus (a marker line appended, so each round adds new notices).
3. Prints, for each phase, throughput, p50 / p95 / p99 in ms (all and per kind of page) and errors, then checks
   every ingested file: its notice is present once, whole (its text as read, its targets as parsed) and found
   by a search for its title.
   An error is any answer but 200 (the mix asks only for pages that exist), a refused connection or a
   timeout (60 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/policykb_load .venv/bin/python benchmarks/load_bench.py
    .venv/bin/python benchmarks/load_bench.py --duration 30 --unloaded 15 --clients 10     # a shorter run
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "load"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
PYTHON = sys.executable
print = functools.partial(print, flush=True)  # progress shows as it happens, also through a pipe
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
NOTICE_SUFFIXES = (".txt", ".html", ".htm")  # a marker line can be appended to these
SEARCHES = ("创新 OR 数字经济", "数字经济", "产业", "产业集聚区 平顶山", "亩均税收", "高质量发展 -煤炭", "产")


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "DJANGO_SETTINGS_MODULE": "policykb.settings",
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database when it is missing (SQLite creates its file itself)."""
    parsed = urllib.parse.urlparse(database_url)
    if not parsed.scheme.startswith("postgres"):
        return
    import psycopg2

    name = parsed.path.lstrip("/")
    connection = psycopg2.connect(host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
                                  password=parsed.password, dbname="postgres")  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def prepare(env, corpus: Path) -> list[Path]:
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    script = (
        "from documents.models import Document, ResponsibleUnit; "
        "Document.objects.all().delete(); ResponsibleUnit.objects.all().delete()"
    )
    manage(env, "shell", "-c", script)
    first = copy_round(corpus, 0)
    manage(env, "ingest", "--quiet-progress", str(first), stdout=subprocess.DEVNULL)
    return sorted(first.iterdir())


def copy_round(corpus: Path, number: int) -> Path:
    """The corpus's notices copied under rounds/<number>/, each with a marker line: new notices each round."""
    folder = BENCH_DIR / "rounds" / f"r{number:03d}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() in NOTICE_SUFFIXES and path.name.upper() not in ("MANIFEST.TSV", "SOURCES.MD"):
            data = path.read_bytes()
            marker = f"\n（负载测试第 {number} 轮副本）\n".encode(
                "utf-8" if b"\xe6" in data[:4096] or path.suffix != ".txt" else "gb18030"
            )
            (folder / path.name).write_bytes(data + marker)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env, workers: int, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "policykb.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120  # a cold worker loads jieba's dictionary on its first request
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).read()
            return server
        except OSError:  # refused while gunicorn starts (URLError, ConnectionError and timeouts are OSErrors)
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 120 s")


def fetch_json(base: str, path: str) -> dict:
    import json

    return json.loads(urllib.request.urlopen(base + path, timeout=30).read())


def url_mix(base: str) -> list[tuple[str, str]]:
    """(kind, path) requests: ids and city codes read from the API, so the mix fits the collection."""
    documents = fetch_json(base, "/api/documents/?page_size=200")["results"]
    ids = [d["id"] for d in documents]
    cities = sorted({d["city"]["code"] for d in documents if d["city"]})[:6] or ["330800"]
    mix = [("search", "/search/?" + urllib.parse.urlencode({"q": q})) for q in SEARCHES]
    mix += [("search", "/search/?" + urllib.parse.urlencode({"q": "产业", "order": "date", "page": "3"}))]
    mix += [
        ("targets", "/targets/?" + urllib.parse.urlencode(params))
        for params in ({"q": "增加值"}, {"sort": "-value", "unit": "亿元"}, {"q": "亿元", "sort": "year"})
    ]
    mix += [
        ("compare", f"/compare/?cities={','.join(cities[:3])}"),
        ("compare", f"/compare/?cities={','.join(cities)}&format=csv"),
    ]
    mix += [("notice", f"/notices/{pk}/") for pk in random.Random(1).sample(ids, min(8, len(ids)))]
    mix += [("api", "/api/documents/?page_size=50"), ("api", "/api/targets/?year_min=2020"),
            ("api", f"/api/tasks/?document={ids[0]}"), ("api", f"/api/documents/?city={cities[0]}")]  # fmt: skip
    return mix


class Load:
    """Client threads requesting the mix at random until stopped; records (kind, ms, ok) per request."""

    def __init__(self, base: str, mix, clients: int):
        self.base, self.mix, self.clients = base, mix, clients
        self.records: list[tuple[str, float, bool]] = []
        self.failures: list[str] = []
        self._lock = threading.Lock()

    def run(self, seconds: float) -> float:
        stop = time.monotonic() + seconds
        threads = [threading.Thread(target=self._client, args=(stop, n)) for n in range(self.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started

    def _client(self, stop: float, seed: int) -> None:
        chooser = random.Random(seed)
        while time.monotonic() < stop:
            kind, path = chooser.choice(self.mix)
            started = time.perf_counter()
            ok, detail = True, ""
            try:
                with urllib.request.urlopen(self.base + path, timeout=60) as response:
                    response.read()
            except urllib.error.HTTPError as error:
                ok, detail = False, f"{error.code} {path}"  # the mix asks only for pages that exist
            except Exception as error:  # refused, reset, timed out, or anything else: an error, counted
                ok, detail = False, f"{error!r} {path}"
            elapsed = (time.perf_counter() - started) * 1000
            with self._lock:
                self.records.append((kind, elapsed, ok))
                if not ok:
                    self.failures.append(detail)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(name: str, load: Load, seconds: float) -> dict[str, float]:
    times = [ms for _, ms, _ in load.records]
    errors = sum(1 for *_, ok in load.records if not ok)
    print(f"\n== {name}: {len(times)} requests in {seconds:.0f} s, {len(times) / seconds:.1f} req/s, {errors} errors")
    print(
        f"   all      p50 {statistics.median(times):7.0f}  "
        f"p95 {percentile(times, 0.95):7.0f}  p99 {percentile(times, 0.99):7.0f} ms"
    )
    by_kind = defaultdict(list)
    for kind, ms, _ in load.records:
        by_kind[kind].append(ms)
    for kind, values in sorted(by_kind.items()):
        print(
            f"   {kind:<8} p50 {statistics.median(values):7.0f}  "
            f"p95 {percentile(values, 0.95):7.0f}  p99 {percentile(values, 0.99):7.0f} ms  ({len(values)})"
        )
    for detail in load.failures[:10]:
        print("   error:", detail)
    return {"p95": percentile(times, 0.95), "errors": errors}


class IngestLoop(threading.Thread):
    """`manage.py ingest` on a fresh copy of the corpus, round after round, until stopped."""

    def __init__(self, env, corpus: Path):
        super().__init__()
        self.env, self.corpus, self.stopping = env, corpus, threading.Event()
        self.folders: list[Path] = []
        self.failed: list[str] = []

    def run(self) -> None:
        number = 1
        while not self.stopping.is_set():
            folder = copy_round(self.corpus, number)
            done = subprocess.run([PYTHON, "manage.py", "ingest", "--quiet-progress", str(folder)], cwd=ROOT,
                                  env=self.env, capture_output=True, text=True)  # fmt: skip
            self.folders.append(folder)
            if done.returncode:
                self.failed.append(f"round {number}: {done.stdout[-500:]} {done.stderr[-500:]}")
            number += 1


VERIFY = r"""
import re
import sys
from pathlib import Path
from documents.ingest import content_hash, read_notice_file
from documents.models import Document, SearchEntry
from documents.parsing import parse_notice

problems, checked = [], 0
for name in sys.stdin.read().split("\n"):
    if not name:
        continue
    path = Path(name)
    text = read_notice_file(path)
    found = list(Document.objects.filter(content_hash=content_hash(text)))
    checked += 1
    if len(found) != 1:
        problems.append(f"{path}: {len(found)} notices")
        continue
    document = found[0]
    if document.raw_text != text:
        problems.append(f"{path}: text differs ({len(document.raw_text)} of {len(text)} characters)")
    if document.targets.count() != len(parse_notice(text).targets):
        problems.append(
            f"{path}: {document.targets.count()} targets, the parser finds {len(parse_notice(text).targets)}"
        )
    if not SearchEntry.objects.filter(document=document).exists():
        problems.append(f"{path}: not indexed")
    # The title's runs between quotation marks (“十四五”), each as a phrase: a quote would end the phrase.
    elif not Document.objects.matching(
        " ".join(f'"{run}"' for run in re.split(r'[“”"「」＂\s]+', document.title[:60]) if run)
    ).filter(pk=document.pk).exists():
        problems.append(f"{path}: not found by its title")
print(f"checked {checked} ingested files: {len(problems)} problems; {Document.objects.count()} notices in all")
for problem in problems[:20]:
    print("  ", problem)
sys.exit(1 if problems else 0)
"""


def verify(env, files: list[Path]) -> bool:
    done = subprocess.run([PYTHON, "-c", "import django; django.setup()\n" + VERIFY], cwd=ROOT, env=env,
                          input="\n".join(map(str, files)), text=True)  # fmt: skip
    return done.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'load.sqlite3'}")
    )
    parser.add_argument(
        "--corpus", type=Path, default=SHARED_CORPUS if SHARED_CORPUS.is_dir() else ROOT / "fixtures" / "notices"
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120, help="seconds of load with the ingest alongside")
    parser.add_argument("--unloaded", type=float, default=30, help="seconds of load alone, before")
    args = parser.parse_args()

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    ensure_database(args.database_url)
    env = environment(args.database_url)
    print(f"database {urllib.parse.urlparse(args.database_url).scheme}, corpus {args.corpus}, "
          f"gunicorn {args.workers} workers, {args.clients} clients")  # fmt: skip
    files = prepare(env, args.corpus)
    print(f"prepared: {len(files)} notices ingested")
    port = free_port()
    server = serve(env, args.workers, port)
    try:
        base = f"http://127.0.0.1:{port}"
        mix = url_mix(base)
        unloaded = Load(base, mix, args.clients)
        quiet = report("unloaded", unloaded, unloaded.run(args.unloaded))
        ingest = IngestLoop(env, args.corpus)
        ingest.start()
        loaded = Load(base, mix, args.clients)
        seconds = loaded.run(args.duration)
        ingest.stopping.set()
        ingest.join()
        busy = report(f"with ingest alongside ({len(ingest.folders)} rounds of {len(files)} files)", loaded, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\np95 unloaded {quiet['p95']:.0f} ms, with ingest {busy['p95']:.0f} ms; "
          f"errors {quiet['errors']} + {busy['errors']}; ingest rounds failed: {len(ingest.failed)}")  # fmt: skip
    for failure in ingest.failed:
        print("  ", failure)
    ingested = files + [path for folder in ingest.folders for path in sorted(folder.iterdir())]
    whole = verify(env, ingested)
    sys.exit(0 if whole and not (quiet["errors"] or busy["errors"] or ingest.failed) else 1)


if __name__ == "__main__":
    main()
