"""The controlled vocabulary of industrial-policy themes, and detecting them in a notice's text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeDefinition:
    slug: str
    name: str
    keywords: tuple[str, ...]


THEMES: tuple[ThemeDefinition, ...] = (
    ThemeDefinition("industrial-cluster", "产业集群", ("产业集群", "集群发展", "产业链", "链长制")),
    ThemeDefinition("industrial-platform", "产业平台", ("产业集聚区", "开发区", "工业园区", "产业园区", "产业平台", "高新区", "经济技术开发区")),
    ThemeDefinition("emerging-industries", "战略性新兴产业", ("战略性新兴产业", "新兴产业", "新一代信息技术", "高端装备", "新材料", "生物医药", "新能源")),
    ThemeDefinition("traditional-upgrade", "传统产业改造提升", ("传统产业", "改造提升", "技术改造", "技改", "转型升级")),
    ThemeDefinition("investment-promotion", "招商引资", ("招商引资", "招商", "引进项目", "承接产业转移")),
    ThemeDefinition("innovation", "科技创新", ("科技创新", "技术创新", "研发", "创新平台", "高新技术企业", "专精特新")),
    ThemeDefinition("talent", "人才", ("人才", "引才", "技能培训", "专家")),
    ThemeDefinition("finance", "金融", ("金融", "融资", "贷款", "担保", "上市", "基金", "信贷")),
    ThemeDefinition("land", "土地", ("土地", "用地", "亩均", "低效用地", "土地利用")),
    ThemeDefinition("green", "节能环保", ("节能", "环保", "减排", "循环经济", "绿色发展", "生态", "碳达峰", "能耗")),
    ThemeDefinition("business-environment", "营商环境", ("营商环境", "放管服", "审批", "行政服务", "最多跑一次", "优化服务")),
    ThemeDefinition("modern-agriculture", "现代农业", ("现代农业", "农业产业化", "农产品", "特色农业", "乡村振兴")),
    ThemeDefinition("modern-services", "现代服务业", ("现代服务业", "服务业", "物流", "电子商务", "文化旅游", "旅游")),
    ThemeDefinition("digital-economy", "数字经济", ("数字经济", "信息经济", "大数据", "互联网", "智能制造", "人工智能", "数字化")),
)


def detect_themes(text: str) -> tuple[str, ...]:
    """Theme names whose keywords occur in the text, in vocabulary order.

    >>> detect_themes("加快产业集聚区建设,培育产业集群")
    ('产业集群', '产业平台')
    """
    return tuple(theme.name for theme in THEMES if any(keyword in text for keyword in theme.keywords))
