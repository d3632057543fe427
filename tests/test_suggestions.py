"""How a query is rebuilt from its parts, and the looser queries offered on zero hits."""

import pytest

from documents import suggestions
from documents.search import ParsedQuery, parse_query
from documents.suggestions import looser_queries, match_words, query_text


@pytest.mark.parametrize(
    "query",
    ["产业集群 衢州", '"亩均 税收" 专精特新', "产业集聚区 -开发区 -2010"],
    ids=["words", "phrase", "exclusions"],
)
def test_query_text_reads_back_the_same(query):
    parsed = parse_query(query)
    again = parse_query(query_text(required=parsed.required, any_of=parsed.any_of, excluded=parsed.excluded))
    assert (again.required, again.any_of, again.excluded) == (parsed.required, parsed.any_of, parsed.excluded)


def test_one_word_without_filters_has_nothing_looser():
    assert looser_queries(ParsedQuery(required=("专精特新",)), filtered=False) == []
    assert [s.kind for s in looser_queries(ParsedQuery(required=("专精特新",)), filtered=True)] == ["drop-filters"]


def test_exclusions_can_be_dropped_when_words_are_already_any_of():
    found = looser_queries(ParsedQuery(any_of=(("衢州", "丽水"),), excluded=("开发区",)), filtered=False)
    assert [(s.kind, s.query) for s in found] == [("drop-exclusions", "衢州 OR 丽水")]


def test_suggestions_are_few_however_long_the_query():
    found = looser_queries(ParsedQuery(required=tuple("甲乙丙丁戊己庚")), filtered=True)
    assert len(found) == suggestions.MAX_SUGGESTIONS


def test_match_words_leave_out_exclusions():
    assert match_words(ParsedQuery(required=("产业",), excluded=("开发区",))) == ["产业"]
