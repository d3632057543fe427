"""Score the parser against hand-made answers: per-field precision / recall / F1 and metadata accuracy.

    .venv/bin/python benchmarks/extract_eval.py [GOLD_DIR RAW_DIR] [--verbose]

GOLD_DIR holds NAME.json answers, RAW_DIR the notice NAME.txt (or .html …) each answers for. Default: the
annotated dev set beside the repo (../shared/devset/gold and ../shared/devset/raw) when present. Every raw
file is read and parsed in-process the way `manage.py extract --json` does it, so the figures are the ones
that command's output would score. The matching rules are those of docs/extraction.md ("How to measure"):

- targets: value, unit and year must all agree (a gold year of null accepts any year); "any year" drops the
  year. Each predicted target answers at most one gold target.
- units: the set of names, role ignored. deadlines: the set of resolved dates, or the text where no date.
- metadata: doc_number, province, city, county, issue_date, title, compared after normalising width,
  spaces and bracket shapes. A metadata key absent from a gold file is not scored there, nor is a list
  (targets, units, deadlines) absent from it.

With --verbose, each file's misses and extras. The scoring functions are pure and imported by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
META_FIELDS = ("doc_number", "province", "city", "county", "issue_date", "title")
LIST_FIELDS = ("targets", "targets(any year)", "units", "deadlines")

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "〈": "《", "〉": "》"})
# Spellings of one measure unit that the parser and an annotator may both fairly write.
_UNIT_SPELLINGS = {"亿": "亿元", "百分点": "个百分点"}


# --- pure scoring ---------------------------------------------------------------------------------


def normalize(value) -> str | None:
    """A string as compared: full-width folded, spaces gone, 〔〕 for any square bracket, 〈〉 as 《》, and
    《》 stripped from both ends (so a title compares alike with or without its book-title marks).

    >>> normalize(" 平政办[2015]26号 ")
    '平政办〔2015〕26号'
    >>> normalize("《〈政府工作报告〉要点》")
    '政府工作报告》要点'
    >>> normalize("") is None
    True
    """
    if value is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).translate(_BRACKETS)
    return text.strip("《》") or None


def normalize_unit(unit) -> str:
    """The unit as compared: 亿 is 亿元, 百分点 is 个百分点.

    >>> normalize_unit("％"), normalize_unit("亿"), normalize_unit("百分点")
    ('%', '亿元', '个百分点')
    """
    text = normalize(unit) or ""
    return _UNIT_SPELLINGS.get(text, text)


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


@dataclass
class TargetMatch:
    strict: int = 0  # gold targets found with value, unit and year
    loose: int = 0  # gold targets found with value and unit, year aside
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)


def match_targets(gold: list[dict], predicted: list[dict]) -> TargetMatch:
    """Pair each gold target with an unused predicted one of the same value and unit, preferring one whose
    year agrees too; a pairing on value and unit alone counts only when the year is ignored.

    >>> m = match_targets([{"value": 5, "unit": "%", "year": 2015}], [{"value": 5.0, "unit": "％", "year": 2016}])
    >>> (m.strict, m.loose)
    (0, 1)
    """
    result = TargetMatch()
    used: set[int] = set()
    for want in gold:
        value, unit, year = _number(want.get("value")), normalize_unit(want.get("unit")), want.get("year")
        strict = loose = None
        for i, got in enumerate(predicted):
            if (
                i in used
                or not _same_number(_number(got.get("value")), value)
                or normalize_unit(got.get("unit")) != unit
            ):
                continue
            if year is None or got.get("year") == year:
                strict = i
                break
            if loose is None:
                loose = i
        label = f"{want.get('value')}{want.get('unit')}"
        if strict is not None:
            used.add(strict)
            result.strict += 1
            result.loose += 1
        elif loose is not None:
            used.add(loose)
            result.loose += 1
            result.misses.append(f"target year {label}: gold {year}, parsed {predicted[loose].get('year')}")
        else:
            result.misses.append(f"target miss {label} {year} «{_clip(want.get('text'))}»")
    # An extra is a parsed figure the answer has nowhere, whatever its year: a wrong year is reported above.
    wanted = {(_number(g.get("value")), normalize_unit(g.get("unit"))) for g in gold}
    result.extras = [
        f"target extra {p.get('value')}{p.get('unit')} {p.get('year')} «{_clip(p.get('text'))}»"
        for p in predicted
        if (_number(p.get("value")), normalize_unit(p.get("unit"))) not in wanted
    ]
    return result


def unit_names(units: Iterable) -> set[str]:
    """Units compared by name as written; the role is not scored. Gold may give plain strings."""
    names = (u.get("name") if isinstance(u, dict) else u for u in units or ())
    return {n for n in map(normalize, names) if n}


def deadline_keys(deadlines: Iterable) -> set[str]:
    """A deadline is its resolved date, or its text when it has none (a recurring one, say)."""
    keys = set()
    for d in deadlines or ():
        key = (d.get("date") or normalize(d.get("text"))) if isinstance(d, dict) else normalize(d)
        if key:
            keys.add(key)
    return keys


@dataclass
class Tally:
    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, hits: int, predicted: int, gold: int) -> None:
        self.hits += hits
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        """Micro precision, recall, F1. Nothing predicted where nothing was wanted is perfect."""
        precision = self.hits / self.predicted if self.predicted else (0.0 if self.gold else 1.0)
        recall = self.hits / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Scores:
    documents: int = 0
    failed: int = 0  # no output or a parse error: scored as an empty answer
    lists: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in LIST_FIELDS})
    meta_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(META_FIELDS, 0))
    meta_scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(META_FIELDS, 0))

    def meta_accuracy(self) -> float:
        scored = sum(self.meta_scored.values())
        return sum(self.meta_right.values()) / scored if scored else 1.0


def score_document(scores: Scores, gold: dict, predicted: dict | None) -> list[str]:
    """Add one notice's answer to the tallies; return its misses and extras as readable lines."""
    notes = []
    scores.documents += 1
    if predicted is None or "error" in predicted:
        scores.failed += 1
        notes.append(f"error: {predicted['error']}" if predicted else "no output")
        predicted = {}
    for key in META_FIELDS:
        if key not in gold:
            continue
        scores.meta_scored[key] += 1
        if normalize(gold[key]) == normalize(predicted.get(key)):
            scores.meta_right[key] += 1
        else:
            notes.append(f"{key}: gold {gold[key]!r}, parsed {predicted.get(key)!r}")
    if "targets" in gold:
        want, got = gold["targets"] or [], predicted.get("targets") or []
        match = match_targets(want, got)
        scores.lists["targets"].add(match.strict, len(got), len(want))
        scores.lists["targets(any year)"].add(match.loose, len(got), len(want))
        notes += match.misses + match.extras
    for key, keys_of in (("units", unit_names), ("deadlines", deadline_keys)):
        if key not in gold:
            continue
        want, got = keys_of(gold[key]), keys_of(predicted.get(key))
        scores.lists[key].add(len(want & got), len(got), len(want))
        singular = key[:-1]
        notes += [f"{singular} miss {k}" for k in sorted(want - got)]
        notes += [f"{singular} extra {k}" for k in sorted(got - want)]
    return notes


def report(scores: Scores) -> list[str]:
    lines = [f"documents: {scores.documents}  without output or with error: {scores.failed}"]
    for key in META_FIELDS:
        if scores.meta_scored[key]:
            right, scored = scores.meta_right[key], scores.meta_scored[key]
            lines.append(f"{key:12s} accuracy {right / scored:.2f}  ({right}/{scored})")
    for name, tally in scores.lists.items():
        p, r, f = tally.prf()
        lines.append(
            f"{name:18s} P {p:.2f} R {r:.2f} F1 {f:.2f}  (tp {tally.hits}, pred {tally.predicted}, gold {tally.gold})"
        )
    f1 = {name: tally.prf()[2] for name, tally in scores.lists.items()}
    lines.append(
        f"extract: targets F1 {f1['targets']:.2f}, units F1 {f1['units']:.2f}, "
        f"deadlines F1 {f1['deadlines']:.2f}, metadata accuracy {scores.meta_accuracy():.2f}"
    )
    return lines


def _clip(text) -> str:
    return (text or "")[:40]


# --- running the parser ---------------------------------------------------------------------------


def extract_record(path: Path) -> dict:
    """What `manage.py extract --json` prints for one file: same reading, same parser, same record."""
    from documents.ingest import IngestError, read_notice_file
    from documents.parsing import parse_notice

    try:
        return parse_notice(read_notice_file(path)).as_json(source=str(path))
    except IngestError as error:
        return {"source": str(path), "error": str(error)}
    except Exception as error:  # a parser bug on one notice is scored as an empty answer, not a crash
        return {"source": str(path), "error": f"{type(error).__name__}: {error}"}


def raw_files(raw_dir: Path) -> dict[str, Path]:
    """Raw notices by name without suffix (NAME.txt answers gold NAME.json)."""
    return {p.stem: p for p in sorted(raw_dir.iterdir()) if p.is_file()}


def evaluate(gold_dir: Path, raw_dir: Path, *, verbose: bool = False, out=print) -> Scores:
    scores = Scores()
    raws = raw_files(raw_dir)
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = raws.get(gold_path.stem)
        notes = score_document(scores, gold, extract_record(raw) if raw else None)
        if verbose and notes:
            out(f"== {gold_path.stem}")
            for note in notes:
                out(f"    {note}")
    for line in report(scores):
        out(line)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "dirs", nargs="*", metavar="GOLD_DIR RAW_DIR", help="answers and notices (default: the dev set)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="each file's misses and extras")
    args = parser.parse_args(argv)
    if len(args.dirs) not in (0, 2):
        parser.error("give both GOLD_DIR and RAW_DIR, or neither")
    gold_dir, raw_dir = map(Path, args.dirs) if args.dirs else (DEVSET / "gold", DEVSET / "raw")
    for folder in (gold_dir, raw_dir):
        if not folder.is_dir():
            print(
                f"no such folder: {folder} (give GOLD_DIR RAW_DIR, or place the dev set at {DEVSET})", file=sys.stderr
            )
            return 2
    if not any(gold_dir.glob("*.json")):
        print(f"no gold answers (*.json) in {gold_dir}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policykb.settings")
    import django

    django.setup()  # read_notice_file lives beside the ingest code; nothing here touches the database
    evaluate(gold_dir, raw_dir, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
