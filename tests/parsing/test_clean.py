"""clean_text: page chrome, HTML residue, lost dashes, pinyin and traditional characters go; lines stay."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.parsing.clean import clean_text, nfkc, punctuation_as_received, repair_mojibake, to_simplified

CASES = [
    ("２０１５年　产值", "2015年 产值"),
    ("发布时间: 2013.08.15   来源:超级管理员", "发布时间: 2013.08.15"),
    ("发布时间:2008-09-24 信息来源:市委办公室 浏览次数: 【字体:", "发布时间:2008-09-24"),
    ("正文一\n上一页 下一页\n正文二", "正文一\n正文二"),
    ("分享到:\n朗读\n【字体:大 中 小】\n今天是:2015年4月24日\n您的位置: 首页 >政务公开\n正文", "正文"),
    ("• 无障碍\n• 长辈版\n您现在所在的位置: 网站首页> 政府信息公开首页\n正文", "正文"),
    (
        ' P class=MsoNormal style="MARGIN: 0cm 0cm 0pt; TEXT-ALIGN: center" align=center>衢州市特色产业发展综合配套改革试点总体方案',
        "衢州市特色产业发展综合配套改革试点总体方案",
    ),
    ('<span style="font-size:16px">加快产业集聚区建设</span>', "加快产业集聚区建设"),
    (
        "特制定2010?2020年衢州市特色产业发展综合配套改革试点总体方案",
        "特制定2010—2020年衢州市特色产业发展综合配套改革试点总体方案",
    ),
    ("??特色产业集群", "——特色产业集群"),
    ("關(guān)于印(yìn)发(fā)方案", "关于印发方案"),
    ("工業(yè)經(jīng)濟(jì)的(de)發(fā)展(zhǎn)", "工业经济的发展"),
    ("(一)指导思想(试行)", "(一)指导思想(试行)"),
    ("(市发改局牵头，市财政局配合)", "(市发改局牵头,市财政局配合)"),
    (
        "文号 | 平政办〔2015〕26号 | 索引号 | 005452065/2015-00034 |",
        "文号 | 平政办〔2015〕26号 | 索引号 | 005452065/2015-00034 |",
    ),
    (
        "【法宝引证码】 CLI.12.4638041\r\n原文链接：https://www.pkulaw.com/lar/e069.html\r\n安徽省人民政府办公厅",
        "安徽省人民政府办公厅",
    ),
    ("资金来源:市财政预算安排", "资金来源:市财政预算安排"),
    ("加强&nbsp;产业集群&amp;园区建设", "加强 产业集群&园区建设"),
]


@pytest.mark.parametrize(
    "raw, cleaned",
    CASES,
    ids=[
        "full-width",
        "publish-line",
        "publish-line-font",
        "pager",
        "chrome-lines",
        "accessibility-links",
        "word-html",
        "html-tag",
        "question-dash",
        "question-double-dash",
        "pinyin",
        "pinyin-toneless",
        "keeps-parentheses",
        "nfkc-punctuation",
        "metadata-table",
        "pkulaw-header",
        "body-source-kept",
        "entities",
    ],
)
def test_clean_text(raw, cleaned):
    assert clean_text(raw) == cleaned


@pytest.mark.parametrize(
    "raw, simplified",
    [
        ("關於加快產業集聚區建設", "关于加快产业集聚区建设"),
        ("乾坤", "乾坤"),  # a simplified word that a character-by-character table would break
        ("加快产业集聚区建设", "加快产业集聚区建设"),
    ],
    ids=["traditional", "phrase-aware", "already-simplified"],
)
def test_to_simplified(raw, simplified):
    assert to_simplified(raw) == simplified


def test_a_traditional_character_beyond_the_basic_plane_is_converted_too():
    """Those are looked for apart from the others: each of them, alone in simplified text, is still converted,
    and a text with other characters of those planes is left as it is."""
    from zhconv import zhconv

    table = zhconv.getdict("zh-cn")
    beyond = [k for k, v in table.items() if len(k) == 1 and k != v and ord(k) > 0xFFFF]
    assert beyond
    for character in beyond:
        assert to_simplified("产业" + character) == "产业" + zhconv.convert(character, "zh-cn")
    assert to_simplified("产业\U0001f600") == "产业\U0001f600"


def test_long_single_line_body_is_kept_whole():
    body = "一、总体要求 (一)基本思路。" + "坚持产城互动,着力提升产业集群竞争优势。" * 1500
    assert clean_text(body) == body.strip()
    assert "\n" not in clean_text(body)


NOTICE = "关于印发《平顶山市方案》的通知,各县(市、区)人民政府:2015年4月24日"


@pytest.mark.parametrize(
    "garbled",
    [
        NOTICE.encode("gbk").decode("latin-1"),
        NOTICE.encode("utf-8").decode("latin-1"),
    ],
    ids=["gbk-read-as-latin-1", "utf-8-read-as-latin-1"],
)
def test_reversible_mojibake_is_repaired(garbled):
    assert clean_text(garbled) == clean_text(NOTICE)


def test_utf8_read_as_gbk_is_mostly_repaired():
    garbled = NOTICE.encode("utf-8").decode("gb18030", errors="replace")
    assert clean_text(garbled).startswith("关于印发《平顶山市方案")


def test_sound_text_is_not_touched_by_mojibake_repair():
    assert repair_mojibake(NOTICE) == NOTICE


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("①2015年完成改造", "①2015年完成改造"),
        ("㈠指导思想 ⑴总体目标", "(一)指导思想 (1)总体目标"),
        ("网站访问量达到100万次", "网站访问量达到100万次"),
    ],
    ids=["circled-marker-kept", "parenthesised-markers", "body-mention-of-visits"],
)
def test_markers_and_body_words_survive(raw, cleaned):
    assert clean_text(raw) == cleaned


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("各县（市、区）人民政府，市政府各部门：", "各县（市、区）人民政府，市政府各部门："),
        ("各区政府,各相关单位：现印发给你们。", "各区政府,各相关单位：现印发给你们。"),
        ("增长10%以上，达到1,000亿元。", "增长10%以上，达到1,000亿元。"),
        ("plain ASCII, no wide marks: (a)", "plain ASCII, no wide marks: (a)"),
        ("上一页 下一页\n发布时间：2015-04-24\n一、目标：产值（亿元）", "发布时间：2015-04-24\n一、目标：产值（亿元）"),
    ],
    ids=["wide", "mixed-as-received", "ascii-in-figures", "ascii-only", "dropped-chrome-line"],
)
def test_punctuation_is_shown_as_received(raw, shown):
    cleaned = clean_text(raw)
    assert "，" not in cleaned and "：" not in cleaned  # what matching reads stays folded
    assert punctuation_as_received(cleaned, raw) == shown
    assert len(punctuation_as_received(cleaned, raw)) == len(cleaned)  # offsets into the text hold


# nfkc() replaces the common full-width characters before NFKC: the result must be NFKC's, whatever surrounds
# them (combining marks after a replaced character included).
_COMPATIBLE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("，（）：；％！＋－．～ \u3000\u00a0\u2003…２０ａＡ年产值\u0301\u0308\u3099が")),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_COMPATIBLE_TEXT)
def test_nfkc_is_unicodedatas_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
