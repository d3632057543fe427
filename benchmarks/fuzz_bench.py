"""Hostile requests timed: every public route and parameter of tests/views/test_fuzz.py's table, each value of
its HOSTILE list, over the sample notices, through Django's test client (no network). Prints the count, the
statuses and the slowest requests; the bound the project keeps is no request over 1 s at the sample collection.

    .venv/bin/python benchmarks/fuzz_bench.py                  # a fresh SQLite database under benchmarks/out/
    (development settings: with DEBUG on every query is also logged, so the figures err on the slow side)
    DATABASE_URL=postgres://…/policykb_fuzz .venv/bin/python benchmarks/fuzz_bench.py   # its notices are replaced
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
BOUND_SECONDS = 1.0


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        database = OUT / "fuzz.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from documents.models import Document, ResponsibleUnit, Theme
    from tests.conftest import ingest_samples
    from tests.views.test_fuzz import HOSTILE, HOSTILE_PATHS, ROUTES

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    Document.objects.all().delete()
    ingest_samples()
    document = Document.objects.filter(targets__isnull=False).order_by("pk").first()
    names = {
        "city": document.city.code,
        "theme": Theme.objects.filter(documents__isnull=False).first().slug,
        "document": document.pk,
        "unit": ResponsibleUnit.objects.order_by("pk").first().pk,
    }
    client, timed, statuses = Client(), [], Counter()
    requests = [(route.format(**names), {}) for route in ROUTES]
    requests += [(route.format(**names), {p: v}) for route, params in ROUTES.items() for p in params for v in HOSTILE]
    requests += [(path, {}) for path in HOSTILE_PATHS]
    for url, params in requests:
        started = time.perf_counter()
        response = client.get(url, params)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        timed.append((time.perf_counter() - started, url, {k: v[:30] for k, v in params.items()}))
        statuses[response.status_code] += 1
    timed.sort(reverse=True, key=lambda item: item[0])
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{len(timed)} requests on {engine}; statuses {dict(statuses)}")
    print(f"median {timed[len(timed) // 2][0] * 1000:.0f} ms; slowest:")
    for seconds, url, params in timed[:8]:
        print(f"  {seconds * 1000:7.0f} ms  {url} {params}")
    over = [item for item in timed if item[0] > BOUND_SECONDS]
    print(f"over {BOUND_SECONDS:.0f} s: {len(over)}; 500s: {statuses.get(500, 0)}")
    return 1 if over or statuses.get(500) else 0


if __name__ == "__main__":
    raise SystemExit(main())
