"""Score metadata extraction against the dev corpus's MANIFEST (../shared/corpus), where it knows the answer.

    .venv/bin/python benchmarks/score_metadata.py [corpus folder] [-v]

MANIFEST.tsv gives the covering title (compared with our notice_title or title), a date (compared with
issue_date or publication_date), `doc_no` in notes, and the level plus city or issuer (compared with
province/city). Titles in English (translated datasets) are skipped. Prints accuracy per field and,
with -v, every miss.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from documents.parsing import parse_notice  # noqa: E402
from documents.parsing.clean import clean_text  # noqa: E402
from documents.parsing.metadata import _DATE, _date_of  # noqa: E402
from documents.parsing.sources import decode_notice  # noqa: E402


def _norm(text: str | None) -> str:
    return re.sub(r"[\s《》“”\"]", "", unicodedata.normalize("NFKC", text or "")).replace("-", "—")


def _dates_in(path: Path) -> set:
    text = clean_text(decode_notice(path.read_bytes(), filename=path.name))
    return {_date_of(m) for m in _DATE.finditer(text)}


def expected_place(row: dict) -> tuple[str | None, str | None]:
    who = row["city_or_issuer"].split(" (")[0]
    if row["level"] == "national":
        return None, None
    province = re.match(r"^(.{2,3}?(?:省|市|自治区))", who)
    if row["level"] == "provincial":
        if who.startswith("新疆"):
            return "新疆维吾尔自治区", None
        return (province.group(1) if province else None), None
    return None, re.match(r"^(.{2,6}?(?:市|州))", who).group(1) if re.match(r"^(.{2,6}?(?:市|州))", who) else None


def score(folder: Path, verbose: bool) -> None:
    rows = list(csv.DictReader((folder / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
    tally: dict[str, list[int]] = {}

    def check(field: str, ok: bool, name: str, got, want) -> None:
        tally.setdefault(field, [0, 0])
        tally[field][0] += ok
        tally[field][1] += 1
        if verbose and not ok:
            print(f"MISS {field:10} {name}: got {got!r} want {want!r}")

    for row in rows:
        path = folder / row["file"]
        meta = parse_notice(decode_notice(path.read_bytes(), filename=path.name)).metadata
        doc = re.search(r"doc_no (\S+)", row["notes"])
        if doc:
            check("doc_number", meta.doc_number == doc.group(1), row["file"], meta.doc_number, doc.group(1))
        if re.search(r"[\u4e00-\u9fff]", row["title"]):
            want = _norm(row["title"])
            got = {_norm(meta.title), _norm(meta.notice_title)}
            check("title", want in got, row["file"], (meta.title, meta.notice_title), row["title"])
        text_dates = {str(d) for d in _dates_in(path)}
        if re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"]) and row["date"] in text_dates:  # else not findable
            got = {str(meta.issue_date), str(meta.publication_date)}
            check("date", row["date"] in got, row["file"], meta.issue_date, row["date"])
        province, city = expected_place(row)
        if row["level"] != "city":
            check("province", meta.province == province, row["file"], meta.province, province)
        if city or row["level"] == "national":
            check("city", meta.city == city, row["file"], meta.city, city)
    for field, (ok, total) in tally.items():
        print(f"{field:10} {ok}/{total} = {ok / total:.2f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    score(Path(args[0]) if args else default, "-v" in sys.argv)
