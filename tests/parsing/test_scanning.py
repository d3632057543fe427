"""documents/parsing/scanning.py: a pattern behind its look-ahead finds exactly what it finds without it, on
the sample notices, on passages where matches start with each kind of character the look-ahead admits, and on
text generated from the pattern itself (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import documents.parsing  # noqa: F401  (every parsing module compiles its patterns on import)
from documents.parsing.clean import clean_text
from documents.parsing.scanning import COMPILED
from documents.parsing.sources import read_notice

NOTICES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "notices").iterdir())
PASSAGES = [
    "6月底前,制定方案;年底前,基本完成。到2025年底,产值达到1000亿元。",
    "每季度末(分别在3月、6月、9月和12月底)报送。今年内完成;第三季度前启动;上半年底前验收。",
    "截至2014年底,全市已有企业100家。到2020年以前完成改造。十月底前完成。于 2016年6月15日前上报。",
    "责任单位:市发改局(牵头)、市财政局、市统计局\n完成时限:2016年12月",
    "| 1 | 建设平台 | 市经信局 | 2015年12月 |",
    "三月底前完成;一季度末报送;九月底前验收;06月底前上报;七月份前;五月中旬;四季度前完成;明年底前建成。",
    "承办单位:市商务局;负责部门:市科技局;落实单位:各县区;其他责任单位:市财政局",
    "由市统计局牵头负责,请各县、市、区政府配合。市发改局会同市财政局、联合市商务局组织实施。",
    "有关区、市政府;相关县〔市、区〕政府按职责分工负责落实;主要领导具体负责。",
    "重(zhòng)点推进产业(chǎn yè)集聚区建设",
    "标题:关于加快产业集聚区建设的意见(征求意见稿)【发布日期】 - 平顶山市人民政府门户网站",
]


def texts() -> list[str]:
    return [clean_text(read_notice(path.read_bytes(), filename=path.name)) for path in NOTICES] + PASSAGES


@pytest.mark.parametrize("first, pattern, flags", COMPILED, ids=[pattern[:24] for _, pattern, _ in COMPILED])
def test_the_look_ahead_changes_no_match(first, pattern, flags):
    plain, scanning = re.compile(pattern, flags), re.compile(f"(?=[{first}])(?:{pattern})", flags)
    found = 0
    for text in texts():
        expected = [(match.span(), match.groupdict()) for match in plain.finditer(text)]
        assert [(match.span(), match.groupdict()) for match in scanning.finditer(text)] == expected
        found += len(expected)
    assert found, "no passage here has a match for this pattern: add one"


@pytest.mark.parametrize("first, pattern, flags", COMPILED, ids=[pattern[:24] for _, pattern, _ in COMPILED])
def test_the_look_ahead_changes_no_match_in_text_made_from_the_pattern(first, pattern, flags):
    plain, scanning = re.compile(pattern, flags), re.compile(f"(?=[{first}])(?:{pattern})", flags)

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(plain))
    def check(text):
        expected = [(match.span(), match.groupdict()) for match in plain.finditer(text)]
        assert [(match.span(), match.groupdict()) for match in scanning.finditer(text)] == expected

    check()


def test_the_parser_compiles_its_scanning_patterns_here():
    assert len(COMPILED) >= 8
