"""documents/search/folding.py and pieces.py: what each database's index holds of a text. No database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.search.folding import END, fold
from documents.search.pieces import (
    characters_expression,
    excluded_expressions,
    fts5_expression,
    index_terms,
    ngram_lexemes,
    term_grams,
    term_lexemes,
    tsquery_expression,
    tsvector_literal,
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
    assert expression.startswith('("产业 业集 集聚 聚区") AND ("丽水" OR "衢州") AND ("平政 政办 办〔')
    assert expression.endswith(' NOT ("煤炭")')
    assert "NOT" not in fts5_expression(parsed, positive_only=True)


@pytest.mark.parametrize(
    ("query", "bigrams", "characters", "excluded"),
    [
        ("市 县", "", '("市") AND ("县")', ("", "")),
        ("产业 市 -县 -煤炭", '("产业") NOT ("煤炭")', '("市")', ('"煤炭"', '"县"')),
        ("市 OR 产业", '("市"* OR "产业")', "", ("", "")),  # a mixed group stays whole, over the bigrams
        ("-市", "", "", ("", '"市"')),
    ],
    ids=["characters-only", "both-tables", "mixed-or-group", "exclusion-only"],
)
def test_one_character_words_are_read_from_the_characters_table(query, bigrams, characters, excluded):
    parsed = read_query(query)
    assert (fts5_expression(parsed), characters_expression(parsed)) == (bigrams, characters)
    assert excluded_expressions(parsed) == excluded


@given(st.text(alphabet='产业集聚区平顶山市5%0１亿元 ，\n-"a', min_size=1, max_size=40), st.data())
def test_every_substring_holds_its_lexemes(text, data):
    """Recall on PostgreSQL: every lexeme a word asks for is among those of any text containing it."""
    folded = fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    word = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    assert set(term_lexemes(word)) <= ngram_lexemes(text)


def test_term_lexemes_are_the_word_or_its_pieces():
    assert term_lexemes("市") == ["市"] and term_lexemes("集聚区") == ["集聚区"]
    assert term_lexemes("产业集聚区") == ["业集聚", "产业集", "集聚区"]
    # Pieces holding a digit are kept up to five characters: 000 and 00亿 alone are in most notices.
    assert {"1000亿", "000亿元", "1000"} <= set(term_lexemes("1000亿元"))
    assert term_lexemes("  ") == []


def test_pieces_apart_do_not_make_a_number():
    """The trap of short pieces: 2000亿元 and 1000万元 hold every trigram of 1000亿元 between them."""
    text = "到2025年达到2000亿元，投资1000万元"
    assert not set(term_lexemes("1000亿元")) <= ngram_lexemes(text)
    assert set(term_lexemes("2000亿元")) <= ngram_lexemes(text)


def test_tsquery_expression():
    parsed = read_query("产业集聚区 5 丽水 OR 衢州 -煤炭")
    assert tsquery_expression(parsed) == (
        "(('业集聚' & '产业集' & '集聚区')) & (('5')) & (('丽水') | ('衢州')) & !(('煤炭'))"
    )
    assert "煤炭" not in tsquery_expression(parsed, positive_only=True)


def test_tsvector_literal_holds_each_piece_once_without_positions():
    assert sorted(tsvector_literal("产业产业").split()) == ["'业'", "'业产'", "'业产业'", "'产'", "'产业'", "'产业产'"]
    assert tsvector_literal("") == ""


def test_a_tsvector_past_postgresqls_limit_holds_the_texts_opening_whole():
    literal = tsvector_literal("产业集聚区建设", max_bytes=60)
    kept = {lexeme.strip("'") for lexeme in literal.split()}
    assert kept == {"产", "产业", "产业集", "业", "业集", "业集聚"}  # 60 bytes: two positions' pieces
    assert set(term_lexemes("产业集")) <= kept and not set(term_lexemes("建设")) <= kept
