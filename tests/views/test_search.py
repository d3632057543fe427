"""The search page: results with marked snippets, facets, sort, pagination, how the query was read,
looser queries on zero hits, bad input, and a bounded number of queries however large the collection."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import search
from tests.synthetic import add_notice, build_collection

pytestmark = pytest.mark.django_db
URL = "/search/"


@pytest.fixture
def notices(db):
    quzhou = add_notice(
        city="330800", title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster",),
        targets=(("规模以上工业增加值", 500.0, "亿元", 500.0, "亿元", 2015),),
    )  # fmt: skip
    quzhou.clean_text += "\n\n  加快建设产业集聚区，推进亩均税收改革。"
    quzhou.save()
    search.index_document(quzhou)  # the text changed after add_notice indexed it
    lishui = add_notice(
        city="331100", title="丽水市产业平台整合提升指导意见", issued=date(2020, 8, 20), themes=("industrial-platform",)
    )
    lishui.clean_text += "\n打造产业集聚区<升级版>，亩均效益领跑。"
    lishui.save()
    search.index_document(lishui)
    return quzhou, lishui


def get(client, status=200, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == status
    return response.content.decode()


def results(html: str) -> list[str]:
    return re.findall(r'<a class="doc-item__title" href="[^"]+">(.*?)</a>', html)


def test_search_is_routed_and_the_header_box_sends_there(client, notices):
    assert reverse("documents:search") == URL
    assert f'action="{URL}"' in client.get("/").content.decode()


def test_results_carry_snippets_marked_in_the_original_text(client, notices):
    html = get(client, q="产业集聚区")
    assert results(html) == ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案"]  # the stand-in ranks by date
    assert "加快建设<mark>产业集聚区</mark>，推进亩均税收改革。" in html  # no space put between words
    assert "打造<mark>产业集聚区</mark>&lt;升级版&gt;，亩均效益领跑" in html  # the text is escaped
    assert '<span class="count">2</span>' in html


def test_title_matches_are_marked(client, notices):
    assert results(get(client, q="丽水")) == ["<mark>丽水</mark>市产业平台整合提升指导意见"]


def test_the_line_shows_how_the_query_was_read(client, notices):
    html = get(client, q='亩均税收 "产业 集聚区" -丽水')
    reading = html[html.index('class="query-reading"') :].split("</p>")[0]
    assert "须包含「亩均税收」「产业 集聚区」" in reading and "排除「丽水」" in reading and "分词：" in reading


def test_the_line_shows_or_groups(client, notices, monkeypatch):
    # The stand-in engine reads OR as a word; the line is drawn from whatever parse_query returns.
    from documents import search_results
    from documents.search import ParsedQuery

    parsed = ParsedQuery(
        required=("产业",), any_of=(("衢州", "丽水"),), excluded=("开发区",), segmentation=("产业", "衢州", "丽水")
    )
    monkeypatch.setattr(search_results, "parse_query", lambda query: parsed)
    html = get(client, q="产业 衢州 OR 丽水 -开发区")
    reading = html[html.index('class="query-reading"') :].split("</p>")[0]
    assert "须包含「产业」；任一「衢州」或「丽水」；排除「开发区」" in reading


def test_facets_narrow_the_results_and_count_the_rest(client, notices):
    html = get(client, q="产业集聚区", city="330800")
    assert results(html) == ["衢州市特色产业发展方案"]
    city = html[html.index('id="facet-city"') :].split("</section>")[0]
    assert 'aria-current="true"' in city and "丽水市 <span" in city  # the other city is still offered
    assert '<input type="hidden" name="city" value="330800">' in html  # a new query keeps the filter


def test_sort_switch(client, notices):
    html = get(client, q="产业集聚区", order="date")
    switch = html[html.index('class="sort-switch"') :].split("</nav>")[0]
    assert re.search(r'order=date" aria-current="true">按日期', switch) and "order=relevance" in switch
    assert get(client, q="产业集聚区", order="nonsense").count('aria-current="true">按相关度') == 1


def test_a_query_of_common_words_says_it_lists_the_newest_first(client, notices, monkeypatch):
    monkeypatch.setattr(search.current_backend(), "ranked_matches", 1)  # 产业 is in every sample
    assert "按发布日期从新到旧排列" in get(client, q="产业")
    assert "按发布日期从新到旧排列" not in get(client, q="亩均税收")  # in one notice: scored
    assert "按发布日期从新到旧排列" not in get(client, q="产业", order="date")  # asked for: nothing to explain


def test_zero_hits_suggest_looser_queries_that_find_something(client, notices):
    html = get(client, q="亩均税收 丽水", theme="industrial-cluster")
    assert "没有找到与「亩均税收 丽水」匹配的文件" in html
    looser = html[html.index('class="looser"') :].split("</ul>")[0]
    assert '去掉「丽水」：亩均税收</a> <span class="count">1</span>' in looser and "theme=industrial-cluster" in looser
    assert "去掉筛选条件" not in looser  # without the theme, both words are still in no one notice
    assert "去掉「亩均税收」" not in looser  # 丽水 alone, under the theme, finds nothing: not offered


def test_zero_hits_can_suggest_dropping_the_filters(client, notices):
    html = get(client, q="丽水", city="330800")
    assert '<a href="?q=%E4%B8%BD%E6%B0%B4">去掉筛选条件：丽水</a> <span class="count">1</span>' in html


def test_empty_query_browses_everything_newest_first(client, notices):
    html = get(client)
    assert results(html) == ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案"] and "全部文件" in html
    assert "query-reading" not in html and "sort-switch" not in html


def test_bad_filter_input_is_reported_and_the_other_filters_still_apply(client, notices):
    html = get(client, 400, q="产业集聚区", year_min="二〇一〇", city="330800")
    alert = html[html.index('role="alert"') :].split("</div>")[0]
    assert "起始年份：" in alert and "city" not in alert
    assert results(html) == ["衢州市特色产业发展方案"]


def test_pagination_keeps_the_query(client, db):
    build_collection(documents=45, cities=2)
    html = get(client, q="产业发展", page="2")
    assert len(results(html)) == 20 and "第 2 / 3 页（共 45 条）" in html
    assert re.search(r'href="\?q=%E4%BA%A7%E4%B8%9A%E5%8F%91%E5%B1%95&amp;page=3" rel="next"', html)


# PostgreSQL's engine wraps each index query in SAVEPOINT / SET LOCAL / RELEASE: bookkeeping, not reads.
_BOOKKEEPING = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|SET LOCAL)\b", re.I)


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return sum(1 for query in captured.captured_queries if not _BOOKKEEPING.match(query["sql"]))


@pytest.mark.parametrize(
    ("params", "limit"),
    [
        # The engine's own statements come on top: a probe of the words' rarity per search, and on PostgreSQL a
        # savepoint around each index query.
        ({"q": "产业发展"}, 15),  # count, page, eight facets
        ({"q": "产业发展", "order": "date", "theme": "finance", "year_min": "2010"}, 15),
        # zero hits: a count per suggestion; an unspaced run (不存在的词): two counts as written and as words
        ({"q": "产业发展 不存在的词", "province": "330000"}, 29),
        ({}, 10),
        (
            {
                "q": "产业发展",
                "scope": "title",
                "kind": "plan",
                "issuer": "衢州市人民政府",
                "date_on": "published",
                "date_from": "2010-01-01",
                "date_to": "2024-12-31",
            },
            16,  # on PostgreSQL, a savepoint more around the index query
        ),
    ],
    ids=["query", "filtered", "zero-hits", "empty", "new-filters"],
)
def test_queries_do_not_grow_with_the_collection(client, params, limit):
    build_collection(documents=24, cities=10)
    small = _queries(client, params)
    build_collection(documents=240, cities=10, seed=5)
    large = _queries(client, params)
    assert large == small <= limit, (small, large)


HOSTILE_QUERIES = {
    "1900-words": " ".join("产业"[i % 2] for i in range(1900)),
    "650-or-pairs": " ".join(f"创{i % 10} OR 新{i % 10}" for i in range(650)),
    "3500-chars": "数字经济" * 875,
    "21-words": " ".join(["产业"] * 21),
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_a_query_past_the_bounds_is_refused_with_the_limits_stated(
    client, samples, query, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):  # refused before any query: no probe, no count, no facet
        html = get(client, 400, q=query)
    alert = html[html.index('role="alert"') :].split("</div>")[0]
    assert "未检索" in alert and "最多 20 个词" in alert and "200 个字符" in alert
    assert "没有找到" not in html and "query-reading" not in html
    assert 'name="q" value="' in html  # the query stays in its box, to be shortened


def test_the_limits_are_stated_under_the_search_box(client, samples):
    assert "最多 20 个词" in get(client, q="产业集聚区")
