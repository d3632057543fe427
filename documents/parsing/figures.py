"""Figures: a number with its unit as a notice writes it (1000亿元, 2—3家, 15%, 五个工作日, 翻番), where it
sits in its sentence, and the words that only look like one (零部件, 二次开发, 第65次, 人机物三元).

    >>> [(f.value, f.value_max, f.unit, f.mod) for f in read_figures("新建2—3家研发机构,产值达到1000亿元以上")]
    [(2.0, 3.0, '家', ''), (1000.0, None, '亿元', '以上')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_number
from .scanning import starting_with

_NUM = r"(?:\d+(?:\.\d+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+)"
# A figure starts where its digit run starts: a match tried inside a long run would rescan the run's
# rest from every digit (quadratic); _figure() refused such a cut run anyway.
_NUM_START = r"(?:(?<![\d.])(?=\d)|(?<![\d零〇一二两三四五六七八九十百千万亿])(?=[零〇一二两三四五六七八九十百千万亿]))"
# Longest first, so 万平方米 is not read as 万 + 平方米's tail.
_BASE_UNITS = (
    "个百分点",
    "百分点",
    "个工作日",
    "工作日",
    "吨标准煤",
    "标准煤",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "标箱",
    "人次",
    "美元",
    "元",
    "公斤",
    "斤",
    "%",
    "‰",
    "倍",
    "亩",
    "吨",
    "个",
    "家",
    "项",
    "名",
    "人",
    "户",
    "座",
    "所",
    "条",
    "台",
    "辆",
    "件",
    "款",
    "种",
    "处",
    "套",
    "部",
    "场",
    "栋",
    "张",
    "艘",
    "架",
    "只",
    "床",
    "支",
    "次",
    "小时",
    "天",
    "位",
    "EB",
    "PB",
    "TB",
    "Gbps",
    "Mbps",
    "GW",
    "MW",
)
# 个 before 月/年/季度 is a duration (48个月), not a count.
_UNIT = "|".join(re.escape(u) + ("(?![月年季星])" if u == "个" else "") for u in _BASE_UNITS) + r"|(?i:[EPT]FLOPS)"
_FIGURE = starting_with(
    r"\d零〇一二两三四五六七八九十百千万亿",
    rf"{_NUM_START}(?P<num>{_NUM})(?:%?\s*(?:—|–|-|~|～|至|到)\s*(?P<max>{_NUM}))?(?P<approx>余|多)?"
    rf"(?:(?P<unit>{_UNIT})|(?<=亿))(?P<per>/(?:人|亩|吨|年|户|天|平方米|吨标准煤|千瓦时))?(?P<mod>及以上|及以下|以上|以下|左右|以内|之内)?",
)
_FIGURE_HINT = re.compile(r"[\d一二三四五六七八九十百千万亿两番]")  # a sentence without one of these holds no figure
_DOUBLING = re.compile(r"“?翻(?P<times>一|两|二)?番”?")
COUNT_UNITS = frozenset("位 个 家 项 名 人 户 座 所 条 台 辆 件 款 种 处 套 部 场 栋 张 艘 架 只 床 支 次 人次".split())
TIME_UNITS = frozenset({"个工作日", "工作日", "小时", "天"})
_TIME_DONE = re.compile(r"内(?:办结|完成|办理|答复|审结|出具|反馈|处理|回复)")
# Each figure is weighed against its clause (tens of microseconds). The notice of the dev corpus with
# most figures holds about 200: past 20,000 a text is a data dump or hostile, and weighing every `5%`
# of a 10 MB run would take minutes. The figures after the bound are not read.
MAX_FIGURES = 20_000


@dataclass(frozen=True)
class Figure:
    value: float
    value_max: float | None
    unit: str
    mod: str
    start: int
    end: int
    graded: bool = False  # 千亿级: a class a named tally of items reaches (等3个千亿级产业集群)
    explicit: bool = True  # False for 亿 with no 元 written

    @property
    def count(self) -> bool:
        """A count of things, at any scale: 3家, 2万家, 1万名."""
        return self.unit.lstrip("万亿") in COUNT_UNITS


def read_figures(sentence: str, *, limit: int = MAX_FIGURES) -> list[Figure]:
    """The sentence's first `limit` figures, in reading order."""
    if not _FIGURE_HINT.search(sentence):
        return []
    figures = []
    for m in _FIGURE.finditer(sentence):
        figure = _figure(m, sentence)
        if figure is not None:
            figures.append(figure)
            if len(figures) >= limit:
                break
    for m in _DOUBLING.finditer(sentence, 0, figures[-1].end if len(figures) >= limit else len(sentence)):
        figures.append(Figure(4.0 if m.group("times") in ("两", "二") else 2.0, None, "倍", "", m.start(), m.end()))
    return sorted(figures, key=lambda f: f.start)[:limit]


def _figure(m: re.Match, sentence: str) -> Figure | None:
    num, unit, maximum = m.group("num"), m.group("unit") or "", m.group("max")
    if m.start() and re.match(r"[\d.A-Za-z第]", sentence[m.start() - 1]):  # 第65次, G20, a cut digit run
        return None
    if maximum and maximum[-1] in "万亿" and num[-1] not in "万亿":  # 2—3万人: the scale belongs to both ends
        num += maximum[-1]
    scale = ""
    for big in ("万亿", "亿", "万"):
        if (maximum or num).endswith(big) and (unit or big == "亿"):
            scale, num = big, num[: -len(big)]
            maximum = maximum[: -len(big)] if maximum and maximum.endswith(big) else maximum
            break
    if scale == "万亿" and unit == "元":  # 超万亿元: written in 亿元 like every other large sum
        scale, num = "亿", f"{num or '1'}万"
        maximum = f"{maximum}万" if maximum else maximum
    unit = _unit(scale, unit, m.group("approx")) + (m.group("per") or "")  # 30万元/人: a rate, as written
    if not unit:
        return None
    if not num:  # 万亩以上: one 万, but only right after a verb (达到万亩以上), not 亿元以上项目
        if not re.search(r"(?:达到|突破|超过|超|过|近)$", sentence[max(0, m.start() - 4) : m.start()]):
            return None
        num = "1"
    if num == "一" and not scale:  # 一个产业, 一家: an article, not a count
        return None
    if (
        unit == "次"
        and len(num) == 1
        and not num.isdigit()
        and re.match(r"[\u4e00-\u9fff]", sentence[m.end() : m.end() + 1])
    ):
        return None  # 二次开发, 三次产业: a compound word, not a count
    value = parse_number(num)
    value_max = parse_number(maximum) if maximum else None
    if not value or (maximum and value_max is None):  # 零部件: 零 is no figure
        return None
    if not num[0].isdigit() and (unit in ("元", "处") or unit == "项" and value <= 10 and not m.group("mod")):
        return None  # 人机物三元, 审批服务三处, 四项工作, 六项保障措施: words and labels, not figures
    if unit in TIME_UNITS and not time_committed(sentence, m.end(), unit):
        return None
    graded = unit == "亿元" and not m.group("unit") and sentence.startswith("级", m.end())
    return Figure(value, value_max, unit, m.group("mod") or "", m.start(), m.end(), graded, bool(m.group("unit")))


def _unit(scale: str, unit: str, approx: str | None) -> str:
    if scale and not unit:
        return "亿元" if scale == "亿" else ""
    unit = unit.replace("％", "%")
    return scale + unit if scale else unit


def time_committed(sentence: str, end: int, unit: str) -> bool:
    """10个工作日内办结: a processing time the body commits to. Working days are only ever such a time;
    hours and days only with the act that is done within them (2天内完成, not 7天内 as a window)."""
    if "工作日" in unit:
        return sentence.startswith("内", end)
    return bool(_TIME_DONE.match(sentence, end))
