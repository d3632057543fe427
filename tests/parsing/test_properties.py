"""Properties: parse_notice never raises on any text, and gives the same answer twice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.parsing import parse_notice
from documents.parsing.clean import clean_text

# Fragments the parser's patterns key on, so that generated text exercises them, not only random noise.
MARKERS = [
    "一、",
    "二、",
    "(一)",
    "(二)",
    "1.",
    "2、",
    "(1)",
    "年",
    "月",
    "日",
    "底前",
    "年底前",
    "到2025年",
    "亿元",
    "万元",
    "%",
    "％",
    "以上",
    "力争",
    "确保",
    "达到",
    "增长",
    "个",
    "家",
    "牵头",
    "配合",
    "负责",
    "市发改局",
    "、",
    ",",
    "。",
    ";",
    ":",
    "|",
    "\n",
    " ",
    "《",
    "》",
    "〔",
    "〕",
    "[",
    "]",
    "号",
    "文号",
    "发布时间:",
    "关于印发",
    "的通知",
    "方案",
    "人民政府办公室",
    "平顶山",
    "乐清市",
    "朝阳",
    "二○一○年五月六日",
    "2015年4月24日",
    "?",
    "??",
    "(guān)",
    "關於",
    "P class=MsoNormal>",
    "&nbsp;",
    "上一页 下一页",
    "①",
    "⑴",
    "㈠",
    "〇",
    "十",
    "百",
    "千",
    "万",
    "两",
    "翻番",
    "—",
    "-",
    "~",
    "至",
]
fragments = st.one_of(
    st.sampled_from(MARKERS),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=6),
    st.text(alphabet="0123456789.", min_size=1, max_size=6),
    st.text(max_size=4),
)
notices = st.lists(fragments, max_size=80).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notices)
def test_parse_notice_never_raises_and_is_deterministic(text):
    first = parse_notice(text)
    second = parse_notice(text)
    assert first == second
    assert first.as_json(source="x") == second.as_json(source="x")


@settings(max_examples=150, deadline=None)
@given(notices)
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


# Hostile shapes: long runs of one piece (digits, numerals, markers, units, tags) that once made the
# parser or the HTML reader quadratic or raise. Here only bounds and shape are checked; the time each
# takes at 10 KB … 10 MB is printed by benchmarks/hostile_bench.py.
HOSTILE_PIECES = [
    "1",
    "9",
    "一",
    "亿",
    "十",
    "〇",
    "5%",
    "5亿元",
    "达到5%",
    "等3个",
    "年内",
    "6月底前",
    "年底前",
    "到2025年",
    "1.",
    "第1",
    "一、",
    "(一)",
    "1、",
    "|1|",
    "、",
    "（",
    "《",
    "的",
    "对",
    "牵头",
    "市发改委",
    "&amp;",
    "?",
    "翻番",
]
TAGS = ["<p>", "<div>", "<i>", "</b>", "<td>", "<tr>", "<table>", "<li>", "<a>", "<nav>", "<script>", "<br>"]
runs = st.lists(
    st.tuples(st.sampled_from(HOSTILE_PIECES + TAGS), st.integers(min_value=1, max_value=3_000)), min_size=1, max_size=4
).map(lambda parts: "".join(piece * count for piece, count in parts))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs)
def test_long_runs_parse_without_error_into_bounded_output(text):
    from documents.parsing.figures import MAX_FIGURES

    parsed = parse_notice(text)
    assert len(parsed.clean_text) <= len(text) * 2  # cleaning never multiplies the text
    assert len(parsed.targets) <= min(MAX_FIGURES + len(text) // 2, len(text))  # table rows come on top
    for target in parsed.targets:
        assert 0 <= target.start < target.end <= len(parsed.clean_text)
        assert target.value == target.value and abs(target.value) < 1e30  # finite, not a 400-digit run
    assert all(d.start < d.end for d in parsed.deadlines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TAGS + ["</nav>", "</td>", "</tr>", "</table>", "正文"]),
            st.integers(min_value=1, max_value=3_000),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_html_reader_on_long_tag_runs_keeps_only_visible_text(parts):
    from documents.parsing.sources import html_to_text

    page = "<html><body>" + "".join(piece * count for piece, count in parts)
    text = html_to_text(page)
    assert len(text) <= len(page)
    assert "<" not in text and set(text) <= set("正文 |\n")
