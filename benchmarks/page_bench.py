"""Page latency over a large collection, served by the real server: is the comparison of 10 cities over
10,000 notices, and are the busiest pages, fast enough?

Bulk-inserts a synthetic collection (tests/synthetic.py: notices over 10+ real cities with targets,
tasks, units and deadlines, no parser) into its own SQLite database under var/bench/pages/, serves it
with `manage.py runserver --noreload` and DEBUG=0 in a subprocess, requests each page over loopback
with urllib and prints p50 / p95 in milliseconds.

    .venv/bin/python benchmarks/page_bench.py                 # 10,000 notices, 12 cities
    .venv/bin/python benchmarks/page_bench.py --documents 2000 --requests 10 --rebuild
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "pages"
PYTHON = sys.executable


def environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "0",
        "SECRET_KEY": "page-bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(BENCH_DIR / "static"),
    }


def build(database: Path, documents: int, cities: int) -> None:
    """A fresh database holding `documents` synthetic notices over `cities` cities."""
    database.unlink(missing_ok=True)
    env = environment(database)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    script = (
        "import django, time; django.setup()\n"
        "from tests.synthetic import build_collection\n"
        "started = time.perf_counter()\n"
        f"for chunk in range({documents} // 2000 + 1):\n"
        f"    n = min(2000, {documents} - chunk * 2000)\n"
        f"    if n > 0: build_collection(documents=n, cities={cities}, seed=chunk)\n"
        "print(f'built in {time.perf_counter() - started:.1f} s')\n"
    )
    env["DJANGO_SETTINGS_MODULE"] = "policykb.settings"
    subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def pages(database: Path) -> dict[str, str]:
    """The pages to time, found in the benchmark database (the 10 busiest cities, a notice, a unit…)."""
    script = (
        "import django, json; django.setup()\n"
        "from documents.models import Document, Region, ResponsibleUnit\n"
        "from django.db.models import Count\n"
        "cities = list(Region.objects.cities().annotate(n=Count('city_documents')).order_by('-n', 'code')[:10])\n"
        "doc = Document.objects.filter(city=cities[0]).order_by('pk').first()\n"
        "unit = ResponsibleUnit.objects.filter(region=cities[0]).order_by('pk').first()\n"
        "theme = doc.themes.first()\n"
        "print(json.dumps({'codes': ','.join(c.code for c in cities), 'city': cities[0].code,\n"
        "  'province': cities[0].parent.code, 'doc': doc.pk, 'unit': unit.pk, 'theme': theme.slug}))\n"
    )
    env = {**environment(database), "DJANGO_SETTINGS_MODULE": "policykb.settings"}
    found = json.loads(
        subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    )
    codes = found["codes"]
    return {
        "compare 10 cities": f"/compare/?cities={codes}",
        "compare 10 cities + theme": f"/compare/?cities={codes}&theme={found['theme']}",
        "compare CSV (all targets)": f"/compare/?cities={codes}&format=csv",
        "home": "/",
        "city": f"/regions/{found['city']}/",
        "province": f"/regions/{found['province']}/",
        "theme": f"/themes/{found['theme']}/",
        "notice": f"/notices/{found['doc']}/",
        "unit": f"/units/{found['unit']}/",
        "deadlines (one year)": "/deadlines/?from=2015-01-01&to=2015-12-31",
        "api documents": f"/api/documents/?city={found['city']}&page_size=50",
        "api targets": "/api/targets/?page_size=200",
        "feed": "/feeds/",
        # Every synthetic notice holds 产业发展: the search page's worst case (a count, a page, five facets).
        "search 产业发展 (all match)": "/search/?q=产业发展",
        "search + city + by date": f"/search/?q=产业发展&city={found['city']}&order=date",
        "search, zero hits": "/search/?q=产业发展 不存在的词",
        "targets": "/targets/",
        "targets keyword, sorted": "/targets/?q=增加值&unit=亿元&sort=-value",
        "targets CSV (keyword)": "/targets/?q=增加值&format=csv",
        "regions index": "/regions/",
        "level: city": "/levels/city/",
        "level: unplaced": "/levels/unplaced/",
        "units index": "/units/",
        "units index, a name": "/units/?q=发展",
        "deadlines, no dates": "/deadlines/",
        "indicators index": "/indicators/",
        "indicator page": "/indicators/gdp-growth/",
        "notice from a search": f"/notices/{found['doc']}/?q=产业发展",
        "search typed unspaced": "/search/?q=产业发展不存在的词组",
        "search by kind, title only": "/search/?q=产业&kind=plan&scope=title",
    }


def measure(base: str, path: str, requests: int) -> tuple[float, float, int]:
    path = urllib.parse.quote(path, safe="/?&=,-")  # the search queries are Chinese
    urllib.request.urlopen(base + path).read()  # warm-up: connection, template and query caches
    timings, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path) as response:
            size = len(response.read())
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--cities", type=int, default=12)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it exists")
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    database = BENCH_DIR / f"pages-{args.documents}-{args.cities}.sqlite3"
    if args.rebuild or not database.exists():
        print(
            f"building {args.documents} notices over {args.cities} cities in {database.relative_to(ROOT)}", flush=True
        )
        build(database, args.documents, args.cities)
    # DEBUG=0 serves the hashed names of the manifest storage: collect them for the current stylesheet.
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=environment(database), check=True
    )
    urls = pages(database)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=environment(database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        print(
            f"\n{args.documents} notices, {args.cities} cities, {args.requests} requests per page, DEBUG=0, runserver"
        )
        print(f"{'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'KB':>9}")
        for name, path in urls.items():
            p50, p95, size = measure(base, path, args.requests)
            print(f"{name:<28}{p50:>9.1f}{p95:>9.1f}{size / 1024:>9.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
