"""parsing/layout.py: a notice's paragraphs and tables as ranges of its text, the text itself untouched."""

from pathlib import Path

import pytest

from documents.parsing import parse_notice
from documents.parsing.layout import LONG_LINE, lay_out

NOTICES = Path(__file__).resolve().parents[2] / "fixtures" / "notices"


def _texts(text, blocks):
    return [text[b.start : b.end] for b in blocks if not b.rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、总体要求\n坚持创新。", ["一、总体要求", "坚持创新。"]),
        ("", []),
        ("\n\n一行。\n", ["一行。"]),
    ],
    ids=["lines", "empty", "blank-lines"],
)
def test_lines_are_paragraphs(text, expected):
    assert _texts(text, lay_out(text)) == expected


def test_a_body_run_onto_one_line_is_cut_at_its_headings_and_sentence_ends():
    lines = (NOTICES / "quzhou-2010.txt").read_text(encoding="utf-8").splitlines()
    text = " ".join(lines)  # the notice as a web copy gives it: one line (its metadata table too)
    parsed = parse_notice(text)
    blocks = lay_out(parsed.clean_text, headings=[node.start for node in parsed.outline])
    paragraphs = _texts(parsed.clean_text, blocks)
    assert len(paragraphs) >= len(parsed.outline) > 5
    assert "".join(paragraphs) == parsed.clean_text  # cut, never changed or dropped
    assert all(len(p) <= LONG_LINE * 3 for p in paragraphs)
    heads = {node.start for node in parsed.outline}
    assert heads <= {b.start for b in blocks}  # every heading opens a paragraph


def test_table_lines_become_rows_of_cells():
    text = "主要指标\n指标 | 2020年 | 2025年 |\n产值 | 500亿元 | 1000亿元 |\n二、任务"
    blocks = lay_out(text)
    assert _texts(text, blocks) == ["主要指标", "二、任务"]
    table = next(b for b in blocks if b.rows)
    assert [[text[a:b].strip() for a, b in row] for row in table.rows] == [
        ["指标", "2020年", "2025年"],
        ["产值", "500亿元", "1000亿元"],
    ]
    assert text[table.start : table.end] == "指标 | 2020年 | 2025年 |\n产值 | 500亿元 | 1000亿元 |"


@pytest.mark.parametrize(
    "line", ["产值|亿元", "文号 | 平政办〔2015〕26号 | " + "一、总体要求。" * 60], ids=["no-spaces", "long"]
)
def test_a_line_with_bars_that_is_no_row_is_text(line):
    assert not any(b.rows for b in lay_out(line))
