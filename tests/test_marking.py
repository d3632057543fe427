"""marking.py: spans cut into flat segments, anchors where each span begins, unit names found."""

import pytest

from documents.marking import Span, mark_spans, unit_mentions

TEXT = "到2025年，全市规模以上工业增加值达到1000亿元，由市经信局牵头，6月底前完成。"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], [(TEXT, (), ())]),
        (
            [Span(0, 26, "target", "target-1")],
            [(TEXT[:26], ("target",), ("target-1",)), (TEXT[26:], (), ())],
        ),
        (
            [Span(0, 26, "target", "target-1"), Span(0, 6, "deadline", "deadline-2")],
            [
                ("到2025年", ("deadline", "target"), ("deadline-2", "target-1")),
                (TEXT[6:26], ("target",), ()),
                (TEXT[26:], (), ()),
            ],
        ),
        (
            [Span(27, 27, "task", "task-3")],
            [(TEXT[:27], (), ()), (TEXT[27:], (), ("task-3",))],
        ),
        (
            [Span(39, 999, "deadline", "deadline-4")],
            [(TEXT[:39], (), ()), (TEXT[39:], ("deadline",), ("deadline-4",))],
        ),
    ],
    ids=["no-spans", "one-target", "deadline-inside-target", "task-anchor-only", "clipped-at-end"],
)
def test_mark_spans(spans, expected):
    segments = mark_spans(TEXT, spans)
    assert [(s.text, s.kinds, s.anchors) for s in segments] == expected
    assert "".join(s.text for s in segments) == TEXT


def test_anchor_at_the_very_end_is_kept():
    segments = mark_spans("完成。", [Span(3, 3, "task", "task-9")])
    assert segments[-1].anchors == ("task-9",) and segments[-1].text == ""


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("由市发改局牵头，市财政局配合", ["市发改局", "市财政局"], [(1, 5), (8, 12)]),
        ("市发改局、市发改局", ["市发改局"], [(0, 4), (5, 9)]),
        ("衢州市发改局牵头", ["市发改局", "衢州市发改局"], [(0, 6)]),
        ("各县（市、区）政府", ["市财政局"], []),
    ],
    ids=["two-units", "repeated", "longer-name-wins", "absent"],
)
def test_unit_mentions(text, names, expected):
    assert [(s.start, s.end) for s in unit_mentions(text, names)] == expected


def test_query_hits_are_bounded_and_counted():
    from documents.marking import query_hits

    spans, total = query_hits("产业" * 1000, ["产业"], limit=50)
    assert total == 1000 and len(spans) == 50 and spans[-1].anchor == "hit-50"
    spans, total = query_hits("GDP增长，gdp总量", ["GDP"])
    assert [(s.start, s.end) for s in spans] == [(0, 3), (6, 9)] and total == 2
