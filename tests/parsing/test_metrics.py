"""Readable metrics (documents/parsing/metrics.py): no fragment survives, idioms are not figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.parsing import parse_notice
from documents.parsing.metrics import is_fragment, readable_metric

NOTICES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "notices"


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("五)各省、自治区、直辖市推荐项目不", "各省、自治区、直辖市推荐项目"),
        ("促进不少于新技术新产品首用首试", "促进新技术新产品首用首试"),
        ("X86资源类占比不超过服务资源总量的", "X86资源类占比"),
        ("二氧化硫、氮氧化物排放量要分别下降", "二氧化硫、氮氧化物排放量分别下降"),
        ("》提出了“十一五”期间单位国内生产总值能源消耗降低", "“十一五”期间单位国内生产总值能源消耗降低"),
        ("粮食产量保持在", "粮食产量"),
        ("1.地区生产总值增长", "地区生产总值增长"),
        ("每年遴选“山东制造·齐鲁精品”", "每年遴选“山东制造·齐鲁精品”"),
        ("新标准提高到人均", "新标准提高到人均"),
        ("亩均税收", "亩均税收"),
    ],
    ids=lambda value: value[:12],
)
def test_readable_metric(metric, expected):
    assert readable_metric(metric) == expected


@pytest.mark.parametrize("metric", ["不少于", "、2025年", "培育智", "应于", "增长", "占比", "对", "入围生产企业在的"])
def test_fragments_are_recognised(metric):
    assert is_fragment(metric)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重点行业打造150个以上数字化转型典型场景,培育15家以上智\n能制造标杆企业。", "培育智能制造标杆企业"),
        ("企业提交申请后,应于10个工作日内完成材料初审。", "完成材料初审时限"),
        ("全省信息技术产业营收年均增长10%以上,2024年、2025年分别突破2.2万亿元、2.4万亿元。", "信息技术产业营收"),
        ("同时提出建设300个数字工厂、5万个5G基站、8万个智能网联充电设施等任务目标。", "智能网联充电设施"),
    ],
    ids=["line-break", "time-limit", "list-of-years", "list-of-counts"],
)
def test_metrics_mended_from_the_sentence(text, expected):
    assert expected in [t.metric for t in parse_notice(text).targets]


def test_an_idiom_is_not_a_figure():
    assert parse_notice("市场活力和社会创造力源于亿万人,要激发创造活力。").targets == ()


@pytest.mark.parametrize("path", sorted(NOTICES.glob("*.txt")), ids=lambda p: p.stem)
def test_no_metric_of_a_sample_notice_is_a_fragment(path):
    targets = parse_notice(path.read_text(encoding="utf-8")).targets
    assert targets
    assert [t.metric for t in targets if is_fragment(t.metric)] == []
