"""How a notice's text is laid out for reading: paragraphs and tables, as ranges of the text. Pure, no Django.

The stored text stays as received; these are offsets into it, so whatever else marks offsets (targets,
deadlines, search hits) still points at the same characters. A body that arrived run onto one line (many
web copies) is cut for display only: before each outline heading the outline parser found inside the
line, and, in a long run, after a sentence end once the paragraph has some length. `a | b | c |` lines
(what the readers make of an HTML or Word table row) are grouped into tables of cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

LONG_LINE = 300  # a line longer than this is a run of paragraphs, cut at sentence ends for display
CELL_MAX = 300  # a table's cell is short: a long line with bars in it is a body run together, not a row
PARAGRAPH = 120  # ... after a sentence end once the paragraph holds at least this many characters
_SENTENCE_END = re.compile(r"[。！？!?](?![”’\")）])|[。！？!?][”’\")）]")


@dataclass(frozen=True)
class Block:
    """A paragraph (`rows` empty) or a table (`rows`: each row's cells as (start, end) ranges)."""

    start: int
    end: int
    rows: tuple[tuple[tuple[int, int], ...], ...] = ()


def is_table_row(line: str) -> bool:
    """A `cell | cell |` line: two cells at least, split by bars with spaces around them, none long.

    >>> is_table_row("指标 | 2025年 |"), is_table_row("文号 | 平政办〔2015〕26号"), is_table_row("产值|亿元")
    (True, True, False)
    """
    if " | " not in line and not (line.endswith(" |") and line.count("|") >= 2):
        return False
    return all(len(cell) <= CELL_MAX for cell in line.split("|"))


def lay_out(text: str, *, headings: list[int] = ()) -> list[Block]:
    """Paragraphs and tables of `text`; `headings` are where outline headings begin (OutlineNode.start).

    >>> text = "一、总体要求 坚持创新。 二、重点任务 (一)建园区。\\n指标 | 2025年 |\\n产值 | 100亿元 |"
    >>> for block in lay_out(text, headings=[0, 13, 20]):
    ...     print(repr(text[block.start:block.end]), [[text[a:b] for a, b in row] for row in block.rows])
    '一、总体要求 坚持创新。 ' []
    '二、重点任务 ' []
    '(一)建园区。' []
    '指标 | 2025年 |\\n产值 | 100亿元 |' [['指标 ', ' 2025年 '], ['产值 ', ' 100亿元 ']]
    """
    blocks: list[Block] = []
    rows: list[tuple[tuple[int, int], ...]] = []
    table = (0, 0)  # the open table's first and last character
    starts = sorted(set(headings))
    at, index = 0, 0
    for line in text.split("\n"):
        end = at + len(line)
        if is_table_row(line):
            table = (table[0] if rows else at, end)
            rows.append(_cells(line, at))
        else:
            if rows:
                blocks.append(Block(*table, tuple(rows)))
                rows = []
            while index < len(starts) and starts[index] <= at:
                index += 1
            inside = []
            while index < len(starts) and starts[index] < end:
                inside.append(starts[index])
                index += 1
            blocks += [Block(a, b) for a, b in _paragraphs(text, at, end, inside) if b > a]
        at = end + 1
    if rows:
        blocks.append(Block(*table, tuple(rows)))
    return blocks


def _cells(line: str, at: int) -> tuple[tuple[int, int], ...]:
    cells, left = [], at
    for part in line.split("|"):
        cells.append((left, left + len(part)))
        left += len(part) + 1
    while cells and not line[cells[-1][0] - at : cells[-1][1] - at].strip():  # the bar that closes the row
        cells.pop()
    if cells and not line[cells[0][0] - at : cells[0][1] - at].strip():  # `| a | b |`: a bar opens it
        cells.pop(0)
    return tuple(cells)


def _paragraphs(text: str, start: int, end: int, headings: list[int]):
    """One line's paragraphs: cut before each heading inside it and, in a long line, at sentence ends."""
    for left, right in pairwise([start, *headings, end]):
        if end - start <= LONG_LINE:
            yield left, right
            continue
        begin = left
        for match in _SENTENCE_END.finditer(text, left, right):
            if match.end() - begin >= PARAGRAPH and right - match.end() >= PARAGRAPH // 4:
                yield begin, match.end()
                begin = match.end()
        yield begin, right
