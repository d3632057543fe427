"""documents/search/folding.py and pieces.py: what each database's index holds of a text. No database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from documents.search.folding import END, fold
from documents.search.pieces import (
    exact_codes,
    fts5_expression,
    index_terms,
    int4_array,
    term_codes,
    term_grams,
    text_codes,
)
from documents.search.query import read_query


def test_fold_keeps_every_character_a_token_character():
    assert fold("增长 5% ,GDP\u3000达到１０００亿元") == "增长5％，gdp达到1000亿元"
    assert all(not c.isascii() or c.isalnum() for c in fold('a "b" \\c: (d) [e] 5%'))


def test_index_terms_are_bigrams_ending_in_end():
    assert index_terms("平顶山市") == ["平顶", "顶山", "山市", "市" + END]
    assert index_terms("  ") == [] and index_terms("市") == ["市" + END]


@given(st.text(alphabet='产业集聚区平顶山市5%0１亿元 ，\n-"a', min_size=1, max_size=40), st.data())
def test_every_substring_is_found_by_its_chain(text, data):
    """What makes recall exact: a query word's bigram chain (or its one character, as a prefix) stands in
    a row in the index terms of every text that contains the word, wherever the word falls."""
    folded = fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    word = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    grams, terms = term_grams(word), index_terms(text)
    if len(word) == 1:
        assert any(term.startswith(word) for term in terms)
    else:
        assert any(terms[i : i + len(grams)] == grams for i in range(len(terms)))


def test_fts5_expression():
    parsed = read_query("产业集聚区 丽水 OR 衢州 -煤炭 市 平政办[2015]26号")
    expression = fts5_expression(parsed)
    assert expression.startswith('("产业 业集 集聚 聚区") AND ("市"*) AND ("丽水" OR "衢州") AND ("平政 政办 办〔')
    assert expression.endswith(' NOT ("煤炭")')
    assert "NOT" not in fts5_expression(parsed, positive_only=True)


@given(st.text(alphabet='产业集聚区平顶山市5%0１亿元 ，\n-"a\U00020000\ue001', min_size=1, max_size=40), st.data())
def test_every_substring_holds_its_codes(text, data):
    """Recall on PostgreSQL: every code a word asks for is among those of any text containing it."""
    folded = fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    word = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    assert set(term_codes(word)) <= set(text_codes(text))


@given(
    st.text(alphabet="产业集聚区市5%0亿元a", min_size=1, max_size=30),
    st.text(alphabet="产业集聚区市5%0亿元a", max_size=2),
)
def test_codes_of_a_short_word_are_exact(text, word):
    """A word of one or two characters (outside the shared private-use codes) is in a text exactly when
    the text holds its codes: no recheck needed."""
    if exact_codes(word) and fold(word):
        assert (fold(word) in fold(text)) == (set(term_codes(word)) <= set(text_codes(text)))


def test_term_codes_are_the_character_or_the_bigrams():
    assert term_codes("市") == [ord("市")] and term_codes("  ") == []
    assert len(term_codes("产业集聚区")) == 4 and set(term_codes("产业")) < set(term_codes("产业集聚区"))
    # A character code never equals a bigram's: fold() leaves no character below U+0021 to start one.
    assert all(code < 0 or code >= 0x21 << 16 for code in term_codes("5%a集"))


def test_longer_words_and_shared_codes_are_not_exact():
    assert exact_codes("集聚") and exact_codes("5%") and exact_codes("Ａ")
    assert not exact_codes("集聚区") and not exact_codes("\U00020000") and not exact_codes("\ue001市")
    # Bigrams apart make a candidate, not a hit: the backend rechecks such words on the folded text.
    assert set(term_codes("1000亿元")) <= set(text_codes("投资1000万元，达到2000亿元"))


def test_int4_array():
    assert int4_array(text_codes("")) == "{}" and int4_array([-5, 33]) == "{-5,33}"
