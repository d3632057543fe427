"""detect_themes: the few themes a notice is about, not every theme it mentions once."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.parsing.clean import clean_text
from documents.parsing.themes import THEMES, detect_themes

NOTICES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "notices"

# Every industrial notice ends with a 保障措施 section like this one: it names 人才, 金融, 土地 in passing.
SAFEGUARDS = "三、保障措施\n(一)强化要素保障。加强人才引进,拓宽融资渠道,保障项目用地。"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "关于加快培育发展产业集群的意见\n一、培育产业集群\n壮大产业集群,延伸产业链,推动集群发展。" + SAFEGUARDS,
            ("产业集群",),
        ),
        (
            "关于加快招商引资工作的意见\n一、创新招商方式\n开展以商招商、产业链招商,承接产业转移。" + SAFEGUARDS,
            ("招商引资",),
        ),
        (
            "2015年平顶山市加快产业集聚区建设专项工作方案\n一、产业集聚区提质\n培育产业集群,壮大产业集群,产业集聚区建设。",
            ("产业集聚区", "产业集群"),
        ),
        ("关于加强人才队伍建设的意见\n一、人才引进\n引进高层次人才,加强人才培养,完善人才评价。", ("人才",)),
        ("今天天气很好。", ()),
    ],
    ids=["cluster-notice", "investment-notice", "platform-and-cluster", "talent-notice", "no-theme"],
)
def test_detect_themes(text, expected):
    assert detect_themes(text) == expected


def test_enabling_themes_in_safeguards_alone_do_not_count():
    themes = detect_themes("关于加快培育发展产业集群的意见\n产业集群" * 3 + SAFEGUARDS)
    assert not {"人才", "金融", "土地"} & set(themes)


@pytest.mark.parametrize("name", sorted(p.stem for p in NOTICES.glob("*.txt")))
def test_sample_notices_get_few_themes(name):
    themes = detect_themes(clean_text((NOTICES / f"{name}.txt").read_text(encoding="utf-8")))
    assert 1 <= len(themes) <= 4


def test_slugs_are_stable_and_unique():
    slugs = [theme.slug for theme in THEMES]
    assert len(set(slugs)) == len(slugs)
    assert {"industrial-cluster", "industrial-platform", "emerging-industries", "investment-promotion"} <= set(slugs)
