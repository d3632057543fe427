"""A target's metric as a readable noun phrase from its sentence, and figures that are idioms, not values.

The target rules cut a metric out of the words before a figure; at the edges of a clause that cut can
leave a fragment: a comparator (不少于), a list's tail (、2025年), an outline marker (五)各省…推荐项目不),
a word broken by a line break (培育智 | 能制造标杆企业) or only a verb (增长, 引进). tidy_targets() mends
each metric from the text around it, once, after all target rules ran.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .types import Target

_HAN = re.compile(r"[\u4e00-\u9fff]")
# Outline markers and punctuation a clause can open with: (五) 五) 1. 2、 -- 》 、
_LEAD_MARKS = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、]|[(（]?\d{1,2}[)）、．]|\d{1,2}\.(?!\d)|[-—]{2}|[、,，;；:：)）》”\"'\s])+"
)
_LEAD_TIME = re.compile(r"^(?:[、和及]?(?:到|至|在)?(?:20\d\d|19\d\d)年(?:底|末|前|内)*[、和及]?)+")
_LEAD_WORDS = re.compile(r"^(?:的|提出了?|同时提出|其中|但|并且?|同时|把|将|使|对|支撑|原则上|力争|确保|争取|通过)+")
# Comparators inside a metric: 促进不少于(10项)新技术新产品 → 促进新技术新产品.
_COMPARATORS = re.compile(r"(?:均|都|分别|应|要)?(?:不得|不)(?:少于|低于|超过|高于)|至少")
# 占比不超过服务资源总量的(30%): the comparator and the whole after it go together.
_COMPARED_TO = re.compile(r"(?:均|都|分别|应|要)?(?:不得|不)?(?:少于|低于|超过|高于)[^、,，]{2,20}的$")
_TRAILING = re.compile(
    r"(?:保持在|稳定在|控制在|定在|拟定|目标定|将高达|将高|高达|应在|应于|源于|只有|达到|分别|累计|继续|低于|高于|超过|突破|"
    r"(?<!下)降|(?<![人亩户])均|[在的了将要应不于为是从由可都各再约近达至到和及与或、等有])+$"
)
_DOUBLED_VERB = re.compile(r"(下降|增长|降低|提高|提升|减少|增加)\1$")
_SOFTENER = re.compile(r"(?:要|确保|力争|争取)(?=(?:分别|再)?(?:下降|降低|减少|增长|提高|增加|提升))")
# A metric that names no measure: only a verb, a share without its whole, a total.
_BARE = re.compile(
    r"^(?:增长|增加|增速|增幅|提高|提升|下降|降低|减少|占比|比重|比例|投资|引进|打造|建成|建设|推进|开工|新增|培育|"
    r"实现|完成|预期增长|比上年增长|分别实际增长|实际增长|件|对)?$"
)
_GROWTH_ONLY = re.compile(r"^(?:同比|比上年|较上年|年均|预期|实际)*(?:增长|增速|增幅|提高|下降|降低|占比|比重)")
_COUNTED = re.compile(r"(?:以上|左右|以内)?((?:[^\s,;:。，；：、()（）和及或等]|及以上|以上)+)")
# 亿万人, 千千万万: idioms of multitude, never a figure a notice sets.
_IDIOM = re.compile(r"(?:亿万|千千万万|成千上万|万万|千万万)[\u4e00-\u9fff]{0,2}$")
_TIME_UNITS = frozenset({"个工作日", "工作日", "小时", "天"})


def readable_metric(metric: str) -> str:
    """The metric without the edges a cut left: markers, times, comparators, trailing particles.

    >>> for m in ("五)各省、自治区、直辖市推荐项目不", "促进不少于新技术新产品首用首试", "、2025年",
    ...           "二氧化硫、氮氧化物排放量要分别下降", "城镇登记失业率低于", "万元GDP能耗确保下降下降"):
    ...     print(repr(readable_metric(m)))
    '各省、自治区、直辖市推荐项目'
    '促进新技术新产品首用首试'
    ''
    '二氧化硫、氮氧化物排放量分别下降'
    '城镇登记失业率'
    '万元GDP能耗下降'
    """
    text = metric.strip()
    for _ in range(3):  # each strip can uncover another edge: 》提出了…, 、2025年…
        before = text
        text = _LEAD_TIME.sub("", _LEAD_MARKS.sub("", text))
        text = _LEAD_WORDS.sub("", text) if len(_HAN.findall(_LEAD_WORDS.sub("", text))) >= 2 else text
        text = _COMPARATORS.sub("", _COMPARED_TO.sub("", text))
        text = _SOFTENER.sub("", text)
        text = _balanced(_TRAILING.sub("", text))
        text = _DOUBLED_VERB.sub(r"\1", text)
        if text == before:
            break
    return text


def _balanced(text: str) -> str:
    """Without quotes and brackets that open or close nothing within the metric: “山东制造·齐鲁精品” stays whole."""
    text = text.strip()
    for opening, closing in (("“", "”"), ("(", ")"), ("（", "）")):
        if text.endswith(opening) or text.startswith(closing):
            text = text.strip(opening + closing)
        if text.count(opening) < text.count(closing) and text.endswith(closing):
            text = text[:-1]
        if text.count(opening) > text.count(closing):
            text = text + closing if opening in "“" else text.replace(opening, "", 1)
    return text.strip(' "')


def is_fragment(metric: str) -> bool:
    """Whether a metric is not a readable noun phrase (the check the tests hold every stored metric to).

    >>> [is_fragment(m) for m in ("不少于", "、2025年", "培育智", "应于", "亩均税收", "5G基站数量", "增长")]
    [True, True, True, True, False, False, True]
    """
    if len(_HAN.findall(metric)) < 2 or _BARE.match(metric):
        return True
    if metric.endswith("智"):  # the commonest word a line break cuts (智能, 智慧)
        return True
    return readable_metric(metric) != metric.strip()


def is_idiom(target: Target) -> bool:
    """亿万人 (源于亿万人), 千千万万: a figure of speech the number rules read as 100,000,000 万人.

    >>> is_idiom(Target(text="市场活力和社会创造力源于亿万人", metric="", value=1e8, unit="万人"))
    True
    """
    return bool(_IDIOM.search(target.text))


def tidy_targets(targets: tuple[Target, ...], text: str) -> tuple[Target, ...]:
    """Targets with readable metrics, idioms left out; `text` is the clean text their offsets index.

    >>> text = "培育15家以上智\\n能制造标杆企业,增长14.9%"
    >>> targets = (Target(text="培育15家以上", metric="培育智", value=15, unit="家", start=0, end=7),)
    >>> [t.metric for t in tidy_targets(targets, text)]
    ['培育智能制造标杆企业']
    """
    tidied: list[Target] = []
    for target in targets:
        if is_idiom(target) or target.unit.endswith("部") and text.startswith("件", target.end or 0):
            continue  # 亿万人; 零部|件: a word the unit 部 was cut out of
        metric = _mend(target, text, tidied[-1] if tidied else None)
        tidied.append(target if metric == target.metric else replace(target, metric=metric))
    return tuple(tidied)


def _mend(target: Target, text: str, previous: Target | None) -> str:
    following = _following(text, target.end)
    metric = target.metric
    if metric.rstrip().endswith("、") and following:
        metric = following  # 5万个5G基站、8万个|智能网联充电设施: the list's next noun follows its figure
    if "\n" in re.split(r"[,;:。，；：、]", text[target.end or 0 : (target.end or 0) + 40])[0]:
        metric = _joined(metric, following)  # a word a line break cut: 培育智 | 能制造标杆企业
    metric = readable_metric(metric)
    if _GROWTH_ONLY.match(metric) and previous is not None and _same_sentence(text, previous, target):
        metric = readable_metric(previous.metric + metric)  # 产值1000亿元,增长15%: the growth of the figure before
    if is_fragment(metric) and target.unit in _TIME_UNITS and following.startswith("内"):
        metric = following[1:] + "时限"  # 应于10个工作日内完成材料初审 → 完成材料初审时限
    if is_fragment(metric) and previous is not None and _same_sentence(text, previous, target):
        metric = previous.metric  # 2024年、2025年分别突破2.2万亿元、2.4万亿元: the same measure again
        if previous.unit != target.unit:  # 营收年均增长10%,2024年…突破2.2万亿元: the amount, not its growth
            metric = re.sub(r"(?:年均|同比)?(?:增长|增速|增幅)$", "", metric)
    if is_fragment(metric):
        metric = readable_metric(_before_figure(target) + following) or metric
    if is_fragment(metric):
        metric = readable_metric(target.text)  # nothing better: the clause as written, figure and all
    return metric[-60:]


def _following(text: str, end: int | None) -> str:
    """The noun right after a figure (培育15家以上|智能制造标杆企业), read across a line break."""
    if end is None or not text:
        return ""
    window = re.sub(r"\s*\n\s*", "", text[end : end + 40])
    m = _COUNTED.match(window)
    return m.group(1)[:20] if m else ""


def _joined(metric: str, following: str) -> str:
    """培育智 + 智能制造标杆企业 → 培育智能制造标杆企业: a metric ending in the start of the following noun."""
    for size in range(min(len(metric), len(following) - 1), 0, -1):
        if metric.endswith(following[:size]):
            return metric[:-size] + following
    return metric


def _before_figure(target: Target) -> str:
    clause = target.text
    m = re.search(r"[\d零〇一二两三四五六七八九十百千万亿]+(?:\.\d+)?[^\d]*$", clause)
    return clause[: m.start()] if m else clause


def _same_sentence(text: str, previous: Target, target: Target) -> bool:
    if None in (previous.end, target.start, target.end) or previous.end > target.end:
        return False
    return not re.search(r"[。!?！？;；\n]", text[min(previous.end, target.start) : target.start])
