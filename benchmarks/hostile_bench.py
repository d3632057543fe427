"""Hostile inputs at growing sizes: the parser, the HTML reader and the file readers, each timed.

    .venv/bin/python benchmarks/hostile_bench.py [--sizes 10k,100k,1m,10m] [--only NAME]

Each line is one hostile input (a long run of digits, `5%`, numerals, markers, units or tags, a zip
of such files) at each size, in seconds: linear growth shows as ×10 per column. The bound the project
keeps: no file of 10 MB or less takes the parser over 30 s. Oversized .docx and PDF files are refused
by the readers' caps; their lines time the refusal. Exits non-zero if any input raised or broke the bound.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from documents.parsing import parse_notice  # noqa: E402
from documents.parsing.sources import UnreadableNotice, html_to_text, read_notice  # noqa: E402

BOUND_SECONDS = 30.0
# Text runs: what the parser is fed (one line, no full stop, the worst case for clause look-backs).
RUNS = {
    "digits": "1",
    "digit lines": "1" * 999 + "\n",
    "numerals 一": "一",
    "numerals 亿": "亿",
    "5%": "5%",
    "5亿元": "5亿元",
    "达到5%": "达到5%",
    "等3个": "等3个",
    "年内": "年内",
    "6月底前": "6月底前",
    "到2025年": "到2025年",
    "一、 markers": "一、",
    "(一) markers": "(一)",
    "|1| cells": "|1|",
    "《 open": "《",
    "Word tags": "<P class=x>",
}
TAG_RUNS = {
    "html: nested unclosed <div>": "<div>x",
    "html: <nav> then <i>…</b>": None,
    "html: nested tables": "<table><tr><td>x",
}


def _run(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _nav_nest(size: int) -> str:
    return "<html><body><nav>" + "<i>" * (size // 6) + "</b>" * (size // 8)


def _docx(size: int) -> bytes:
    from tests.office_files import make_docx

    original = zipfile.ZipFile(io.BytesIO(make_docx(["一、总体要求"])))
    xml = original.read("word/document.xml").decode()
    xml = xml.replace(
        "<w:body>", "<w:body>" + "<w:p><w:r><w:t>到2025年产值达到1000亿元</w:t></w:r></w:p>" * (size // 60), 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info.filename, xml if info.filename == "word/document.xml" else original.read(info))
    return out.getvalue()


def _shared_pdf(size: int) -> bytes:
    """100 pages drawing one deflated content stream of about `size` bytes."""
    from tests.office_files import pdf_of

    stream = zlib.compress(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" * (size // 34), 9)
    pages = 100
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    objects += [
        f"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 {4 + pages} 0 R >> >> /Contents 3 0 R >>".encode()
    ] * pages
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_of(objects)


def _timed(work) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        work()
        note = ""
    except UnreadableNotice:
        note = "refused"
    except Exception as error:  # the point of the benchmark: report, do not stop
        note = f"RAISED {type(error).__name__}"
    return time.perf_counter() - start, note


def cases():
    for name, unit in RUNS.items():
        yield f"parse: {name}", lambda size, unit=unit: lambda: parse_notice(_run(unit, size))
    for name, unit in TAG_RUNS.items():
        make = (
            (lambda size: _nav_nest(size))
            if unit is None
            else (lambda size, unit=unit: "<html><body>" + _run(unit, size))
        )
        yield name, lambda size, make=make: lambda: html_to_text(make(size))
        yield (
            name.replace("html:", "read+parse:"),
            lambda size, make=make: lambda: parse_notice(read_notice(make(size).encode(), filename="a.html")),
        )
    yield "docx: XML of this size", lambda size: lambda: read_notice(_docx(size), filename="a.docx")
    yield "pdf: 100 pages, one stream", lambda size: lambda: read_notice(_shared_pdf(size), filename="a.pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m,10m", help="comma-separated sizes in bytes (k, m suffixes)")
    parser.add_argument("--only", default="", help="run only the inputs whose name contains this")
    args = parser.parse_args()
    sizes = [
        int(float(s[:-1]) * {"k": 1_000, "m": 1_000_000}[s[-1]]) if s[-1] in "km" else int(s)
        for s in args.sizes.lower().split(",")
    ]
    print(f"{'input':<36}" + "".join(f"{_label(size):>14}" for size in sizes))
    bad = 0
    for name, make in cases():
        if args.only and args.only not in name:
            continue
        cells = []
        for size in sizes:
            seconds, note = _timed(make(size))
            bad += bool(note.startswith("RAISED")) or seconds > BOUND_SECONDS
            cells.append(f"{seconds:>8.2f}s" + (f" {note[:5]}" if note else "      "))
        print(f"{name:<36}" + "".join(f"{cell:>14}" for cell in cells), flush=True)
    print(
        f"bound: {BOUND_SECONDS:.0f} s per file of up to 10 MB; {'all within' if not bad else f'{bad} over or raised'}"
    )
    return 1 if bad else 0


def _label(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1_000} KB"


if __name__ == "__main__":
    sys.exit(main())
