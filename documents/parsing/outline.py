"""Outline: 一、 / (一) / 1. / 1、 / (1) / 1) / ① headings into a flat tuple of OutlineNodes.

Notices number their parts in a few house styles, nested in a customary order (一、 above (一) above 1.
above (1)), but not every notice uses every style, some start at (一), and many web copies run the
whole body together on one line, so a heading is often preceded by a space or a 。 rather than a
newline. A marker is therefore taken only where a heading can begin (line start, after a space or
after a sentence end) and only when its number continues the numbering of its style at that depth:
that is what tells `1.开展五规合一试点` from `1.5%`, `2015.04`, `3、5年` or a list inside a sentence.

    >>> nodes = parse_outline("二、重点任务 (一)完善功能规划布局。以…为重点。 1.开展五规合一试点。结合…")
    >>> [(n.path, n.heading) for n in nodes]
    [('二', '重点任务'), ('二/(一)', '完善功能规划布局'), ('二/(一)/1', '开展五规合一试点')]

Levels are depths in the tree: a notice whose top parts are (一) has them at level 1.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .numbers import CHINESE_DIGITS
from .scanning import starting_with
from .types import OutlineNode

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "[一二三四五六七八九十]{1,3}"

# Each style: its customary rank (smaller is higher in the tree) and its pattern. The marker must be
# followed by the heading's first character, never by a digit (1.5%, 3、5年) or another numeral (一、二、三).
_STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    # Regulations (办法, 条例) are cut into 第一章 … 第一条 …; their articles hold (一) lists.
    ("chapter", -3, re.compile(r"第(?P<num>[一二三四五六七八九十]{1,3})(?:章|部分|篇)")),
    ("section", -2, re.compile(r"第(?P<num>[一二三四五六七八九十]{1,3})节")),
    ("article", -1, re.compile(r"第(?P<num>[一二三四五六七八九十百零〇]{1,5})条")),
    ("cn", 0, re.compile(rf"(?P<num>{_CN})[、.](?![一二三四五六七八九十]{{1,3}}[、.])")),
    ("pcn", 1, re.compile(rf"\((?P<num>{_CN})\)")),
    ("ar", 2, starting_with(r"\d", r"(?<![\d.])(?P<num>\d{1,2})(?:\.(?!\d)|、(?!\d))")),
    # (1) and 1) are one style: copies often lose the opening bracket (`1)推动… (2)加强…`).
    ("par", 3, starting_with(r"(\d", r"\((?P<num>\d{1,2})\)|(?<![\d(.])(?P<bare>\d{1,2})\)")),
    ("circ", 4, re.compile(rf"(?P<num>[{_CIRCLED}])")),
)
_RANK = {name: rank for name, rank, _ in _STYLES}
_ARABIC = {"ar", "par"}
_CHAPTERS = {"chapter", "section"}
# Where a heading may begin: the line's start, after spaces, or after a sentence or clause end.
# Attachments close every open section: their own numbering belongs to them.
_ATTACHMENT_LINE = starting_with(
    " \t\u3000附", r"(?:^|(?<=[。\s]))[ \t\u3000]*附[件表][ \t]*[\d一二三四五六七八九十]{0,2}[ \t]*(?:[::]|$)", re.M
)
_DATE_LINE = (
    r"(?:(?:19|20)\d{2}|[一二][〇○O零一二三四五六七八九]{3})\s*年"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"
)
# So does the notice's closing: 本意见自发布之日起施行, 国家和省另有规定的…, the signature and its date, 供稿:.
_CLOSING = re.compile(
    r"(?:^|(?<=[。\s]))[ \t\u3000]*(?:"
    r"本(?:意见|方案|办法|通知|规定|细则|计划|措施|政策|实施方案|工作方案|行动计划)[^\n。]{0,40}?(?:施行|执行|负责解释|有效期)"
    r"|(?:国家|省|上级|法律)[^\n。]{0,10}另有规定的"
    r"|(?:供稿|抄送|联\s*系\s*人|联系电话)\s*:"
    rf"|[^\n。,,;:]{{2,40}}(?:人民政府|办公室|办公厅|委员会|管委会)[ \t]*\n[ \t\u3000]*{_DATE_LINE}"
    rf"|{_DATE_LINE}"
    r")",
    re.M,
)
# A closing bracket counts: items often end with their units in brackets, `(责任单位:市发改委)10.大力培育…`.
_BOUNDARY_BEFORE = set(' \t\u3000。;:!?”")】') | {"\n"}
# What a heading may begin with: a Chinese character, a quote, a bracket or a letter; after a Chinese
# numeral also a digit (`一、2014年工作回顾`), which after 1. or 1、 would be a number (1.5, 3、5).
_HEADING_START = re.compile(r"[ \t]{0,3}[\u4e00-\u9fff“\"《(【A-Za-z]")
_HEADING_START_AFTER_NUMERAL = re.compile(r"[ \t]{0,3}[\u4e00-\u9fff“\"《(【A-Za-z0-9]")
# A heading is the lead phrase: up to the first sentence or clause end, or a space (inline headings
# are followed by their text after a space: `一、总体要求 (一)基本思路。`).
_HEADING_STOPS = "。;:!?\n"
# Copies carry stray spaces before quotes and brackets (`积极参与 “两化”融合贯标`, `首台 (套)高端装备`): such a
# space ends no phrase when only a short tail follows it before the stop; a page run onto one line
# keeps a space where a line broke, and a long sentence follows (`的目标 “十一五”期间,集中力量…`).
_STRAY_SPACE = re.compile(r"\s(?=[“\"《【]|\((?![一二三四五六七八九十\d]{1,3}\)))")
_STRAY_TAIL_MAX = 12
_LATIN_SPACE = re.compile(r"[A-Za-z]\s|[^\s]\s[A-Za-z]")
_HEADING_MAX = 80
_CHAPTER_HEADING_MAX = 30


@dataclass(frozen=True)
class _Candidate:
    style: str
    number: int
    marker: str
    start: int  # of the marker
    body: int  # first character after the marker (and its space)
    line_start: bool
    space_before: bool


def parse_outline(text: str) -> tuple[OutlineNode, ...]:
    """The notice's numbered headings, in document order, each with its section's extent.

    >>> nodes = parse_outline("一、总体目标\\n力争增幅10%以上。\\n二、主要任务\\n"
    ...                       "(一)强化项目带动\\n1.大力开展招商引资。按照…")
    >>> [(n.path, n.marker, n.level) for n in nodes]
    [('一', '一、', 1), ('二', '二、', 1), ('二/(一)', '(一)', 2), ('二/(一)/1', '1.', 3)]
    """
    attachments = [match.start() for match in _ATTACHMENT_LINE.finditer(text)]
    candidates = _candidates(text, _excluded_spans(text, attachments))
    # A closing that is a numbered item's own text (第二十九条 本办法自2012年2月1日起施行) closes nothing.
    own = {offset for cand in candidates for offset in range(cand.start, cand.body + 2)}
    closings = sorted({*attachments, *(m.start() for m in _CLOSING.finditer(text) if m.start() not in own)})
    accepted = _accept(candidates, closings)
    return _nodes(text, accepted, closings)


def _candidates(text: str, excluded: list[tuple[int, int]]) -> list[_Candidate]:
    found: dict[int, _Candidate] = {}
    for style, _rank, pattern in _STYLES:
        for match in pattern.finditer(text):
            start = match.start()
            if start in found or _inside(excluded, start):
                continue
            if not (_can_begin(text, start) or _glued_heading(text, style, match)):
                continue
            follow = (_HEADING_START if style in _ARABIC else _HEADING_START_AFTER_NUMERAL).match(text, match.end())
            if not follow:
                continue
            body = follow.end() - 1
            groups = match.groupdict()
            number = _ordinal(groups["num"] or groups.get("bare") or "")
            line_start = _starts_line(text, start)
            space_before = start > 0 and text[start - 1].isspace()
            found[start] = _Candidate(style, number, match.group(0), start, body, line_start, space_before)
    return [found[key] for key in sorted(found)]


def _starts_line(text: str, start: int) -> bool:
    """Only spaces stand between the line's start and `start`. Walked back over those spaces alone: a
    slice back to the last newline copied a whole line per marker (quadratic on a one-line page)."""
    while start > 0 and text[start - 1] != "\n" and text[start - 1].isspace():
        start -= 1
    return start == 0 or text[start - 1] == "\n"


def _can_begin(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in _BOUNDARY_BEFORE


# Pages that lost their line breaks without a trace glue a heading to the text before it:
# `二、重点任务(一)完善功能规划布局。`, `保障数字经济持续发展1.加强工作统筹谋划。`. Such a marker is taken when
# a short lead sentence follows, never after 第 or a counting word, and never for 一、 (统一、高效).
_GLUED_STYLES = {"pcn", "ar", "par"}
_NOT_BEFORE_GLUED = set("第约共计前后近达至和或及与每件表图号款项条")  # nor 附件1)
_GLUED_LEAD = re.compile(r"[^\n。;:]{2,30}[。;:]")


def _glued_heading(text: str, style: str, match: re.Match[str]) -> bool:
    start = match.start()
    bare_bracket = match.group(0).endswith(")") and not match.group(0).startswith("(")
    if style not in _GLUED_STYLES or start == 0 or bare_bracket:
        return False
    before = text[start - 1]
    return (
        "\u4e00" <= before <= "\u9fff"
        and before not in _NOT_BEFORE_GLUED
        and bool(_GLUED_LEAD.match(text, match.end()))
    )


# A table of contents line ends in leaders and a page number: `一、总体要求......1`.
_TOC_END = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|(?:\. ){3,})[ \t]*\d*[ \t]*$")
# A line listing an attachment by number: `2.2015年新兴产业重点项目实施情况一览表` (no sentence in it).
_LISTED_ATTACHMENT = re.compile(r"[ \t\u3000]*(?:\d{1,2}[.、]|\(\d{1,2}\))[^\n。]{1,80}(?:\n|$)")


def _excluded_spans(text: str, attachments: list[int]) -> list[tuple[int, int]]:
    """Where numbers are not headings: table lines (`序号 | 任务 | 责任单位 |`, made by sources.py),
    a table of contents, and the numbered list of attachments after `附件:`."""
    spans = []
    start = 0
    for line in text.split("\n"):
        # Cheap tests first: a line-by-line regex over a whole notice costs more than the outline.
        if line.count("|") >= 2 or (line[-1:] in ".…·0123456789 " and _TOC_END.search(line)):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    spans += _box_spans(text)
    for start in attachments:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        while (listed := _LISTED_ATTACHMENT.match(text, end)) and listed.end() > end:
            end = listed.end()
        spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# A box (专栏1 数字化解决方案研发推广工程) lists its own items, numbered from 1 inside a task.
_BOX_LINE = re.compile(r"^[ \t]*专栏[ \t]*\d{0,2}[^\n]{0,40}$", re.M)
_BOX_ITEM = re.compile(r"[ \t]*(?:\((\d{1,2})\)|(\d{1,2})[.、)](?!\d))")
_ANY_MARKER = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、)](?!\d)"
    r"|第[一二三四五六七八九十]{1,3}[章条节])"
)


def _box_spans(text: str) -> list[tuple[int, int]]:
    """The lines of each 专栏 and of the items numbered 1, 2, 3 … under it (wrapped lines included)."""
    spans = []
    for box in _BOX_LINE.finditer(text):
        end = last_item_end = box.end() + 1
        expected = 1
        while end < len(text):
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end + 1
            item = _BOX_ITEM.match(text, end)
            if item and int(item.group(1) or item.group(2)) == expected:
                expected += 1
            elif expected == 1 or _ANY_MARKER.match(text, end):
                break
            end = last_item_end = line_end
        spans.append((box.start(), min(last_item_end, len(text))))
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    # spans are sorted and disjoint: only the last one starting at or before offset can hold it.
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _ordinal(numeral: str) -> int:
    """`十二` → 12, `3` → 3, `③` → 3."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
    if "百" in numeral:
        hundreds, _, rest = numeral.partition("百")
        return CHINESE_DIGITS.get(hundreds, 1) * 100 + _ordinal(rest.lstrip("零〇") or "〇")
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0)
    return CHINESE_DIGITS.get(numeral, 0)


def _accept(candidates: list[_Candidate], resets: list[int]) -> list[tuple[_Candidate, int]]:
    """The candidates that continue the numbering, each with its depth (0 for the top).

    The stack holds one (style, number) per open depth. A marker of a style already open must be the
    next number of that style; a style not yet open starts a new depth below the last higher-ranked one
    and must start at 1, or continue where that style left off under the previous parent (some notices
    number 1、2、3 under (一) and go on 4、5 under (二)). A top-level 一、 at a line start restarts the
    numbering (an attached plan after its covering notice), and so does each 附件 line. The first heading
    of all may have any number when it starts a line (web excerpts are often cut off after the first
    parts), and a heading at a line start may skip one number (copies lose one now and then).
    """
    stack: list[tuple[str, int]] = []
    # Kept when a parent closes, so numbering that runs on across parents is still followed.
    last_seen: dict[tuple[int, str], int] = {}
    accepted: list[tuple[_Candidate, int]] = []
    pending = iter(resets)
    reset = next(pending, None)
    for cand in candidates:
        while reset is not None and reset < cand.start:
            stack, last_seen, reset = [], {}, next(pending, None)
        depth = _depth_for(stack, cand.style)
        open_here = depth < len(stack) and stack[depth][0] == cand.style
        previous = stack[depth][1] if open_here else last_seen.get((depth, cand.style), 0)
        if cand.number == previous + 1 or (cand.number == 1 and not open_here):
            pass
        elif not stack and cand.line_start:
            pass  # a cut-off excerpt may begin at 二、 or (三)
        elif cand.line_start and previous and cand.number == previous + 2:
            pass  # a heading at a line start after one whose number was lost (5. … 7.)
        elif cand.number == 1 and depth == 0 and (cand.line_start or _after_space(cand)):
            last_seen.clear()
        else:
            continue
        del stack[depth:]
        stack.append((cand.style, cand.number))
        last_seen[(depth, cand.style)] = cand.number
        accepted.append((cand, depth))
    return accepted


def _after_space(cand: _Candidate) -> bool:
    # A page flattened onto one line keeps a space where the line broke: 一、 after one may restart too
    # (not 1., which restarts inside items: `措施如下: 1.落实资金`).
    return cand.space_before and cand.style not in _ARABIC


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


def _nodes(text: str, accepted: list[tuple[_Candidate, int]], closings: list[int]) -> tuple[OutlineNode, ...]:
    ends = _section_ends(text, accepted, closings)
    nodes = []
    path: list[str] = []
    for index, (cand, depth) in enumerate(accepted):
        del path[depth:]
        path.append(_path_part(cand))
        next_start = accepted[index + 1][0].start if index + 1 < len(accepted) else ends[index]
        heading = _heading(text, cand, min(next_start, ends[index]))
        nodes.append(
            OutlineNode(
                "/".join(path), cand.marker, heading, depth + 1, cand.start, _trim_end(text, cand.start, ends[index])
            )
        )
    return tuple(nodes)


def _section_ends(text: str, accepted: list[tuple[_Candidate, int]], closings: list[int]) -> list[int]:
    # A section runs to the next heading at its depth or above, or to the notice's closing or 附件 line.
    ends = [len(text)] * len(accepted)
    open_sections: list[int] = []
    for index, (cand, depth) in enumerate(accepted):
        while open_sections and accepted[open_sections[-1]][1] >= depth:
            ends[open_sections.pop()] = cand.start
        open_sections.append(index)
    for index, (cand, _depth) in enumerate(accepted):
        later = bisect.bisect_right(closings, cand.start)
        if later < len(closings):
            ends[index] = min(ends[index], closings[later])
    _end_lists_of_paragraphs(text, accepted, ends)
    return ends


_ITEM_LABEL = re.compile(
    r"[ \t]*[(]?(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|完成时限|完成时间|时间节点|进度安排)"
)


def _end_lists_of_paragraphs(text: str, accepted: list[tuple[_Candidate, int]], ends: list[int]) -> None:
    """A list whose items are one paragraph each ends with its last item's paragraph.

    `1.建立健全产业统计制度。由市统计局牵头…\n2.完善信息报送制度。…\n3.建立健全考核制度。…\n各与温州产业小组
    对接的牵头部门于10月15日前…`: the last paragraph follows the list, it is not part of item 3.
    """
    groups: dict[tuple[int, int], list[int]] = {}
    parents: list[int] = []  # index of the open node at each depth
    for index, (_cand, depth) in enumerate(accepted):
        del parents[depth:]
        groups.setdefault((parents[-1] if parents else -1, depth), []).append(index)
        parents.append(index)
    for members in groups.values():
        *first, last = members
        leaf = last + 1 == len(accepted) or accepted[last + 1][1] <= accepted[last][1]
        if not first or not leaf or any("\n" in text[accepted[i][0].start : ends[i]].strip() for i in first):
            continue
        line_end = text.find("\n", accepted[last][0].start, ends[last])
        # Unless what follows is the item's own label line (责任单位:市商务局, 完成时限:6月底前).
        if line_end > 0 and not _ITEM_LABEL.match(text, line_end + 1):
            ends[last] = line_end


def _path_part(cand: _Candidate) -> str:
    # 一、 → 一, 1. → 1, (五) and (1) and ① as written.
    return cand.marker.rstrip("、.") if cand.style in {"cn", "ar"} else cand.marker


def _heading(text: str, cand: _Candidate, limit: int) -> str:
    window = text[cand.body : min(limit, cand.body + _HEADING_MAX)]
    line = window.split("\n", 1)[0]
    if cand.style in _CHAPTERS and len(line) <= _CHAPTER_HEADING_MAX:
        # `第一章 总 则`: the whole line, its spacing dropped.
        return re.sub(r"\s+", "", line)
    return split_lead(window, stops=_HEADING_STOPS)[0].strip(" ,、.…")


def split_lead(item: str, *, stops: str) -> tuple[str, str]:
    """An item's lead phrase and the rest: up to the first stop character or space, which is dropped.

    >>> split_lead("开展行政管理套合。按照统一领导…", stops="。:\\n")
    ('开展行政管理套合', '按照统一领导…')
    >>> split_lead("鼓励企业积极参与 “两化”融合贯标。对通过贯标的企业…", stops="。:\\n")
    ('鼓励企业积极参与 “两化”融合贯标', '对通过贯标的企业…')
    """
    index = 0
    while index < len(item):
        char = item[index]
        if char in stops:
            return item[:index], item[index + 1 :]
        if char.isspace() and not _stray_space(item, index, stops):
            return item[:index], item[index + 1 :]
        index += 1
    return item, ""


def _stray_space(item: str, index: int, stops: str) -> bool:
    if _LATIN_SPACE.match(item, max(0, index - 1)):
        return True  # 规范 OTA 升级备案: Latin words are set off by spaces
    if not _STRAY_SPACE.match(item, index):
        return False
    rest = item[index + 1 :]
    stop = next((at for at, char in enumerate(rest) if char in stops), len(rest))
    tail = rest[:stop]
    return len(tail) <= _STRAY_TAIL_MAX and not any(char.isspace() for char in tail)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
