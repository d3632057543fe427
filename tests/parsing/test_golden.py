"""Golden files: each sample notice's parse, field by field, against its hand-checked fixtures/expected/<name>.json.

Each key present in the expected file is its own test (ids like `pingdingshan-2015-doc_number`), so a
regression names the notice and the field at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from documents.parsing import parse_notice

ROOT = Path(__file__).resolve().parent.parent.parent
EXPECTED = ROOT / "fixtures" / "expected"
NOTICES = ROOT / "fixtures" / "notices"


def _cases():
    for path in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        for key in expected:
            if key != "source":
                yield pytest.param(path.stem, key, expected[key], id=f"{path.stem}-{key}")


_parsed: dict[str, dict] = {}


def _parse(name: str) -> dict:
    # Each notice is parsed once for all of its fields.
    if name not in _parsed:
        text = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
        _parsed[name] = parse_notice(text).as_json(source=f"fixtures/notices/{name}.txt")
    return _parsed[name]


@pytest.mark.parametrize("name, key, expected", list(_cases()))
def test_golden(name, key, expected):
    assert _parse(name)[key] == expected


def test_every_sample_has_an_expected_file():
    assert sorted(p.stem for p in NOTICES.glob("*.txt")) == sorted(p.stem for p in EXPECTED.glob("*.json"))
