"""The controlled vocabulary of industrial-policy themes, and detecting the few a notice is about.

Almost every industrial notice mentions 人才, 金融 and 土地 somewhere in its 保障措施, so mere presence
says little. A theme is scored by how often its terms occur (core terms count triple), with a bonus
when they appear in the title or in section headings, and kept only when it is strong both in
absolute terms and next to the notice's leading theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeDefinition:
    slug: str  # stable: the data migration and URLs use it
    name: str
    keywords: tuple[str, ...]  # the first `core` ones are the theme's own names; the rest are weaker signs
    core: int = 1
    # Enabling themes (人才, 金融, 土地, 营商环境) fill every notice's 保障措施: their score counts half.
    enabling: bool = False


THEMES: tuple[ThemeDefinition, ...] = (
    ThemeDefinition(
        "industrial-cluster", "产业集群", ("产业集群", "集群发展", "块状经济", "产业链", "链长制", "集群"), core=3
    ),
    ThemeDefinition(
        "industrial-platform",
        "产业集聚区",
        ("产业集聚区", "开发区", "工业园区", "产业园区", "产业平台", "高新区", "经济技术开发区", "园区", "集聚区"),
        core=5,
    ),
    ThemeDefinition(
        "emerging-industries",
        "战略性新兴产业",
        ("战略性新兴产业", "新兴产业", "新一代信息技术", "高端装备", "新材料", "生物医药", "新能源"),
        core=2,
    ),
    ThemeDefinition(
        "traditional-upgrade",
        "传统产业改造提升",
        ("传统产业", "改造提升", "技术改造", "技改", "转型升级", "淘汰落后"),
        core=3,
    ),
    ThemeDefinition(
        "investment-promotion", "招商引资", ("招商引资", "招商", "引进项目", "承接产业转移", "产业转移", "外资"), core=2
    ),
    ThemeDefinition(
        "innovation",
        "科技创新",
        ("科技创新", "技术创新", "自主创新", "研发", "创新平台", "高新技术企业", "专精特新", "科技成果转化"),
        core=3,
    ),
    ThemeDefinition("talent", "人才", ("人才", "引才", "技能培训", "专业技术人员"), core=1, enabling=True),
    ThemeDefinition(
        "finance", "金融", ("金融", "融资", "贷款", "担保", "信贷", "上市", "产业基金"), core=2, enabling=True
    ),
    ThemeDefinition("land", "土地", ("土地", "用地", "亩均", "低效用地", "节约集约"), core=2, enabling=True),
    ThemeDefinition(
        "green", "节能环保", ("节能", "环保", "减排", "循环经济", "绿色发展", "碳达峰", "能耗", "污染"), core=2
    ),
    ThemeDefinition(
        "business-environment",
        "营商环境",
        ("营商环境", "放管服", "行政审批", "审批", "最多跑一次", "优化服务", "政务服务"),
        core=2,
        enabling=True,
    ),
    ThemeDefinition(
        "modern-agriculture", "现代农业", ("现代农业", "农业产业化", "农产品", "特色农业", "乡村振兴", "农业"), core=2
    ),
    ThemeDefinition(
        "modern-services",
        "现代服务业",
        ("现代服务业", "服务业", "现代物流", "物流", "电子商务", "文化旅游", "旅游"),
        core=2,
    ),
    ThemeDefinition(
        "digital-economy",
        "数字经济",
        ("数字经济", "信息经济", "大数据", "互联网", "智能制造", "人工智能", "数字化"),
        core=2,
    ),
)

CORE_WEIGHT = 3
TITLE_BONUS = 12  # a theme named in the title is what the notice is about
HEADING_BONUS = 4
PER_TERM_CAP = 25  # one term repeated fifty times is still one idea
MIN_SCORE = 12
RELATIVE = 0.45  # weaker than 45% of the leading theme: a side remark
MAX_THEMES = 4

_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节条])(.{0,40})"
)


def detect_themes(text: str, *, title: str | None = None) -> tuple[str, ...]:
    """The few themes a notice is really about, strongest first.

    >>> detect_themes("2015年平顶山市加快产业集聚区建设专项工作方案\\n一、产业集聚区提质\\n"
    ...               "培育产业集群,壮大产业集群,产业集聚区建设")
    ('产业集聚区', '产业集群')
    """
    scores = theme_scores(text, title=title)
    top = max(scores.values(), default=0)
    chosen = [name for name, score in scores.items() if score >= MIN_SCORE and score >= RELATIVE * top]
    chosen.sort(key=lambda name: -scores[name])
    return tuple(chosen[:MAX_THEMES])


def theme_scores(text: str, *, title: str | None = None) -> dict[str, int]:
    """Every theme's score, for tuning and for showing why a theme was chosen.

    >>> theme_scores("招商引资", title="")["招商引资"]
    3
    """
    lines = text.split("\n")
    title = title if title is not None else "\n".join(lines[:3])
    headings = "\n".join(m.group(0) for line in lines if (m := _HEADING.match(line.strip())))
    return {theme.name: _score(theme, text, title, headings) for theme in THEMES}


def _score(theme: ThemeDefinition, text: str, title: str, headings: str) -> int:
    score = 0
    for position, keyword in enumerate(theme.keywords):
        # Count a shorter term only where a longer one already counted does not cover it (集群 in 产业集群).
        count = text.count(keyword) - sum(
            text.count(longer) for longer in theme.keywords[:position] if keyword in longer
        )
        weight = CORE_WEIGHT if position < theme.core else 1
        score += min(max(count, 0), PER_TERM_CAP) * weight
    if any(keyword in title for keyword in theme.keywords):
        score += TITLE_BONUS
    score += HEADING_BONUS * min(3, sum(1 for keyword in theme.keywords if keyword in headings))
    return score // 2 if theme.enabling else score
