"""The year a target is for: from its sentence, its heading, or the plan's own year; and which sections are past.

A goal year is written 到2025年 / 2015年 / 2025年底 / 全年 / 今年. Baselines (比2005年, 以2006年为基期,
与2015年相比), dates (2015年4月24日) and the start of a span (2021—2023年 gives 2023) are not goal years.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from .types import OutlineNode

_YEAR = re.compile(
    r"(?:(?P<pre>到|至|截至|截止|比|较|以|与|从|自|于|在)\s*)?(?:(?:19|20)\d\d\s*(?:—|–|-|~|～|至|到)\s*)?"
    r"(?P<year>(?:19|20)\d\d)\s*年(?P<post>度|底|末|前|内|起|以来|\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}|为基期|相比|同期)?"
)
# 二〇二五年 / 二○一○年: each Chinese digit stands for one Arabic digit (same length, so offsets hold).
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_PERIOD = re.compile(r"[“\"]?(十[一二三四五]五)[”\"]?(?:时期|规划期)?末")
_PERIOD_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_THIS_YEAR = re.compile(r"全年|今年|当年|本年度|本年|(?<![\d一二三四五六七八九十两几每年])年(?:内|底前|末前|底|末|中)")
_NEXT_YEAR = re.compile(r"明年")
_BASELINE_PRE = {"比", "较", "以", "与", "从", "自"}
_NOT_GOAL_POST = re.compile(r"\d{1,2}月\d{1,2}|为基期|相比|同期|以来|起")
_ANNUAL_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*年?(?:度)?.*?(?:工作方案|工作要点|工作计划|实施计划|行动计划|实施方案|计划|要点|工作安排|"
    r"目标任务|政府工作报告|工作报告|专项行动|行动方案|工作意见|任务分解|任务安排|安排意见|工作任务|重点工作|工作重点)"
)
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*(?:—|–|-|~|～|至|到)\s*(?:19|20)?\d\d")
_PAST_HEADING = re.compile(r"回顾|过去|成就|成绩|进展情况|完成情况|基本情况|发展现状|发展基础|现状|总结")


@dataclass(frozen=True)
class PlanYears:
    """The notice's own years: `plan` for an annual plan (2015年…工作方案), `reference` the notice's date year."""

    plan: int | None
    reference: int | None

    @property
    def base(self) -> int | None:
        return self.plan or self.reference

    def in_sentence(self, sentence: str) -> list[tuple[int, int | None]]:
        """(position, year) for each goal year written in the sentence; year False for a past one.

        >>> PlanYears(2015, 2015).in_sentence("2014年完成投资,到2016年达到,比2005年下降,全年力争")
        [(0, False), (10, 2016), (28, 2015)]
        >>> PlanYears(None, 2008).in_sentence("到二○一○年,“十二五”末")
        [(0, 2010), (7, 2015)]
        """
        found: list[tuple[int, int | None]] = []
        if "五" in sentence:  # “十四五”末: the plan period's last year
            found.extend((m.start(), _PERIOD_END[m.group(1)]) for m in _PERIOD.finditer(sentence))
        for m in _YEAR.finditer(
            sentence.translate(_CN_YEAR_DIGITS) if "〇" in sentence or "○" in sentence else sentence
        ):
            pre, post, year = m.group("pre"), m.group("post") or "", int(m.group("year"))
            if pre in _BASELINE_PRE or _NOT_GOAL_POST.match(post):
                continue
            past = pre not in ("到", "至") and post not in ("底", "末", "前", "内") and self.base and year < self.base
            found.append((m.start(), False if past else year))
        this_year = self.plan or self.reference
        if this_year:
            found.extend((m.start(), this_year) for m in _THIS_YEAR.finditer(sentence))
            found.extend((m.start(), this_year + 1) for m in _NEXT_YEAR.finditer(sentence) if not self.plan)
        return sorted(found)

    def pick(self, sentence: str, position: int, years: list[tuple[int, int | None]], *, before_only=False):
        """The nearest year before `position`, else the nearest after (not for a 年均/每年 goal, which a later
        clause's year does not date); None when the sentence has none."""
        at = bisect_left(years, (position, -1))  # the first year written at or after `position`
        if at:
            return years[at - 1][1]
        return years[at][1] if at < len(years) and not before_only else None


def plan_years(title: str | None, reference_year: int | None) -> PlanYears:
    """An annual plan's year comes from its title.

    >>> plan_years("2015年平顶山市加快产业集聚区建设专项工作方案", 2015).plan
    2015
    >>> plan_years("安徽省工业互联网创新发展行动计划(2021—2023年)", 2021).plan is None
    True
    """
    m = _ANNUAL_TITLE.search(title or "")
    if not m or _YEAR_SPAN.search(title or ""):
        return PlanYears(None, reference_year)
    return PlanYears(int(m.group("year")), reference_year)


def heading_years(text: str, outline: tuple[OutlineNode, ...], years: PlanYears) -> Callable[[int], int | None]:
    """A function giving, for a position, the goal year in the heading of the deepest section holding it.

    Chapter lines (二、2015年工作总体部署) count as the outermost sections, for outlines that miss them.

    >>> year_at = heading_years("一、2014年工作回顾\\n……\\n二、2015年工作总体部署\\n城镇新增就业1000万人。\\n",
    ...                          (), PlanYears(None, 2015))
    >>> year_at(30), year_at(5)
    (2015, None)
    """
    dated = []
    for node in outline:
        found = [y for _, y in years.in_sentence(node.heading) if y]
        if found:
            dated.append((node.start, node.end, node.level, found[-1]))
    chapters = list(_CHAPTER_LINE.finditer(text))
    for chapter, following in zip(chapters, chapters[1:] + [None], strict=False):
        found = [y for _, y in years.in_sentence(chapter.group("heading")) if y]
        if found:
            dated.append((chapter.start(), following.start() if following else len(text), 0, found[-1]))

    def year_at(position: int) -> int | None:
        holding = [(level, year) for start, end, level, year in dated if start <= position < end]
        return max(holding)[1] if holding else None

    return year_at


def past_section_spans(text: str, outline: tuple[OutlineNode, ...], years: PlanYears) -> list[tuple[int, int]]:
    """Sections that review the past (一、2009年工作回顾, 发展基础): their figures are results, not goals.

    Besides the outline's sections, a line of its own such as 一、2014年工作回顾 opens one up to the next such
    line: the outline does not always see a report's chapter headings.

    >>> node = OutlineNode("一", "一、", "2009年工作回顾", 1, 10, 500)
    >>> past_section_spans("", (node,), PlanYears(2010, None))
    [(10, 500)]
    >>> past_section_spans("报告\\n一、2014年工作回顾\\n过去一年……\\n二、2015年工作总体部署\\n",
    ...                     (), PlanYears(2015, None))
    [(3, 22)]
    """
    chapters = list(_CHAPTER_LINE.finditer(text))
    starts = [c.start() for c in chapters]
    spans = []
    for node in outline:
        if _is_past_heading(node.heading, years):
            # A section ends at the next chapter line at the latest (an outline may run one to the end).
            later = bisect_right(starts, node.start + 1)
            spans.append((node.start, min(node.end, starts[later]) if later < len(starts) else node.end))
    for chapter, following in zip(chapters, chapters[1:] + [None], strict=False):
        if _is_past_heading(chapter.group("heading"), years):
            spans.append((chapter.start(), following.start() if following else len(text)))
    return sorted(spans)


# A part that lists goals: a section headed 发展目标 / 主要目标 / 总体目标 / 工作目标 / 目标任务, or a run of
# `——` bullets with the paragraph that leads into it. The year its heading or opening sentence names
# (到2025年, …) holds for every goal under it, and a later year named there takes over.
_GOALS_HEADING = re.compile(r"目标")
_SENTENCE = re.compile(r"[^。!?！？\n]+")
_BULLET_LINE = re.compile(r"(?m)^[ \t\u3000]*(?:——|—|--|-)(?=[^—\-\d])[^\n]*")


def goals_years(text: str, outline: tuple[OutlineNode, ...], years: PlanYears) -> Callable[[int], int | None]:
    """A function giving, for a position inside a goals part, the goal year last named in that part before it.

    >>> text = ("(二)发展目标。到2026年,产业规模突破600亿元。\\n"
    ...         "——应用水平显著提升。累计培育300个以上应用场景。\\n(三)重点任务")
    >>> nodes = (OutlineNode("(二)", "(二)", "发展目标", 1, 0, 29), OutlineNode("(三)", "(三)", "重点任务", 1, 55, 62))
    >>> year_at = goals_years(text, nodes, PlanYears(None, 2024))
    >>> year_at(43), year_at(58)
    (2026, None)
    >>> goals_years("总体要求。到2026年,总体水平处于前列。\\n——集群发展。培育20家左右企业。\\n",
    ...              (), PlanYears(None, 2024))(30)
    2026
    """
    parts = [(start, end, _named_years(text, start, end, years)) for start, end in _goals_parts(text, outline)]
    parts = [(start, end, named) for start, end, named in parts if named]

    def year_at(position: int) -> int | None:
        holding = [(start, named) for start, end, named in parts if start <= position < end]
        if not holding:
            return None
        named = max(holding)[1]  # the innermost goals part
        at = bisect_left(named, (position, -1))
        return named[at - 1][1] if at else None

    return year_at


def _goals_parts(text: str, outline: tuple[OutlineNode, ...]) -> list[tuple[int, int]]:
    """(start, end) of each goals section and each bullet run with its lead-in paragraph."""
    parts = []
    for index, node in enumerate(outline):
        if _GOALS_HEADING.search(node.heading):
            # Its bullets and paragraphs run on to the next heading of its rank or above, even where the
            # outline ended the section at its first paragraph.
            following = [n.start for n in outline[index + 1 :] if n.level <= node.level]
            parts.append((node.start, max(node.end, following[0] if following else node.end)))
    chapters = list(_CHAPTER_LINE.finditer(text))
    for chapter, following in zip(chapters, chapters[1:] + [None], strict=False):
        if _GOALS_HEADING.search(chapter.group("heading")):
            parts.append((chapter.start(), following.start() if following else len(text)))
    run_start = run_end = None
    for bullet in _BULLET_LINE.finditer(text):
        if run_end is not None and not text[run_end : bullet.start()].strip():
            run_end = bullet.end()
            continue
        if run_start is not None:
            parts.append((run_start, run_end))
        lead_in = text.rfind("\n", 0, max(0, bullet.start() - 1))
        while lead_in > 0 and not text[lead_in : bullet.start()].strip():  # blank lines before the first bullet
            lead_in = text.rfind("\n", 0, lead_in - 1)
        run_start, run_end = lead_in + 1, bullet.end()
    if run_start is not None:
        parts.append((run_start, run_end))
    return parts


def _named_years(text: str, start: int, end: int, years: PlanYears) -> list[tuple[int, int]]:
    named = []
    for sentence in _SENTENCE.finditer(text, start, end):
        named.extend((sentence.start() + at, year) for at, year in years.in_sentence(sentence.group()) if year)
    return named


_FUTURE_HEADING = re.compile(r"目标|任务|计划|部署|安排|建议|要求|重点|思路|取向")
_CHAPTER_LINE = re.compile(r"(?m)^[一二三四五六七八九十]{1,3}、(?P<heading>[^\n。]{1,30})$")


def _is_past_heading(heading: str, years: PlanYears) -> bool:
    if _FUTURE_HEADING.search(heading):  # “十三五”时期发展成就和“十四五”时期主要目标任务
        return False
    return bool(_PAST_HEADING.search(heading)) or any(y is False for _, y in years.in_sentence(heading))
