"""documents/search_query.py: how queries are read and what both sides of the index share. No database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.search_query import (
    END,
    MAX_QUERY_ALTERNATIVES,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    ParsedQuery,
    QueryTooLarge,
    doc_number_forms,
    fold,
    fts5_expression,
    index_terms,
    ngram_lexemes,
    normalize_doc_number,
    query_problem,
    read_query,
    term_grams,
    term_lexemes,
    tsquery_expression,
    tsvector_literal,
)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("产业集聚区 亩均税收", ParsedQuery(required=("产业集聚区", "亩均税收"))),
        ('"产业 集聚区" 建设', ParsedQuery(required=("产业 集聚区", "建设"))),
        ("“高质量发展”", ParsedQuery(required=("高质量发展",))),
        ('产业 -煤炭 -"钢铁 水泥"', ParsedQuery(required=("产业",), excluded=("煤炭", "钢铁 水泥"))),
        ("丽水 OR 衢州 工业", ParsedQuery(required=("工业",), any_of=(("丽水", "衢州"),))),
        ("丽水 OR 衢州 OR 温州", ParsedQuery(any_of=(("丽水", "衢州", "温州"),))),
        ("OR 工业", ParsedQuery(required=("工业",))),
        ("- -- ，", ParsedQuery(required=("，",))),
        ("平政办[2015]26号 集聚区", ParsedQuery(required=("集聚区",), doc_numbers=("平政办〔2015〕26号",))),
    ],
    ids=["words", "phrase", "curly-quotes", "exclusion", "or", "or-chain", "leading-or", "lone-dashes", "doc-number"],
)
def test_read_query(query, expected):
    assert read_query(query) == expected


@pytest.mark.parametrize(
    "written",
    [
        "平政办〔2015〕26号",
        "平政办[2015]26号",
        "平政办(2015)26号",
        "平政办（2015）26号",
        "平政办【2015】26号",
        "平政办 [ 2015 ] 第26号",
        "平政办［2015］26号",
    ],
)
def test_doc_numbers_in_any_bracket_style_read_alike(written):
    assert normalize_doc_number(written) == "平政办〔2015〕26号"
    assert read_query(f"{written} 产业").doc_numbers == ("平政办〔2015〕26号",)


def test_doc_number_forms_cover_the_brackets_notices_use():
    forms = doc_number_forms("丽政发〔2020〕12号")
    assert {"丽政发〔2020〕12号", "丽政发[2020]12号", "丽政发(2020)12号", "丽政发【2020】12号"} <= set(forms)


def test_empty_queries():
    assert read_query("").is_empty and read_query("-煤炭").is_empty and not read_query("平政办[2015]26号").is_empty


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


# The hostile queries: 1,900 short words (a 3.8 KB URL), 650 OR pairs, 3,500 characters.
HOSTILE_QUERIES = {
    "1900-words": " ".join("产业"[i % 2] for i in range(1900)),
    "650-or-pairs": " ".join(f"创{i % 10} OR 新{i % 10}" for i in range(650)),
    "3500-chars": "数字经济" * 875,
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_queries_are_refused_before_any_work(query):
    assert query_problem(query)
    with pytest.raises(QueryTooLarge):
        read_query(query)


@pytest.mark.parametrize(
    ("query", "bound"),
    [
        ("产" * MAX_QUERY_CHARS, None),
        ("产" * (MAX_QUERY_CHARS + 1), "字符"),
        (" ".join(["产业"] * MAX_QUERY_WORDS), None),
        (" ".join(["产业"] * (MAX_QUERY_WORDS + 1)), "个词"),
        (" ".join(["-煤炭"] * (MAX_QUERY_WORDS + 1)), "个词"),  # exclusions count too
        (" OR ".join(["丽水"] * MAX_QUERY_ALTERNATIVES), None),
        (" OR ".join(["丽水"] * (MAX_QUERY_ALTERNATIVES + 1)), "备选词"),
        ("A OR B C OR D " * 4, "备选词"),  # 16 alternatives in four groups
        (" ".join(["丽水"] * (MAX_QUERY_WORDS - 1)) + " OR OR OR", None),  # OR itself is no word
    ],
    ids=["chars-at-bound", "chars-past", "words-at-bound", "words-past", "exclusions-past", "or-at-bound",
         "or-past", "or-groups-past", "or-not-counted"],
)  # fmt: skip
def test_query_bounds_are_exact(query, bound):
    problem = query_problem(query)
    assert (problem is None) if bound is None else (bound in problem and str(MAX_QUERY_WORDS) in problem)
