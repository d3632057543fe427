"""Queries typed without spaces (documents/search/api.py unspaced()): a run of Chinese found (almost) nowhere
as written is read as its jieba words, and the notice meant comes in the first three; quotes keep it exact.
On the samples and seven notices of the kind people look for (fixtures/search/); both databases."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from documents import search
from documents.ingest import ingest_file
from documents.models import Document
from documents.search.query import respelled_query, unspaced_runs, words_of_run
from tests.conftest import ROOT, built_once, ingest_samples

SEARCH_NOTICES = ROOT / "fixtures" / "search"

# (query as typed, the words it is read as, the title of the notice meant)
UNSPACED = [
    ("2017年政府工作报告", ("2017年", "政府工作报告"), "2017年中华人民共和国国务院政府工作报告"),
    ("无废城市建设试点方案", ("无废城市", "建设", "试点", "方案"), "“无废城市”建设试点工作方案"),
    ("青岛人工智能产业园政策", ("青岛", "人工智能", "产业园", "政策"), "青岛市人工智能产业园发展若干政策"),
    (
        "三级公立医院绩效考核意见",
        ("三级", "公立医院", "绩效考核", "意见"),
        "国务院办公厅关于加强三级公立医院绩效考核工作的意见",
    ),
]


def ingest_collection() -> None:
    ingest_samples()
    for path in sorted(SEARCH_NOTICES.glob("*.txt")):
        ingest_file(path, source=f"fixtures/search/{path.name}")


@pytest.fixture(scope="module")
def collection_once(django_db_setup, django_db_blocker):
    """The samples and the notices of fixtures/search/, ingested once: every test here may see them."""
    with built_once(django_db_blocker, ingest_collection):
        yield


@pytest.fixture
def collection(db, collection_once):
    return Document.objects.all()


# ---- pure: which words are runs, what they are cut into -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "runs"),
    [
        ("2017年政府工作报告", ["2017年政府工作报告"]),
        ('"2017年政府工作报告"', []),  # quoted: the exact phrase
        ("平顶山 集聚区", []),  # short words are words as typed
        ("-煤炭工业基地 产业集聚区建设", ["产业集聚区建设"]),  # an exclusion is never cut
        ("无废城市建设 OR 垃圾分类工作", []),  # OR alternatives are left as typed
        ("平政办〔2015〕26号", []),  # a 文号
        ("2025 GDP", []),  # no Chinese
    ],
    ids=["run", "quoted", "short", "excluded", "or", "doc-number", "latin"],
)
def test_unspaced_runs(query, runs):
    assert unspaced_runs(query) == runs


@pytest.mark.parametrize(("query", "words", "title"), UNSPACED, ids=[q for q, _, _ in UNSPACED])
def test_a_run_is_cut_into_jiebas_words_with_numbers_kept_with_their_unit(query, words, title):
    assert tuple(words_of_run(search.tokenize(query))) == words


def test_respelled_query_keeps_the_rest_of_the_query():
    replacements = {"三级公立医院绩效考核意见": ["三级", "公立医院"]}
    assert respelled_query('"国务院" 三级公立医院绩效考核意见 -中医', replacements) == '"国务院" 三级 公立医院 -中医'


# ---- on the database: the notice meant in the top three ------------------------------------------------


@pytest.mark.parametrize(("query", "words", "title"), UNSPACED, ids=[q for q, _, _ in UNSPACED])
def test_an_unspaced_query_finds_the_notice_meant_in_the_top_three(collection, query, words, title):
    assert title in collection.values_list("title", flat=True)
    assert not collection.matching(query).exists()  # as written, nothing (the zero hits)
    unspaced = collection.unspaced(query)
    assert unspaced.words == words and unspaced.runs == (query,) and unspaced.as_written == 0
    top = [document.title for document in collection.search(unspaced.query)[:3]]
    assert title in top, top


def test_a_title_like_query_puts_the_notice_first(collection):
    unspaced = collection.unspaced("2017年政府工作报告")
    titles = [d.title for d in collection.search(unspaced.query)]
    assert titles[0] == "2017年中华人民共和国国务院政府工作报告" and len(titles) > 1  # 2018's report names 2017年 too


def test_quotes_keep_the_exact_phrase(collection):
    assert collection.unspaced('"2017年政府工作报告"') is None
    assert not collection.search('"2017年政府工作报告"').exists()


def test_a_run_found_as_written_often_enough_is_left_alone(collection, monkeypatch):
    assert collection.unspaced("产业集聚区") is None  # one word to jieba: nothing to cut
    assert collection.unspaced("人工智能产业园") is not None  # in two notices, its words in more
    monkeypatch.setattr(search.api, "HANDFUL", 1)
    assert collection.unspaced("人工智能产业园") is None


def test_a_run_found_in_a_handful_of_notices_lists_those_first(collection):
    # 人工智能科技创新 is written in one notice (Qingdao's AI park policy); its words are in more.
    unspaced = collection.unspaced("人工智能科技创新")
    assert unspaced is not None and unspaced.as_written == 1
    hits = list(collection.search(unspaced.query, first=unspaced.typed))
    assert len(hits) > 1 and hits[0].title == "青岛市人工智能产业园发展若干政策"


def test_the_search_page_says_what_it_searched_for(client, collection):
    html = client.get("/search/", {"q": "2017年政府工作报告"}).content.decode()
    assert "未找到完全一致的「2017年政府工作报告」，以下是同时包含「2017年」「政府工作报告」的文件" in html
    assert "没有找到" not in html
    first = html.index('class="doc-list results"')
    assert (
        html.index("2017年", first) < html.index("2018年中华人民共和国", first)
        if "2018年中华人民共和国" in html[first:]
        else True
    )
    assert (
        'href="?q=%222017%E5%B9%B4%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A%22' in html
    )  # 只查完全一致的


def test_manage_py_search_reads_it_the_same_way(collection):
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "三级公立医院绩效考核意见", "--limit", "3", stdout=out, stderr=err)
    assert "未找到完全一致的" in err.getvalue() and "「公立医院」" in err.getvalue()
    assert "国务院办公厅关于加强三级公立医院绩效考核工作的意见" in out.getvalue()


def test_query_words_add_an_unspaced_runs_words():
    assert search.query_words('2017年政府工作报告 "产业 集群" -国务院') == [
        "2017年政府工作报告",
        "产业 集群",
        "2017年",
        "政府工作报告",
    ]


def test_a_notice_opened_from_a_search_marks_and_counts_its_hits(client, collection):
    report = collection.get(title="2017年中华人民共和国国务院政府工作报告")
    html = client.get(report.get_absolute_url(), {"q": "2017年政府工作报告"}).content.decode()
    total = report.clean_text.count("政府工作报告") + report.clean_text.count("2017年")
    assert f"在本文出现 {total} 处" in html and 'id="hit-1"' in html and f'id="hit-{total}"' in html
    assert html.count('class="mark-hit"') >= total and '<a class="hit-nav" href="#hit-2" aria-label="下一处">' in html
    assert 'href="#hit-1" aria-label="上一处"' in html
    assert "在本文" not in client.get(report.get_absolute_url()).content.decode()  # not from a search: nothing marked
