"""The gazetteer: full and short names, ambiguity resolved by context, ancestors filled in."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from documents.parsing.gazetteer import (
    Place,
    ancestors,
    candidates,
    find_mentions,
    locate,
    lookup,
    place_of,
    regions,
    short_names,
)


@pytest.mark.parametrize(
    "name, place",
    [
        ("平顶山", Place("河南省", "平顶山市", None)),
        ("平顶山市", Place("河南省", "平顶山市", None)),
        ("乐清", Place("浙江省", "温州市", "乐清市")),
        ("丽水", Place("浙江省", "丽水市", None)),
        ("阿坝州", Place("四川省", "阿坝藏族羌族自治州", None)),
        ("浙江", Place("浙江省", None, None)),
        ("广西", Place("广西壮族自治区", None, None)),
        ("长兴县", Place("浙江省", "湖州市", "长兴县")),
        ("济源市", Place("河南省", None, "济源市")),  # a county-level city run by the province directly
        ("镇沅县", Place("云南省", "普洱市", "镇沅彝族哈尼族拉祜族自治县")),
    ],
    ids=[
        "short-city",
        "full-city",
        "short-county-city",
        "lishui",
        "autonomous-prefecture",
        "province",
        "autonomous-region",
        "county",
        "province-run-county",
        "autonomous-county",
    ],
)
def test_lookup_fills_ancestors(name, place):
    assert place_of(lookup(name)) == place


def test_municipality_stands_as_the_city_of_its_districts():
    # A 直辖市 has no prefecture between it and its districts: it is their province and their city.
    assert place_of(lookup("朝阳区", context="北京市人民政府")) == Place("北京市", "北京市", "朝阳区")
    assert place_of(lookup("重庆市")) == Place("重庆市", "重庆市", None)


@pytest.mark.parametrize(
    "name, context, code",
    [
        ("朝阳", "辽宁省朝阳市", "211300"),
        ("朝阳区", "北京市人民政府", "110105"),
        ("朝阳区", "吉林省长春市", "220104"),
    ],
    ids=["liaoning-city", "beijing-district", "changchun-district"],
)
def test_ambiguous_names_use_context(name, context, code):
    assert lookup(name, context=context).code == code


def test_ambiguous_county_name_uses_province_hint():
    shared = [r for r in regions().values() if r.name == "通州区"]
    assert len(shared) > 1
    chosen = lookup("通州区", province_hint="江苏省")
    assert ancestors(chosen).province == "江苏省"


@pytest.mark.parametrize(
    "word", ["合作", "东方", "长治", "矿区", "新城区", "资源"], ids=["合作", "东方", "长治", "矿区", "新城区", "资源"]
)
def test_everyday_words_are_not_places(word):
    assert candidates(word) == ()


def test_short_names_of_a_county_level_city():
    assert short_names(regions()["330382"]) == ("乐清",)


def test_find_mentions_takes_longest_names():
    found = [(i, form) for i, form, _ in find_mentions("丽水市人民政府办公室、乐清市和平顶山")]
    assert found == [(0, "丽水市"), (11, "乐清市"), (15, "平顶山")]


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "全市产业集聚区建设加快。叶县产业集聚区、鲁山县产业集聚区、宝丰县产业集聚区和叶县盐化工区要加快发展。我市将支持郏县、舞钢市。",
            Place("河南省", "平顶山市", None),
        ),
        (
            "乐清经济开发区加快建设。全市推进。乐清湾港区、乐清市工业园区要加快。温州市支持。",
            Place("浙江省", "温州市", "乐清市"),
        ),
        ("各省、自治区、直辖市人民政府:\n北京、上海、广东等地先行先试,上海率先。", Place()),
        ("加快培育产业集群,推动产业转型升级。", Place()),
        (
            "全市上下加快发展。我市产业集群初具规模,全市工业增长。到2020年,常德经济实力显著增强。",
            Place("湖南省", "常德市", None),
        ),
        ("全省加快发展,我省产业集群初具规模,本省推进。全市工业增长,我市推进,本市落实。学习苏州经验。", Place()),
    ],
    ids=[
        "counties-point-at-their-city",
        "county-level-city-named-again-and-again",
        "nationwide",
        "no-place",
        "city-excerpt-naming-itself-once",
        "provincial-voice-outweighs",
    ],
)
def test_locate_an_excerpt_without_header(text, place):
    assert locate(text, text.split("\n"), [None]) == place


def test_locate_prefers_the_issuer():
    assert locate("全市。温州市、温州市、温州市", [], ["乐清市人民政府办公室", None]) == Place(
        "浙江省", "温州市", "乐清市"
    )


def test_locate_breaks_a_tie_the_same_way_under_any_hash_seed():
    # Provinces named once each in a text that speaks of 全省: the first named wins, whatever PYTHONHASHSEED is
    # (a set's order once decided it, so the same notice got a different province from run to run).
    text = (
        "向关心与支持祖国建设和统一的香港特别行政区、澳门特别行政区同胞和台湾同胞,表示衷心的感谢。"
        "进一步搞好在辽宁全省和其他省、自治区、直辖市的城镇社会保障体系试点。"
    )
    code = "import sys; from documents.parsing.gazetteer import locate; print(locate(sys.argv[1], [], []).province)"
    answers = {
        subprocess.run(
            [sys.executable, "-c", code, text],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3", "4")
    }
    assert answers == {"香港特别行政区"}
