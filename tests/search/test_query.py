"""documents/search/query.py: how queries are read and the bounds they keep. No database."""

from __future__ import annotations

import pytest

from documents.search.query import (
    MAX_QUERY_ALTERNATIVES,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    ParsedQuery,
    QueryTooLarge,
    doc_number_forms,
    normalize_doc_number,
    query_problem,
    read_query,
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
