"""Properties: parse_notice never raises on any text, and gives the same answer twice."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.parsing import parse_notice
from documents.parsing.clean import clean_text

# Fragments the parser's patterns key on, so that generated text exercises them, not only random noise.
MARKERS = [
    "一、", "二、", "(一)", "(二)", "1.", "2、", "(1)", "年", "月", "日", "底前", "年底前", "到2025年", "亿元", "万元",
    "%", "％", "以上", "力争", "确保", "达到", "增长", "个", "家", "牵头", "配合", "负责", "市发改局", "、", ",", "。",
    ";", ":", "|", "\n", " ", "《", "》", "〔", "〕", "[", "]", "号", "文号", "发布时间:", "关于印发", "的通知", "方案",
    "人民政府办公室", "平顶山", "乐清市", "朝阳", "二○一○年五月六日", "2015年4月24日", "?", "??", "(guān)", "關於",
    "P class=MsoNormal>", "&nbsp;", "上一页 下一页", "①", "⑴", "㈠", "〇", "十", "百", "千", "万", "两", "翻番", "—", "-", "~", "至",
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
