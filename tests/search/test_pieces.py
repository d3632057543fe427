"""documents/search/folding.py and pieces.py: what each database's index holds of a text. No database."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.search.folding import END, fold
from documents.search.pieces import (
    CONTEXT,
    INDEXED_CHARACTERS,
    TRUNCATED,
    characters_expression,
    exact_lexemes,
    excluded_expressions,
    folded_bigrams,
    fts5_expression,
    index_terms,
    pg_grams,
    spaced_bigrams,
    term_grams,
    term_lexemes,
    tsquery_term,
)
from documents.search.query import read_query


def test_fold_keeps_every_character_a_token_character():
    assert fold("增长 5% ,GDP\u3000达到１０００亿元") == "增长5％，gdp达到1000亿元"
    assert all(not c.isascii() or c.isalnum() for c in fold('a "b" \\c: (d) [e] 5%'))


def test_index_terms_are_bigrams_ending_in_end():
    assert index_terms("平顶山市") == ["平顶", "顶山", "山市", "市" + END]
    assert index_terms("  ") == [] and index_terms("市") == ["市" + END]


@given(st.text())
def test_the_spaced_bigrams_are_the_bigrams_joined_by_spaces(text):
    """Any characters, astral ones and lone surrogates included: each is one code in UTF-32."""
    assert spaced_bigrams(text) == " ".join(folded_bigrams(text))


def test_the_spaced_bigrams_of_a_notice():
    assert spaced_bigrams(fold("到2025年,产值达到1000亿元。")).split() == index_terms("到2025年,产值达到1000亿元。")
    assert spaced_bigrams("") == "" and spaced_bigrams("\ud800") == "\ud800" + END


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


@given(st.text(alphabet='产业集聚区平顶山市5%01１亿元 ，\n-"ab\U00020000', min_size=1, max_size=40), st.data())
def test_every_substring_holds_its_lexemes(text, data):
    """Recall on PostgreSQL: every lexeme a word asks for is among those of any text containing it."""
    folded = fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    word = folded[start : data.draw(st.integers(start + 1, len(folded)))]
    assert set(term_lexemes(word)) <= pg_grams(folded)


@given(
    st.text(alphabet="产业集聚区市5%0亿元a", min_size=1, max_size=30),
    st.text(alphabet="产业集聚区市5%0亿元a", min_size=1, max_size=2),
)
def test_lexemes_of_a_short_word_are_exact(text, word):
    """A word of one or two characters is in a text exactly when the text holds its lexemes: no recheck."""
    assert exact_lexemes(word)
    assert (fold(word) in fold(text)) == (set(term_lexemes(word)) <= pg_grams(fold(text)))


def test_term_lexemes_are_the_character_or_the_bigrams():
    assert term_lexemes("市") == ["市"] and term_lexemes("  ") == [] and term_lexemes("5%") == ["5％"]
    assert term_lexemes("产业集聚区") == ["业集", "产业", "聚区", "集聚"]
    assert not exact_lexemes("集聚区") and exact_lexemes("集聚")
    # Bigrams apart make a candidate, not a hit: the backend checks such words on the folded text.
    assert set(term_lexemes("中小企业公")) <= pg_grams(fold("中小企业，企业公共服务"))


def test_numbers_ask_for_their_digits_beside_the_next_character():
    """The trap of short pieces: 2000亿元 and 1000万元 hold every bigram of 1000亿元 between them."""
    assert not set(term_lexemes("1000亿元")) <= pg_grams(fold("投资1000万元，达到2000亿元"))
    assert set(term_lexemes("1000亿元")) <= pg_grams(fold("达到21000亿元"))  # inside a longer number: found
    assert set(term_lexemes("亿12")) <= pg_grams(fold("亿1234")) and "亿12" in term_lexemes("亿12")
    assert term_lexemes("第1批") == ["1批", "第1"]  # a run of one: its bigrams say it all
    # A word that is one of its own lexemes needs no recheck: 2025年 is found whole in the index.
    assert exact_lexemes("2025年") and exact_lexemes("40%") and not exact_lexemes("2025年底")
    assert set(term_lexemes("2025年")) <= pg_grams(fold("到12025年")) and "2025年" in fold("到12025年")


def test_a_long_text_is_indexed_from_its_start_and_marked():
    folded = "产业" * (INDEXED_CHARACTERS // 2) + "集聚区"
    assert pg_grams(folded) == {"产", "业", "产业", "业产", TRUNCATED}
    assert TRUNCATED not in pg_grams(folded[:INDEXED_CHARACTERS]) and len(TRUNCATED) == 3
    assert tsquery_term("集聚区").startswith(f"'{TRUNCATED}' | ")  # a truncated notice is a candidate
    assert tsquery_term(" ") == ""


def test_the_migration_builds_what_pieces_describes():
    """Migrations import no project code: the index's definition is written out in 0010, and must agree."""
    migration = importlib.import_module("documents.migrations.0010_search_postgresql_grams")
    assert (migration.INDEXED_CHARACTERS, migration.TRUNCATED) == (INDEXED_CHARACTERS, TRUNCATED)
    assert "generate_series(2, 4)" in migration.GRAMS and CONTEXT == (2, 3, 4)
    # 12 bytes of character and bigram a position, 10 of runs' contexts: the indexed part fits a tsvector.
    assert INDEXED_CHARACTERS * 22 + len(TRUNCATED.encode()) < 1 << 20
