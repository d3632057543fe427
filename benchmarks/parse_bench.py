"""Parser throughput over a folder of notices, beside plain jieba segmentation of the same text.

    .venv/bin/python benchmarks/parse_bench.py [folder]

Default folder: ../shared/corpus when present, else fixtures/notices. Prints MB/s and notices/s for
parse_notice and for jieba.lcut on the same decoded text, and lists any notice that raised (the
parser must never raise; the script exits non-zero if one did).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from documents.parsing import parse_notice  # noqa: E402
from documents.parsing.sources import UnreadableNotice, decode_notice  # noqa: E402


def load(folder: Path) -> list[tuple[str, str]]:
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".txt", ".html", ".htm"):
            try:
                texts.append((path.name, decode_notice(path.read_bytes(), filename=path.name)))
            except UnreadableNotice as error:
                print(f"unreadable {path.name}: {error}")
    return texts


def timed(label: str, texts: list[tuple[str, str]], work) -> tuple[list[str], tuple[float, str]]:
    failures, slowest = [], (0.0, "")
    megabytes = sum(len(text.encode("utf-8")) for _, text in texts) / 1_048_576
    started = time.perf_counter()
    for name, text in texts:
        one = time.perf_counter()
        try:
            work(text)
        except Exception:  # report every failure, keep measuring
            failures.append(f"{name}: {traceback.format_exc(limit=3)}")
        slowest = max(slowest, (time.perf_counter() - one, f"{name} ({len(text)} chars)"))
    seconds = time.perf_counter() - started
    print(
        f"{label:14} {len(texts)} notices, {megabytes:.2f} MB in {seconds:.2f} s: "
        f"{megabytes / seconds:.2f} MB/s, {len(texts) / seconds:.1f} notices/s"
    )
    return failures, slowest


def main() -> int:
    default = ROOT.parent / "shared" / "corpus"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default if default.is_dir() else ROOT / "fixtures" / "notices"
    texts = load(folder)
    print(f"folder: {folder}")
    jieba.initialize()  # dictionary loading is a one-off cost, not throughput
    parse_notice(texts[0][1])  # warm caches (gazetteer, conversion tables, compiled patterns)
    failures, (seconds, name) = timed("parse_notice", texts, parse_notice)
    timed("jieba.lcut", texts, jieba.lcut)
    print(f"slowest parse: {name}, {seconds * 1000:.0f} ms")
    for failure in failures:
        print("FAILED", failure)
    print("all notices parsed without exception" if not failures else f"{len(failures)} notices raised")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
