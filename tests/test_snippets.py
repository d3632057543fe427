"""Snippets: cut from the original text around the first matches, matches marked, nothing added between words."""

import pytest
from django.template.loader import render_to_string

from documents.snippets import WIDTH, highlight, snippet


def marked(pieces) -> str:
    return "".join(f"[{p.text}]" if p.is_match else p.text for p in pieces)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("加快产业集聚区建设", ["产业集聚区", "产业"], "加快[产业集聚区]建设"),
        ("平顶山市产业集聚区", ["平顶山"], "[平顶山]市产业集聚区"),
        ("增长5%，达到1000亿元", ["5%", "1000亿元"], "增长[5%]，达到[1000亿元]"),
        ("推进GDP增长与gdp核算", ["GdP"], "推进[GDP]增长与[gdp]核算"),
        ("文号衢委办〔2010〕93号", ["〔2010〕"], "文号衢委办[〔2010〕]93号"),
        ("没有匹配", ["专精特新"], "没有匹配"),
        ("没有检索词", [], "没有检索词"),
        ("a.b(c)", [".", "("], "a[.]b[(]c)"),  # regular-expression characters are plain text
    ],
    ids=[
        "longest-first",
        "inside-a-longer-word",
        "numbers",
        "letters-any-case",
        "brackets",
        "no-match",
        "no-words",
        "regex-chars",
    ],
)
def test_highlight(text, words, expected):
    assert marked(highlight(text, words)) == expected


def only(found):
    """The one fragment of a snippet."""
    assert len(found.fragments) == 1
    return found.fragments[0]


def test_snippet_is_the_original_text_without_added_spaces():
    text = "一、总体目标\n\n  到2025年，全市规模以上工业增加值达到1000亿元，专精特新企业达到100家。" * 3
    fragment = only(snippet(text, ["专精特新", "规模以上"], width=40))
    joined = "".join(p.text for p in fragment.pieces)
    assert joined in " ".join(text.split())  # the text as received, whitespace runs made one space
    assert joined.count(" ") <= 1 and "专精 特新" not in joined
    assert marked(fragment.pieces).index("[规模以上]") < marked(fragment.pieces).index("[专精特新]")
    assert fragment.cut_before and fragment.cut_after


@pytest.mark.parametrize(
    ("at", "before", "after"), [(0, False, True), (50, True, True), (195, True, False)], ids=["start", "middle", "end"]
)
def test_snippet_window_holds_the_first_match(at, before, after):
    text = "甲" * at + "亩均税收" + "乙" * (200 - at)
    fragment = only(snippet(text, ["亩均税收"], width=60))
    assert "亩均税收" in [p.text for p in fragment.pieces if p.is_match]
    assert len("".join(p.text for p in fragment.pieces)) == 60
    assert (fragment.cut_before, fragment.cut_after) == (before, after)  # near the end, the whole width comes before


def test_words_far_apart_get_a_fragment_each_in_text_order():
    text = "前言。" * 30 + "推进亩均税收改革。" + "正文。" * 100 + "培育专精特新企业。" + "结语。" * 30
    found = snippet(text, ["专精特新", "亩均税收", "企业"], width=60, fragments=2)
    assert [[p.text for p in f.pieces if p.is_match] for f in found.fragments] == [["亩均税收"], ["专精特新", "企业"]]
    assert all(len("".join(p.text for p in f.pieces)) == 30 for f in found.fragments)
    assert found.has_match and "…" not in found.text.replace(" … ", "")


def test_words_near_each_other_share_one_window_of_the_full_width():
    found = snippet("甲" * 50 + "亩均税收" + "乙" * 10 + "专精特新" + "丙" * 50, ["专精特新", "亩均税收"], width=40)
    assert marked(only(found).pieces) == "甲" * 10 + "[亩均税收]" + "乙" * 10 + "[专精特新]" + "丙" * 12


def test_snippet_without_a_match_is_the_beginning():
    fragment = only(snippet("关于印发实施方案的通知" + "。" * 200, ["不存在"], width=10))
    assert marked(fragment.pieces) == "关于印发实施方案的通" and not fragment.cut_before and fragment.cut_after
    assert snippet("", ["产业"]).fragments == ()


def test_template_escapes_and_marks_without_whitespace():
    html = render_to_string("includes/highlighted.html", {"pieces": highlight("<b>产业</b>集群&", ["产业"])})
    assert html.endswith("&lt;b&gt;<mark>产业</mark>&lt;/b&gt;集群&amp;")


class _Counting:
    """A compiled pattern that counts the matches a caller takes from finditer()."""

    def __init__(self, pattern):
        self.pattern, self.taken = pattern, 0

    def finditer(self, text):
        for found in self.pattern.finditer(text):
            self.taken += 1
            yield found


def test_first_matches_stop_once_every_word_is_met():
    from documents.snippets import _first_matches, _pattern

    counting = _Counting(_pattern(["产", "业"]))
    assert _first_matches("产业" * 100_000, counting, 2) == [(0, 1), (1, 2)]
    assert counting.taken == 2


def test_a_snippet_reads_the_start_of_a_huge_text_only():
    from documents.snippets import SCANNED

    huge = "产业" * 5_000_000  # a 10-million-character notice, 产 in every other place
    found = snippet(huge, ["产"])
    assert found.has_match and len(found.text) <= 2 * WIDTH and found.fragments[-1].cut_after
    late = "。" * SCANNED + "亩均税收"
    shown = snippet(late, ["亩均税收"])  # a word first met past what is read: the opening, marked "goes on"
    assert not shown.has_match and shown.fragments[0].cut_after and len(shown.text) == WIDTH
