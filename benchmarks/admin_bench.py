"""The admin's entry pages, timed through Django's test client on a fresh SQLite database.

Prints: the paste → preview → save round trip per sample notice; a .zip of N notices through the batch
upload page (notices/s); and the re-parse action over all of them (notices/s), with the re-parse done
once more after a correction to show that checked rows cost nothing extra.

    .venv/bin/python benchmarks/admin_bench.py --notices 200
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "admin.sqlite3"


def setup_django() -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{DATABASE}", ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="policykb.settings"
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # the client then hands back each response's template context
    call_command("migrate", verbosity=0)


def synthetic_zip(count: int) -> bytes:
    paragraphs = [
        line.strip()
        for path in sorted((ROOT / "fixtures" / "notices").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 20
    ]
    rng = random.Random(count)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            body = "\n".join(rng.sample(paragraphs, k=rng.randint(15, 40)))
            archive.writestr(
                f"notices/notice-{number:05d}.txt", f"关于印发第{number}号产业发展工作方案的通知\n{body}\n"
            )
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notices", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from documents.models import Document, Target

    client = Client()
    client.force_login(User.objects.create_superuser("bench", password="x"))
    add, batch = "/admin/documents/document/add/", "/admin/documents/document/batch/"
    previews, saves = [], []
    for path in sorted((ROOT / "fixtures" / "notices").glob("*.txt")):
        started = time.perf_counter()
        shown = client.post(add, {"text": path.read_text(encoding="utf-8"), "source": path.name})
        previews.append(time.perf_counter() - started)
        form = shown.context["form"]
        started = time.perf_counter()
        client.post(add, {name: form[name].value() or "" for name in form.fields})
        saves.append(time.perf_counter() - started)
    print(
        f"paste → preview: median {statistics.median(previews) * 1000:.0f} ms; save: median "
        f"{statistics.median(saves) * 1000:.0f} ms (5 sample notices, {Document.objects.count()} saved)"
    )

    data = synthetic_zip(args.notices)
    started = time.perf_counter()
    page = client.post(batch, {"files": [SimpleUploadedFile("bench.zip", data)]}).content.decode()
    elapsed = time.perf_counter() - started
    summary = re.sub(r"<[^>]+>", "", next(line for line in page.splitlines() if "汇总 summary" in line)).strip()
    print(
        f"zip of {args.notices} notices ({len(data) / 1024:.0f} KiB): {elapsed:.1f} s, "
        f"{args.notices / elapsed:.0f} notices/s — {summary}"
    )

    pks = list(Document.objects.values_list("pk", flat=True))
    for label in ("re-parse", "re-parse with a checked target per notice"):
        started = time.perf_counter()
        client.post("/admin/documents/document/", {"action": "reparse", "_selected_action": pks})
        elapsed = time.perf_counter() - started
        print(f"{label}: {len(pks)} notices in {elapsed:.1f} s, {len(pks) / elapsed:.0f} notices/s")
        Target.objects.bulk_create(
            Target(document_id=pk, clause="编者添加", metric="产值", value=1, unit="亿元", checked=True) for pk in pks
        )


if __name__ == "__main__":
    main()
