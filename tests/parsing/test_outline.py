"""Outline parsing: which markers are headings, how they nest, and where each section ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.parsing.clean import clean_text
from documents.parsing.outline import parse_outline
from tests.parsing.test_properties import fragments


def _paths(text: str) -> list[str]:
    return [node.path for node in parse_outline(clean_text(text))]


@pytest.mark.parametrize(
    "text, paths",
    [
        pytest.param(
            "一、总体目标\n深入实施…\n二、主要任务\n(一)强化项目带动\n1.大力开展招商引资。按照…\n2.深入谋划产业项目。立足…",
            ["一", "二", "二/(一)", "二/(一)/1", "二/(一)/2"],
            id="headings-at-line-start",
        ),
        pytest.param(
            "特制定本方案。 一、总体要求 (一)基本思路。坚持五规合一… (二)工作目标 规模效益。… 二、重点任务 "
            "(一)完善功能规划布局。以…为重点。 1.开展五规合一试点。结合… 2.统筹专业园区布局。引导…",
            ["一", "一/(一)", "一/(二)", "二", "二/(一)", "二/(一)/1", "二/(一)/2"],
            id="inline-markers-in-a-single-line-body",
        ),
        pytest.param(
            "二、主要内容\n(一)全力打造特色产业发展集聚区。\n1、着力拓展特色产业发展新空间。依托…\n"
            "2、健全产业空间布局引导机制。通过…\n(二)建立特色产业培育提升机制。\n3、健全产业规划引领机制。以规划…",
            ["二", "二/(一)", "二/(一)/1", "二/(一)/2", "二/(二)", "二/(二)/3"],
            id="numbering-runs-on-across-parents",
        ),
        pytest.param(
            "(一)加强组织领导\n建立…\n(二)加强政策引领\n整合…\n1.建立健全产业统计制度。由市统计局牵头…",
            ["(一)", "(二)", "(二)/1"],
            id="notice-starting-at-paren-numeral",
        ),
        pytest.param(
            "1.强化金融支持。市政府将…\n2.强化项目协调。对固定资产投资…\n3.强化优质服务。1)推动生产性服务业发展。"
            "(2)加强企业人才队伍建设。市委组织部…",
            ["1", "2", "3", "3/1)", "3/(2)"],
            id="arabic-at-top-and-bracket-lost-on-the-first-item",
        ),
        pytest.param(
            "一、培育壮大市场主体\n1.支持优势骨干企业做强做优做大。…\n二、支持集聚发展\n"
            "2.支持集聚区建设。对新认定的给予奖励。(责任单位:市工业和信息化委、市发改委)3.支持产业集群转型升级。",
            ["一", "一/1", "二", "二/2", "二/3"],
            id="item-after-its-neighbours-units-in-brackets",
        ),
        pytest.param(
            "第一部分 总体要求\n一、指导思想\n…\n第二部分 重点任务\n一、  做强主导产业\n(一) 培育龙头企业",
            ["第一部分", "第一部分/一", "第二部分", "第二部分/一", "第二部分/一/(一)"],
            id="parts-and-spaced-headings",
        ),
        pytest.param(
            "特制定本方案。一、总体要求(一)基本思路。坚持五规合一。二、重点任务(一)完善功能规划布局。以…为重点。1.开展五规合一试点。结合…",
            ["一", "一/(一)", "二", "二/(一)", "二/(一)/1"],
            id="page-run-together-without-spaces",
        ),
        pytest.param(
            "一、加强能力建设\n企业依照《技术指南》(附件1)加强企业能力建设,提升产品功能。按照第(一)项、第1.条执行。",
            ["一"],
            id="glued-numbers-that-are-references",
        ),
        pytest.param(
            "二、主要任务\n(一)强化研发\n1.研发推广解决方案。面向中小企业。\n专栏1 数字化解决方案研发推广工程\n"
            "1.家用电器行业:个性化定制平台。\n2.纺织服装行业:柔性生产。\n2.加快数字化改造。支持…",
            ["二", "二/(一)", "二/(一)/1", "二/(一)/2"],
            id="box-lists-are-not-items",
        ),
        pytest.param(
            "一、加强领导\n①成立工作专班。②明确责任分工。",
            ["一", "一/①", "一/②"],
            id="circled-numbers",
        ),
        pytest.param(
            "九、强化考核\n考核…\n十、营造氛围\n…\n十一、附则\n…",
            ["九", "十", "十一"],
            id="cut-off-excerpt-starting-at-nine",
        ),
        pytest.param(
            "为此,现提出如下意见。 三、强化考核。考核… 四、营造氛围。…",
            [],
            id="inline-list-must-start-at-one",
        ),
        pytest.param(
            "一、加强领导\n措施如下。 3.落实资金。 4.加强考核。",
            ["一"],
            id="inline-sublist-must-start-at-one",
        ),
    ],
)
def test_structure(text, paths):
    assert _paths(text) == paths


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("一、总体目标\n规模以上工业增加值增长1.5%以上,力争2.5亿元。", id="decimals"),
        pytest.param("一、总体目标\n发布时间: 2015.04.24 计划2015.04完成。", id="dates"),
        pytest.param("一、总体目标\n用3、5年时间,建成1、2个基地。", id="number-lists"),
        pytest.param("一、总体目标\n一是加快发展,二是优化结构,三是强化服务。", id="yi-shi-lists"),
        pytest.param("一、总体目标\n做到一、二、三产业融合发展。", id="numeral-lists"),
        pytest.param("一、总体目标\n按照本方案第(一)项和第1.条执行,详见(1)。", id="references-inside-a-sentence"),
        pytest.param(
            "一、总体目标\n序号 | 任务 | 责任单位 |\n1. | 开展招商 | 市商务局 |\n2、 | 建设园区 | 市发改委 |",
            id="table-rows",
        ),
    ],
)
def test_false_markers_are_not_headings(text):
    assert _paths(text) == ["一"]


def test_a_heading_at_a_line_start_may_skip_a_lost_number():
    text = "二、重点任务\n(一)技术创新行动\n1.形成一批系统解决方案。针对…\n(二)推广应用行动\n3.大力培育智能工厂。在…"
    assert _paths(text) == ["二", "二/(一)", "二/(一)/1", "二/(二)", "二/(二)/3"]


def test_numbering_that_restarts_inside_a_section_is_not_followed():
    text = "一、主要任务\n1.开展招商。\n2.建设园区。\n措施如下:1.落实资金。2.加强考核。\n二、保障措施\n1.加强领导。"
    assert _paths(text) == ["一", "一/1", "一/2", "二", "二/1"]


def test_a_new_top_level_one_at_a_line_start_restarts_the_outline():
    # A covering notice numbered 一、二、 followed by the plan it transmits, numbered from 一、 again.
    text = "一、请认真组织实施。\n二、请及时报送。\n某某方案\n一、总体要求\n(一)指导思想。\n二、主要任务"
    assert _paths(text) == ["一", "二", "一", "一/(一)", "二"]


def test_headings_offsets_and_levels():
    text = clean_text(
        "二、重点任务 (一)完善功能规划布局。以完善提升产业集聚区公共服务为重点。 1.开展五规合一试点。结合… (二)着力提升产业集群发展水平。"
    )
    nodes = parse_outline(text)
    assert [(n.marker, n.heading, n.level) for n in nodes] == [
        ("二、", "重点任务", 1),
        ("(一)", "完善功能规划布局", 2),
        ("1.", "开展五规合一试点", 3),
        ("(二)", "着力提升产业集群发展水平", 2),
    ]
    first, section, item, second = nodes
    assert text[first.start : first.start + 2] == "二、"
    assert first.end == len(text)
    assert section.end == second.start - 1  # trailing space trimmed
    assert text[item.start : item.end] == clean_text("1.开展五规合一试点。结合…")


def test_a_closing_that_is_an_item_of_its_own_stays_one():
    text = (
        "第一章 附则\n第一条 本办法由市住房和城乡建设局负责解释。\n第二条 本办法自2012年2月1日起施行。\n第三条 其他。"
    )
    assert [(n.path, n.heading) for n in parse_outline(text)] == [
        ("第一章", "附则"), ("第一章/第一条", "本办法由市住房和城乡建设局负责解释"), ("第一章/第二条", "本办法自2012年2月1日起施行"),
        ("第一章/第三条", "其他"),
    ]  # fmt: skip


def test_attachments_close_the_last_section():
    text = "三、保障措施\n(一)加强组织领导\n建立…\n附件:1.2015年乐清市新兴产业培育任务分解表\n2.重点项目一览表"
    last = parse_outline(text)[-1]
    assert text[last.start : last.end] == "(一)加强组织领导\n建立…"


def test_full_width_markers_after_cleaning():
    assert _paths("一、总体要求\n（一）指导思想\n１．加强领导\n⑴成立专班") == [
        "一",
        "一/(一)",
        "一/(一)/1",
        "一/(一)/1/(1)",
    ]


@pytest.mark.parametrize(
    "text", ["", "无编号的通知正文。", "1.", "(一)", "一、"], ids=["empty", "plain", "bare-1", "bare-paren", "bare-yi"]
)
def test_degenerate_input(text):
    assert parse_outline(text) == ()


NOTICES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "notices"


def _flattened(text: str) -> str:
    # A web page that lost its line breaks: every line run into the next, as sources.py leaves tables apart.
    return "".join(f"\n{line}\n" if line.count("|") >= 2 else f"{line} " for line in text.split("\n"))


@pytest.mark.parametrize("name", sorted(path.stem for path in NOTICES.glob("*.txt")))
def test_a_sample_run_onto_one_line_keeps_its_outline(name):
    text = clean_text((NOTICES / f"{name}.txt").read_text(encoding="utf-8"))
    flat = _flattened(text)
    assert [(n.path, n.heading) for n in parse_outline(flat)] == [(n.path, n.heading) for n in parse_outline(text)]


def test_a_plan_after_its_covering_notice_restarts_on_one_line_too():
    text = "一、请认真组织实施。 二、请及时报送。 某某方案 为加快发展,制定本方案。 一、总体要求 (一)指导思想。 二、主要任务"
    assert _paths(text) == ["一", "二", "一", "一/(一)", "二"]


OUTLINE_FRAGMENTS = st.one_of(
    fragments,
    st.sampled_from(
        [
            "专栏1 工程\n",
            "附件:",
            "附件1\n",
            "第一章 ",
            "第一条 ",
            "(责任单位:市发改委)",
            "重点任务",
            "保障措施",
            "序号 | 工作任务 | 责任单位 | 完成时限 |\n",
            "......1\n",
            "本方案自发布之日起施行",
            "2015年4月24日\n",
        ]
    ),  # fmt: skip
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OUTLINE_FRAGMENTS, max_size=120).map("".join))
def test_nodes_lie_inside_the_text_and_start_at_their_marker(text):
    nodes = parse_outline(text)
    for node in nodes:
        assert 0 <= node.start <= node.end <= len(text)
        assert text.startswith(node.marker, node.start)
    assert parse_outline(text) == nodes
