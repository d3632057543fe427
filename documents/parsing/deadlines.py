"""Deadlines: 6月底前, 年底前, 2022年10月底前 … resolved against the notice's date.

A deadline is a dated commitment: a month, a day, a year's end or a quarter's end that work must be done
by. What is *not* one matters as much: a bare 到2025年 heading a goal (that is the target's year), a
relative window (7日内, 三年内), a past fact (2014年底全市已有…, 去年底), a date a rule takes effect
(自2015年10月1日起), a signature date, and review rhythms (季度比评、年中督查).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .scanning import starting_with
from .types import Deadline, Task

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"


def _before(name: str) -> str:
    return rf"(?P<{name}>之前|以前|前)?"


_BEFORE_GROUPS = ("b_month", "b_year", "b_quarter", "b_half")
# What may follow a bare 年底/年末/年中 for it to be a commitment, not a past fact (年末城镇调查失业率降到5.5%).
_ACTION = (
    r"(?=[要将须需应]|前|基本|全面|完成|实现|建成|出台|启动|开工|投产|取得|形成|达到|确保|力争|争取|"
    r"全部|初步|制定|建立|落实|完善|推出|上线|运行|竣工|组织|开展|进行|考评|汇总|自查|分别|[和、及]年[中末底终])"
)
# Not a commitment: a rule taking effect, a period beginning, one end of a range.
_NOT_AFTER = re.compile(r"[起至到~—-]|开始|以来|召开|印发|发布|施行|实施以来")

_PATTERN = starting_with(
    "每到至于在截今明本年底末中内终第上0-9一二三四五六七八九十",
    # Recurring deadlines: 每月28日前, 每季度末, 每年12月底前 (date null unless the occurrences are listed).
    r"(?P<every>每(?:个)?(?:年|半年|季度|季|月)(?:度)?(?:的)?(?:(?:" + _MONTH + r")月份?)?"
    r"(?:(?:" + _DAY + r")[日号]|底|末|初)?(?:之前|以前|前)?)"
    r"|(?:(?P<lead>到|至|于|在|截至|截止) ?)?"
    r"(?:(?P<year>(?:19|20)\d{2}) ?年|(?P<rel>今|明|本)年)?"
    r"(?:"
    # 6月底前, 10月15日前, 十月底前, 9月底 (a dated milestone), 2015年6月份前
    r"(?<![\d一二三四五六七八九十])(?P<month>" + _MONTH + r") ?月份?"
    r"(?:(?P<day>"
    + _DAY
    + r")(?:[日号]|(?=前))(?:[((](?:周|星期)[一二三四五六日天][))])?|(?P<part>底|末|上旬|中旬|下旬))?"
    + _before("b_month")
    +
    # 年底前, 2015年底前, 到2020年底, 今年内, 年中 (tied to an action)
    r"|(?<!\d )(?<![\d今明去本当上下前后全每一二三四五六七八九十两几数多近半])(?P<yearpart>年?(?:底|末|中|内|终))"
    + _before("b_year")
    +
    # 一季度末, 第三季度前, 上半年前
    r"|(?<![前后每])(?P<quarter>第?[一二三四1-4])季度(?P<qpart>末|底)?"
    + _before("b_quarter")
    + r"|(?P<half>上半年)(?:底|末)?"
    + _before("b_half")
    + r")",
)
# 2008年前 / 2020年以前 with its year: a year-end deadline (not 2015年前三季度).
_YEAR_BEFORE = starting_with(
    "到12", r"(?P<lead>到)?(?P<year>(?:19|20)\d{2})年(?:之前|以前|前)(?![三两一二四五六七八九十\d几个半])"
)
# 每季度末(分别在3月、6月、9月和12月底): the listed occurrences of a recurring deadline.
_OCCURRENCES = re.compile(
    r"\s*[((]?\s*(?:分别在|分别于|即|分别为)\s*((?:(?:" + _MONTH + r")月份?底?[、,和及与]?){2,12})"
)
_LISTED_MONTH = re.compile(r"(" + _MONTH + r")月")
# A table cell or a labelled field that holds only a month: 完成时限 | 2015年12月 |
_CELL_MONTH = starting_with(
    r"\s12时完",
    r"(?:(?:(?<=\| )|(?<=\|))\s*(?P<year>(?:19|20)\d{2})年(?P<month>1[0-2]|0?[1-9])月(?=\s*(?:\||$|\n))"
    r"|(?:时限|完成时间|时间节点|完成期限)\s*[:：]\s*(?P<lyear>(?:19|20)\d{2})年(?P<lmonth>1[0-2]|0?[1-9])月(?![\d底末份中上下初前]|[至到起—-]))",
)
_SENTENCE_END = re.compile(r"[。\n]")
# What a month-only date is set for: 7月份对…进行专项检查, 10月份进行预考核, 9月启动.
_MONTH_ACTION = re.compile(r"进行|开展|组织|启动|完成|召开|举办|实施|部署|检查|督导|考核|评估|验收|上报|报送")
# A figure in the clause after 年内: 年内力争完成投资1000亿元.
_GOAL_FIGURE = re.compile(r"[^。;；,，]{0,30}?\d")


def _opens_clause(text: str, position: int) -> bool:
    """2020年底,城区开办企业…: a year's end that opens its paragraph or sentence is a milestone date."""
    return position == 0 or text[position - 1] in "\n。;；" or not text[max(0, position - 3) : position].strip()


def extract_deadlines(text: str, *, reference_date: date | None, offset: int = 0) -> tuple[Deadline, ...]:
    """The deadlines in a passage; `offset` is the passage's start in clean_text (for Deadline.start/end).

    >>> [(d.text, str(d.date))
    ...  for d in extract_deadlines("6月底前,制定方案;年底前,基本完成", reference_date=date(2015, 4, 24))]
    [('6月底前', '2015-06-30'), ('年底前', '2015-12-31')]
    >>> extract_deadlines("到2025年,产值达到100亿元;7日内办结", reference_date=date(2015, 4, 24))
    ()
    """
    found: list[Deadline] = []
    carried: tuple[int, int] | None = None  # (sentence start, year) of the last explicit year in this sentence
    sentence, scanned = 0, 0
    for match in _PATTERN.finditer(text):
        if match["every"]:
            found.extend(_recurring(text, match, reference_date, offset))
            continue
        sentence = _sentence_start(text, match.start(), scanned, sentence)
        scanned = match.start()
        year_hint = carried[1] if carried and carried[0] == sentence else None
        resolved = _resolve(text, match, reference_date, year_hint)
        if resolved is None:
            continue
        start = match.start("lead") if match["lead"] == "到" else match.start() + len(match["lead"] or "")
        found.append(Deadline(text[start : match.end()], resolved[0], offset + start, offset + match.end()))
        if match["year"]:
            carried = (sentence, int(match["year"]))
    found.extend(_years_before(text, reference_date, offset))
    found.extend(_cell_months(text, reference_date, offset))
    return tuple(sorted(_distinct_spans(found), key=lambda d: d.start))


def _resolve(text: str, match: re.Match, reference: date | None, year_hint: int | None) -> tuple[date | None] | None:
    """(date,) for a deadline, (None,) when it is one but cannot be dated, None when it is not a deadline."""
    lead = match["lead"]
    before = next((match[g] for g in _BEFORE_GROUPS if match[g]), None)
    if lead in ("截至", "截止") and not before:
        return None  # 截至2014年底: a baseline
    year = _year(match, reference, year_hint)
    if year is not None and match["year"] and reference and year < reference.year:
        # A past fact (2005年底前注册营运的黄标车, 2014年底全市已有…), unless it is a "by" date of the year
        # before a notice published late (常发〔2007〕 published 2008: 在2007年内组建).
        if year < reference.year - 1 or not (before or (match["yearpart"] or "").endswith("内")):
            return None
    after = text[match.end() : match.end() + 4]
    if after.startswith(("已", "业已")):
        return None  # 2018年12月31日之前已完成转制的企业: a condition on the past
    if match["month"]:
        if _NOT_AFTER.match(after):
            return None
        if not (before or match["part"] or lead in ("于", "到")) and (match["day"] or not _dated_action(text, match)):
            return None
        if not before and not match["part"] and not match["day"] and not lead and not _dated_action(text, match):
            return None
        return (_month_date(year, match["month"], match["day"], match["part"]),)
    if match["yearpart"]:
        return _year_part(match, year, after, text)
    if match["quarter"]:
        if not (before or match["qpart"]):
            return None
        quarter = _number(match["quarter"].lstrip("第"))
        return (_month_date(year, str(quarter * 3), None, "底") if 1 <= quarter <= 4 else None,)
    if match["half"] and (before or text[match.end() - 1] in "底末"):
        return (_month_date(year, "6", None, "底"),)
    return None


def _dated_action(text: str, match: re.Match) -> bool:
    """7月份对…进行专项检查督导, 10月份进行预考核: a month-only date an action is set for (not 7月1日起施行)."""
    clause = re.match(r"[^。;；,，]{0,40}", text[match.end() :]).group()
    if match.group().rstrip().endswith("份"):
        return bool(_MONTH_ACTION.search(clause))
    return bool(_MONTH_ACTION.match(clause))


def _year_part(match: re.Match, year: int | None, after: str, text: str = "") -> tuple[date | None] | None:
    part = match["yearpart"].lstrip("年")
    explicit = match["year"] or match["rel"]
    if not explicit and not match["yearpart"].startswith("年"):
        return None  # a lone 底/末/中/内 is no date
    if part == "中" and not (match["b_year"] or match["lead"] in ("于", "在") or re.match(_ACTION, after)):
        return None  # 今年中央…, 年中督查
    milestone = match["year"] and after.startswith((",", "，")) and _opens_clause(text, match.start())
    if part in ("底", "末", "终") and not (match["b_year"] or match["lead"] or milestone or re.match(_ACTION, after)):
        return None  # 年末城镇调查失业率降到5.5%, 2008年底IBM首次提出…: past facts
    if part == "内" and _GOAL_FIGURE.match(text, match.end()):
        return None  # 年内力争完成投资1000亿元以上: the goal's year, like a bare 到2025年
    if part == "内" and re.match(r"[外]", after):
        return None
    if year is None:
        return (None,)
    return (date(year, 6, 30) if part == "中" else date(year, 12, 31),)


def _year(match: re.Match, reference: date | None, hint: int | None) -> int | None:
    if match["year"]:
        return int(match["year"])
    if match["rel"]:
        return reference.year + (1 if match["rel"] == "明" else 0) if reference else None
    return hint or (reference.year if reference else None)


def _month_date(year: int | None, month_text: str, day_text: str | None, part: str | None) -> date | None:
    month = _number(month_text)
    if year is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day_text:
        day = _number(day_text)
        return date(year, month, day) if 1 <= day <= last else None
    return date(year, month, {"上旬": 10, "中旬": 20}.get(part or "", last))


def _number(text: str) -> int:
    """2 → 2, 十 → 10, 十二 → 12, 二十三 → 23."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN.get(tens, 0) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)


def _recurring(text: str, match: re.Match, reference: date | None, offset: int) -> list[Deadline]:
    """每月1日前 → one entry, date null; 每季度末(分别在3月、6月、9月和12月底) → one entry per listed month."""
    phrase = match["every"]
    if not re.search(r"[日号底末初前]$", phrase):
        return []  # 每季度, 每年: a rhythm, not a deadline
    listed = _OCCURRENCES.match(text, match.end())
    if listed and reference:
        months = list(_LISTED_MONTH.finditer(listed.group(1)))
        return [
            Deadline(
                f"{m.group(1)}月底",
                _month_date(reference.year, m.group(1), None, "底"),
                offset + listed.start(1) + m.start(),
                offset + listed.start(1) + m.end(),
            )
            for m in months
        ]
    return [Deadline(phrase, None, offset + match.start(), offset + match.end())]


def _years_before(text: str, reference: date | None, offset: int) -> list[Deadline]:
    found = []
    for match in _YEAR_BEFORE.finditer(text):
        year = int(match["year"])
        if reference and year < reference.year - 1:
            continue  # 2010年以前建成的: a past fact
        found.append(Deadline(match.group(), date(year, 12, 31), offset + match.start(), offset + match.end()))
    return found


def _cell_months(text: str, reference: date | None, offset: int) -> list[Deadline]:
    found = []
    for match in _CELL_MONTH.finditer(text):
        group = "year" if match["year"] else "lyear"
        year = int(match[group])
        if reference and year < reference.year:
            continue
        when = _month_date(year, match[group.replace("year", "month")], None, "底")
        found.append(
            Deadline(text[match.start(group) : match.end()], when, offset + match.start(group), offset + match.end())
        )
    return found


def _sentence_start(text: str, position: int, scanned: int, known: int) -> int:
    # Only the stretch since the last match is searched, so a long text costs one pass, not one per match.
    cut = max(text.rfind("。", scanned, position), text.rfind("\n", scanned, position))
    return cut + 1 if cut >= 0 else known


def _distinct_spans(found: list[Deadline]) -> list[Deadline]:
    # Two patterns may read the same words (2008年前 is also a year-end); keep the first reading of each span.
    # In order of start, a span lies inside a kept one exactly when it starts before the furthest kept end
    # (one comparison, not a scan of every kept span: 10,000 deadlines in a row were quadratic).
    seen: set[int] = set()
    kept, furthest = [], -1
    for deadline in sorted(found, key=lambda d: (d.start, -(d.end or 0))):
        if deadline.start in seen or deadline.start < furthest:
            continue
        seen.add(deadline.start)
        kept.append(deadline)
        furthest = max(furthest, deadline.end)
    return kept


def collect_deadlines(text: str, tasks: tuple[Task, ...], *, reference_date: date | None) -> tuple[Deadline, ...]:
    """Every deadline in the notice, one entry per distinct date (null-dated ones: one per wording).

    Without a date of its own, a notice titled with its year (2015年…工作方案, 2022年政府工作报告) is read in
    that year, as its 年底前 means.

    >>> [(d.text, str(d.date)) for d in collect_deadlines("8月底前明确方案;12月底前完成。年底前完成整合", (),
    ...                                                    reference_date=date(2020, 8, 20))]
    [('8月底前', '2020-08-31'), ('12月底前', '2020-12-31')]
    """
    everything = list(extract_deadlines(text, reference_date=reference_date or title_year(text)))
    spans = {d.start for d in everything}
    # A task's reading of the same words (perhaps without the year the whole text gave) is not a second deadline.
    everything.extend(d for task in tasks for d in task.deadlines if d.start not in spans)
    everything.sort(key=lambda d: d.start if d.start is not None else len(text))
    kept: list[Deadline] = []
    seen: set = set()
    for deadline in everything:
        key = deadline.date if deadline.date is not None else ("text", deadline.text)
        if key not in seen:
            seen.add(key)
            kept.append(deadline)
    return tuple(kept)


_TITLE_YEAR = re.compile(r"^[^\n]{0,30}?((?:19|20)\d{2})年(?![\d)）]|[—–~至到-])")


def title_year(text: str) -> date | None:
    """The year a notice's opening line gives it, as a date to resolve 年底前 against (Jan 1st of that year).

    >>> title_year("2015年平顶山市加快产业集聚区建设专项工作方案\\n…")
    datetime.date(2015, 1, 1)
    >>> title_year("关于印发行动计划(2021—2023年)的通知") is None
    True
    """
    for line in text.split("\n", 3)[:3]:
        found = _TITLE_YEAR.match(line)
        if found and len(line) <= 80:
            return date(int(found.group(1)), 1, 1)
    return None
