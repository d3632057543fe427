"""documents/search (api.py and the backends) on the ingested samples: tokeniser, recall and precision
against LIKE, the query language, and an index that follows edits, rebuilds and deletes. Runs on SQLite and on PostgreSQL.
Ranking, long notices and writes on notices made for the test are in test_indexing.py."""

from __future__ import annotations

import random
import re

import pytest
from django.db import connection

from documents import search
from documents.models import Document, SearchEntry
from documents.search.folding import fold
from documents.search.pieces import pg_grams, term_lexemes
from tests.conftest import NOTICES

POLICY_TERMS = ["产业集聚区", "亩均税收", "专精特新", "规上工业", "五规合一"]
# Real terms, chosen where jieba cuts them differently in context, plus numbers and single characters.
TERMS = [
    "平顶山",
    "平顶山市",
    "集聚区",
    "产业集聚区",
    "产业",
    "集聚",
    "5%",
    "1000亿元",
    "亿元",
    "2015",
    "20",
    "市",
    "县",
    "亿",
    "%",
    "衢州",
    "丽水",
    "常德",
    "乐清",
    "战略性新兴产业",
    "生态工业",
    "工业园区",
    "主导产业",
    "人民政府",
    "实施方案",
    "办公室",
    "新兴产业",
    "到2020年",
]


@pytest.fixture
def samples(shared_samples):
    """The samples, ingested once for this module: every test here sees them (conftest.samples_once).
    Tests that need a collection of their own are in test_indexing.py."""
    return shared_samples


@pytest.fixture
def by_like(samples):
    def like(term: str) -> set[int]:
        return set(Document.objects.filter(clean_text__contains=term).values_list("pk", flat=True))

    return like


def hits(query: str, **options) -> list[Document]:
    return list(Document.objects.search(query, **options))


def ids(query: str) -> set[int]:
    return {document.pk for document in hits(query)}


def expected(term: str) -> set[int]:
    """The notices whose title, 文号 or text holds the term, compared as the index compares (fold())."""
    return {
        d.pk
        for d in Document.objects.all()
        if any(fold(term) in fold(f) for f in (d.title, d.doc_number, d.clean_text))
    }


# ---- tokeniser ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", POLICY_TERMS)
def test_user_dictionary_keeps_policy_terms_whole(term):
    assert term in search.tokenize(f"各地要推进{term}工作")


def test_rjieba_cuts_as_jieba_does_with_the_same_dictionaries():
    """Index and query use one segmenter; this proves it is jieba's segmentation (its dictionary plus
    ours), so a query cut on one machine reads as text cut on another. Lines with ASCII letters, dotted
    numbers (2008-09-24, 1.5) or URLs are left out: where jieba-rs keeps them whole."""
    reference = search.python_jieba()
    lines = [line.strip() for path in sorted(NOTICES.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line and not re.search(r"[A-Za-z]|\d[.-]\d|//", line)]
    assert len(lines) > 150
    differing = [line for line in lines if search.tokenize(line) != [t for t in reference.cut(line) if t.strip()]]
    assert differing == []


def test_parse_query_shows_jiebas_segmentation():
    parsed = search.parse_query('平顶山市产业集聚区 "亩均税收" -煤炭')
    assert parsed.segmentation == ("平顶山市", "产业集聚区", "亩均税收")
    assert parsed.required == ("平顶山市产业集聚区", "亩均税收") and parsed.excluded == ("煤炭",)


# ---- recall and precision ----------------------------------------------------------------------------


@pytest.mark.parametrize("term", TERMS)
def test_a_term_finds_exactly_the_notices_holding_it(samples, by_like, term):
    found = ids(term)
    assert by_like(term) <= found  # every notice LIKE finds
    assert found == expected(term)  # and only notices that hold the term itself


def sample_terms(count: int) -> list[str]:
    """Real query terms from the samples: 2–8 character substrings, numbers, place names (seeded)."""
    rng = random.Random(6)
    text = "\n".join(path.read_text("utf-8") for path in sorted(NOTICES.glob("*.txt")))
    terms = set(rng.sample(sorted(set(re.findall(r"\d+(?:\.\d+)?(?:%|亿元|万元|万平方米|个|家|年)", text))), 25))
    terms |= set(re.findall(r"[\u4e00-\u9fff]{2}[市县区](?=人民政府|产业)", text))
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", text)
    while len(terms) < count:
        run = rng.choice(runs)
        size = rng.randint(2, min(8, len(run)))
        start = rng.randint(0, len(run) - size)
        terms.add(run[start : start + size])
    return sorted(terms)


def test_recall_and_precision_against_like_over_120_real_terms(samples, by_like):
    terms = sample_terms(120)
    assert len(terms) >= 100 and any(re.search(r"\d", t) for t in terms) and any(len(t) >= 6 for t in terms)
    like_total = found_total = hit_total = 0
    for term in terms:
        like, found = by_like(term), ids(f'"{term}"')
        like_total, found_total, hit_total = (
            like_total + len(like),
            found_total + len(like & found),
            hit_total + len(found),
        )
        assert len(found) <= max(1.2 * len(like), len(like) + 1), term  # no flood of notices holding the pieces apart
    assert found_total / like_total >= 0.995
    assert hit_total <= 1.2 * like_total


def test_the_traps_of_word_tokens(samples, by_like):
    # AND-ed jieba tokens matched notices holding 生态 and 工业 apart; search-mode phrases found nothing.
    for term in ("生态工业", "战略性新兴产业", "产业集聚区建设"):
        assert ids(term) == by_like(term) and by_like(term)


# ---- query language ----------------------------------------------------------------------------------


def test_words_must_all_match(samples, by_like):
    assert ids("产业集聚区 平顶山") == by_like("产业集聚区") & by_like("平顶山")


def test_a_phrase_ignores_spaces_inside(samples):
    assert ids('"产业 集聚区"') == ids("产业集聚区")


def test_exclusion(samples, by_like):
    assert ids("产业 -平顶山") == by_like("产业") - by_like("平顶山")
    assert ids('产业 -"集聚区"') == by_like("产业") - by_like("集聚区")


def test_or(samples, by_like):
    assert ids("丽水 OR 衢州") == by_like("丽水") | by_like("衢州")
    assert ids("产业 丽水 OR 平顶山") == by_like("产业") & (by_like("丽水") | by_like("平顶山"))


def test_one_character_words_with_the_rest_of_the_query_language(samples, by_like):
    # One-character words are read from a table of their own on SQLite: they must combine as any word does.
    assert ids("县") == by_like("县")
    assert ids("县 平顶山") == by_like("县") & by_like("平顶山")
    assert ids("产业 -县") == by_like("产业") - by_like("县")
    assert ids("县 -平顶山") == by_like("县") - by_like("平顶山")
    assert ids("县 OR 丽水") == by_like("县") | by_like("丽水")
    assert ids("亿 县 OR 区") == by_like("亿") & (by_like("县") | by_like("区"))


@pytest.mark.parametrize(
    "query", ["产业集聚区 平顶山", "产业 -平顶山", "丽水 OR 衢州", '"产业 集聚区"', "平政办[2015]26号"]
)
def test_matching_finds_what_search_finds_and_composes_in_a_subquery(samples, query):
    assert set(Document.objects.matching(query).values_list("pk", flat=True)) == ids(query)
    # As the facets use it: inside another query's subquery, each notice counted by its own match (a
    # correlated match, as search()'s joins give there, also ran the full-text query once per row).
    nested = Document.objects.filter(pk__in=Document.objects.matching(query).values("pk"))
    assert set(nested.values_list("pk", flat=True)) == ids(query)
    sql, _ = nested.query.sql_with_params()
    unquoted = sql.replace('"', "")
    subquery = unquoted[unquoted.index(" IN (") : unquoted.rindex(" ORDER BY")]
    assert "documents_document.id" not in subquery  # no reference to the outer row


@pytest.mark.parametrize("brackets", ["〔〕", "[]", "()", "（）", "【】"])
def test_a_doc_number_in_any_bracket_style_finds_its_notice_first(samples, brackets):
    numbered = [d for d in samples if d.doc_number]
    assert numbered
    for document in numbered:
        written = re.sub("〔(.*)〕", lambda m: brackets[0] + m[1] + brackets[1], document.doc_number)
        assert hits(written)[0] == document
        assert hits(f"产业 {written}")[0] == document


def test_empty_queries_find_nothing(samples):
    assert hits("") == [] and hits("   ") == [] and hits("-产业") == []


def test_date_order_is_newest_first(samples):
    found = hits("产业", order="date")
    days = [d.issued_on for d in found if d.issued_on]
    assert len(found) >= 4 and days == sorted(days, reverse=True)
    with pytest.raises(ValueError):
        Document.objects.search("产业", order="stars")


def test_search_composes_with_other_filters_and_counts(samples):
    city = next(d.city for d in samples if d.city_id)
    found = Document.objects.filter(city=city).search("产业")
    assert found.count() == len(list(found)) == Document.objects.filter(city=city, clean_text__contains="产业").count()


# ---- the index follows every write -------------------------------------------------------------------


def test_an_admin_edit_is_indexed(admin_client, samples):
    from django.urls import reverse

    document = samples[0]
    url = reverse("admin:documents_document_change", args=[document.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["title"] = "天鹅湖片区建设方案"
    for inline in page.context["inline_admin_formsets"]:  # the inlines left as they are
        data.update({f"{inline.formset.prefix}-TOTAL_FORMS": "0", f"{inline.formset.prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert ids("天鹅湖") == {document.pk}


def test_rebuild_index_restores_every_notice(samples, by_like):
    before = {term: ids(term) for term in TERMS[:6]}
    SearchEntry.objects.all().delete()
    assert ids("产业") == set()
    assert search.rebuild_index(Document.objects.all(), batch_size=2) == 5
    assert {term: ids(term) for term in TERMS[:6]} == before


@pytest.mark.parametrize("query", ["产业", "平顶山 -煤炭", "丽水 OR 衢州", "市", "产业集聚区"])
def test_counts_agree_with_the_rows_filtered_or_not_after_updates_and_deletes(samples, query):
    """SQLite counts an unfiltered search over its index entries alone; rows the index left behind for a
    re-indexed or deleted notice must not count, and a filter added afterwards must."""
    samples[0].title += "（修订）"
    samples[0].save()
    search.index_document(samples[0])  # leaves the old FTS row behind on SQLite
    samples[1].delete()
    found = Document.objects.search(query)
    assert found.count() == len(list(found)) == len(list(found.all()))
    city = samples[2].city_id
    assert found.filter(city_id=city).count() == len([d for d in found if d.city_id == city])
    assert Document.objects.search(query)[:1].count() == min(1, len(list(found)))


# ---- the databases' own index ------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_indexes_the_characters_and_bigrams_of_title_number_and_text(samples):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(documents_search_grams(folded)), title, truncated FROM documents_searchentry "
            "WHERE document_id = %s",
            [samples[2].pk],
        )
        grams, title, truncated = cursor.fetchone()
    body = "\n".join(part for part in (samples[2].title, samples[2].doc_number, samples[2].clean_text) if part)
    assert set(grams) == pg_grams(fold(body)) and set(term_lexemes("集聚区")) <= set(grams)
    assert title == fold(samples[2].title) and not truncated


@pytest.mark.postgres
def test_postgresql_rebuild_builds_the_gin_index_again(samples):
    """rebuild_index drops the GIN index's halves while it writes, and must leave both built again, and used.
    Inside the test's transaction they are built one after the other on this connection."""
    search.rebuild_index(Document.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'documents_search_grams_gin_%%'")
        assert cursor.fetchone()[0] == 2
    assert all(ids(term) == expected(term) for term in ("产业集聚区", "市", "1000亿元"))


def test_pages_are_slices_of_the_whole_ranking_and_keep_select_related(samples, django_assert_max_num_queries):
    everything = list(Document.objects.search("产业"))
    assert [d.pk for d in Document.objects.search("产业")[1:3]] == [d.pk for d in everything[1:3]]
    page = Document.objects.select_related("city").search("产业").only("id", "title", "city", "issued_on")
    with django_assert_max_num_queries(4):  # bound, ids of the page, its rows: no query per row
        rows = list(page[:5])
        assert [d.pk for d in rows] == [d.pk for d in everything[:5]]
        assert [d.search_rank for d in rows] == [d.search_rank for d in everything[:5]]
        assert [str(d.city) for d in rows]


@pytest.mark.parametrize(
    "query",
    [
        "'",
        "\\",
        "产业:*",
        "(产业",
        "NEAR(产业 集聚)",
        "产业 AND",
        "title:产业",
        '"产业',
        "OR",
        "-",
        "*",
        "产业 | !集聚",
        "％",
        "\x00产业",
        "产业" * 100,
    ],
)  # the longest query there is
def test_any_query_text_is_read_safely(samples, by_like, query):
    found = ids(query)  # never a syntax error from FTS5 or tsquery: ASCII punctuation is folded away
    assert found <= {d.pk for d in samples}


@pytest.mark.parametrize("query", ["产业", "产业集聚区建设 平顶山 -煤炭", "丽水 OR 衢州 OR 平顶山市人民政府"])
def test_a_page_and_its_count_take_the_same_queries_whatever_the_query(samples, query, django_assert_max_num_queries):
    limit = 4 if connection.vendor == "sqlite" else 12  # PostgreSQL: 3, each in SAVEPOINT, SET LOCAL … RELEASE
    with django_assert_max_num_queries(limit):
        found = Document.objects.search(query)
        list(found[:20]), found.count()
