"""Outline: 一、 / (一) / 1. / 1、 / (1) / 1) / ① headings into a flat tuple of OutlineNodes.

Notices number their parts in a few house styles, nested in a customary order (一、 above (一) above 1.
above (1)), but not every notice uses every style, some start at (一), and many web copies run the
whole body together on one line, so a heading is often preceded by a space or a 。 rather than a
newline. A marker is therefore taken only where a heading can begin (line start, after a space or
after a sentence end) and only when its number continues the numbering of its style at that depth:
that is what tells `1.开展五规合一试点` from `1.5%`, `2015.04`, `3、5年` or a list inside a sentence.

    >>> [(n.path, n.heading) for n in parse_outline("二、重点任务 (一)完善功能规划布局。以…为重点。 1.开展五规合一试点。结合…")]
    [('二', '重点任务'), ('二/(一)', '完善功能规划布局'), ('二/(一)/1', '开展五规合一试点')]

Levels are depths in the tree: a notice whose top parts are (一) has them at level 1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .types import OutlineNode

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "[一二三四五六七八九十]{1,3}"

# Each style: its customary rank (smaller is higher in the tree) and its pattern. The marker must be
# followed by the heading's first character, never by a digit (1.5%, 3、5年) or another numeral (一、二、三).
_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("cn", 0, re.compile(rf"(?P<num>{_CN})[、.](?![一二三四五六七八九十]{{1,3}}[、.])")),
    ("pcn", 1, re.compile(rf"\((?P<num>{_CN})\)")),
    ("ar", 2, re.compile(r"(?<![\d.])(?P<num>\d{1,2})(?:\.(?!\d)|、(?!\d))")),
    # (1) and 1) are one style: copies often lose the opening bracket (`1)推动… (2)加强…`).
    ("par", 3, re.compile(r"\((?P<num>\d{1,2})\)|(?<![\d(.])(?P<bare>\d{1,2})\)")),
    ("circ", 4, re.compile(rf"(?P<num>[{_CIRCLED}])")),
)
_RANK = {name: rank for name, rank, _ in _STYLES}
# Where a heading may begin: the line's start, after spaces, or after a sentence or clause end.
# Attachments close every open section: their own numbering belongs to them.
_ATTACHMENT_LINE = re.compile(r"^[ \t\u3000]*附[件表][ \t]*[\d一二三四五六七八九十]{0,2}[ \t]*(?:[::]|$)", re.M)
_BOUNDARY_BEFORE = set(" \t\u3000。;:!?”\"") | {"\n"}
# What a heading may begin with: a Chinese character, a quote, a bracket or a letter.
_HEADING_START = re.compile(r"\s?[\u4e00-\u9fff“\"《(【A-Za-z]")
# A heading is the lead phrase: up to the first sentence or clause end, or a space (inline headings
# are followed by their text after a space: `一、总体要求 (一)基本思路。`).
_HEADING_END = re.compile(r"[。;:!?\n]|\s")
_HEADING_MAX = 80


@dataclass(frozen=True)
class _Candidate:
    style: str
    number: int
    marker: str
    start: int  # of the marker
    body: int  # first character after the marker (and its space)
    line_start: bool


def parse_outline(text: str) -> tuple[OutlineNode, ...]:
    """The notice's numbered headings, in document order, each with its section's extent.

    >>> nodes = parse_outline("一、总体目标\\n力争增幅10%以上。\\n二、主要任务\\n(一)强化项目带动\\n1.大力开展招商引资。按照…")
    >>> [(n.path, n.marker, n.level) for n in nodes]
    [('一', '一、', 1), ('二', '二、', 1), ('二/(一)', '(一)', 2), ('二/(一)/1', '1.', 3)]
    """
    accepted = _accept(_candidates(text))
    return _nodes(text, accepted)


def _candidates(text: str) -> list[_Candidate]:
    found: dict[int, _Candidate] = {}
    table_lines = _table_spans(text)
    for style, _rank, pattern in _STYLES:
        for match in pattern.finditer(text):
            start = match.start()
            if start in found or not _can_begin(text, start) or _inside(table_lines, start):
                continue
            follow = _HEADING_START.match(text, match.end())
            if not follow:
                continue
            body = match.end() + (1 if text[match.end()].isspace() else 0)
            number = _ordinal(match.group("num") or match.group("bare"))
            line_start = text[text.rfind("\n", 0, start) + 1 : start].strip() == ""
            found[start] = _Candidate(style, number, match.group(0), start, body, line_start)
    return [found[key] for key in sorted(found)]


def _can_begin(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in _BOUNDARY_BEFORE


def _table_spans(text: str) -> list[tuple[int, int]]:
    # Lines of a table (`序号 | 任务 | 责任单位 |`, made by sources.py) hold numbers, not headings.
    spans = []
    for match in re.finditer(r"[^\n]*\|[^\n]*", text):
        if match.group(0).count("|") >= 2:
            spans.append((match.start(), match.end()))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _ordinal(numeral: str) -> int:
    """`十二` → 12, `3` → 3, `③` → 3."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0)
    return _CN_DIGITS.get(numeral, 0)


def _accept(candidates: list[_Candidate]) -> list[tuple[_Candidate, int]]:
    """The candidates that continue the numbering, each with its depth (0 for the top).

    The stack holds one (style, number) per open depth. A marker of a style already open must be the
    next number of that style; a style not yet open starts a new depth below the last higher-ranked one
    and must start at 1, or continue where that style left off under the previous parent (some notices
    number 1、2、3 under (一) and go on 4、5 under (二)). A top-level 一、 at a line start restarts the
    numbering (an attached plan after its covering notice). The first heading of all may have any number
    when it starts a line: web excerpts are often cut off after the notice's first parts.
    """
    stack: list[tuple[str, int]] = []
    # Kept when a parent closes, so numbering that runs on across parents is still followed.
    last_seen: dict[tuple[int, str], int] = {}
    accepted: list[tuple[_Candidate, int]] = []
    for cand in candidates:
        depth = _depth_for(stack, cand.style)
        open_here = depth < len(stack) and stack[depth][0] == cand.style
        previous = stack[depth][1] if open_here else last_seen.get((depth, cand.style), 0)
        if cand.number == previous + 1 or (cand.number == 1 and not open_here):
            pass
        elif not stack and cand.line_start:
            pass  # a cut-off excerpt may begin at 二、 or (三)
        elif cand.number == 1 and depth == 0 and cand.line_start:
            last_seen.clear()
        else:
            continue
        del stack[depth:]
        stack.append((cand.style, cand.number))
        last_seen[(depth, cand.style)] = cand.number
        accepted.append((cand, depth))
    return accepted


def _depth_for(stack: list[tuple[str, int]], style: str) -> int:
    # The style's own open depth, else just below the deepest open style that ranks above it.
    for depth, (open_style, _number) in enumerate(stack):
        if open_style == style:
            return depth
    depth = 0
    for index, (open_style, _number) in enumerate(stack):
        if _RANK[open_style] < _RANK[style]:
            depth = index + 1
    return depth


def _nodes(text: str, accepted: list[tuple[_Candidate, int]]) -> tuple[OutlineNode, ...]:
    nodes = []
    path: list[str] = []
    attachments = [match.start() for match in _ATTACHMENT_LINE.finditer(text)]
    for index, (cand, depth) in enumerate(accepted):
        del path[depth:]
        path.append(_path_part(cand))
        end = next((offset for offset in attachments if offset > cand.start), len(text))
        for later, later_depth in accepted[index + 1 :]:
            if later_depth <= depth:
                end = min(end, later.start)
                break
        next_start = accepted[index + 1][0].start if index + 1 < len(accepted) else end
        heading = _heading(text, cand.body, min(next_start, end))
        nodes.append(OutlineNode("/".join(path), cand.marker, heading, depth + 1, cand.start, _trim_end(text, cand.start, end)))
    return tuple(nodes)


def _path_part(cand: _Candidate) -> str:
    # 一、 → 一, 1. → 1, (五) and (1) and ① as written.
    return cand.marker.rstrip("、.") if cand.style in {"cn", "ar"} else cand.marker


def _heading(text: str, start: int, limit: int) -> str:
    window = text[start : min(limit, start + _HEADING_MAX)]
    cut = _HEADING_END.search(window)
    return (window[: cut.start()] if cut else window).strip(" ,,、")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
