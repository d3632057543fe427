"""documents/search.py on the ingested samples: tokeniser, recall and precision against LIKE, the query
language, ranking, and an index that follows every write. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from django.db import connection

from documents import search
from documents.ingest import ingest_notice
from documents.models import Document, SearchEntry
from documents.search_query import fold
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


@pytest.mark.django_db
def test_a_long_word_needs_itself_not_its_pieces_apart():
    """PostgreSQL's index holds three-character pieces: 中小企业 … 企业公共 holds every piece of 中小企业公.
    With few matches the text is checked too, so both databases give exactly the notices holding it."""
    apart = notice("关于扶持中小企业的通知", "扶持中小企业发展。建设企业公共服务平台。", "p1")
    holding = notice("关于建设服务平台的通知", "建设中小企业公共服务平台。", "p2")
    spanning = notice("关于建设服务平台的通知（二）", "建设中小企业公\n共服务平台，ＧＤＰ增长５％。", "p3")
    assert ids("中小企业公") == {holding.pk, spanning.pk}
    assert ids("中小企业公 OR 数字孪生城市") == {holding.pk, spanning.pk}
    assert set(Document.objects.matching("中小企业公").values_list("pk", flat=True)) == {holding.pk, spanning.pk}
    assert ids("gdp增长5%") == {spanning.pk}  # folded: full width, case, a line break inside
    assert apart.pk in ids("中小企业 企业公共")


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


# ---- ranking -----------------------------------------------------------------------------------------


def notice(title: str, body: str, source: str) -> Document:
    return ingest_notice(raw_text=f"{title}\n{body}", source=source).document


@pytest.mark.django_db
def test_title_matches_rank_first_and_frequency_counts():
    in_title = notice("关于推进数字孪生城市的通知", "各单位：现将有关事项通知如下。做好工作。", "t1")
    many = notice("关于做好工作的通知", "数字孪生城市建设。数字孪生城市应用。数字孪生城市平台。", "t2")
    once = notice("关于开展检查的通知", "开展检查，涉及数字孪生城市。其余略。" + "其他工作安排。" * 20, "t3")
    assert hits("数字孪生城市") == [in_title, many, once]


@pytest.mark.django_db
def test_a_query_of_common_words_lists_the_newest_first(monkeypatch):
    """Every word common: scores hardly differ and cost one per match, so the newest come first, read in
    index order on SQLite. A date corrected later moves its notice."""
    monkeypatch.setitem(search.RANKED_MATCHES, connection.vendor, 1)  # two matches count as "common" here
    old = notice("关于数字经济的通知\n成文日期：2019年3月1日", "数字经济发展。", "c1")
    newest = notice("关于开展评比的通知\n成文日期：2023年3月1日", "数字经济发展。", "c3")
    undated = notice("关于开展调研的通知", "数字经济发展。", "c4")
    middle = notice("关于开展检查的通知\n成文日期：2021年3月1日", "数字经济发展。", "c2")
    assert hits("数字经济") == [newest, middle, old, undated]
    assert {d.search_rank for d in hits("数字经济")} == {0.0}
    assert hits("数字经济", order="date") == [newest, middle, old, undated]
    old.issued_on = date(2024, 1, 1)
    old.save()
    search.index_document(old)
    assert hits("数字经济") == [old, newest, middle, undated]
    assert Document.objects.search("数字经济").count() == 4


# ---- the index follows every write -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_index_follows_update_and_delete():
    document = notice("关于天鹅湖片区的通知", "推进天鹅湖片区建设。", "notices/a.txt")
    assert ids("天鹅湖") == {document.pk}
    updated = notice("关于白鹭洲片区的通知", "推进白鹭洲片区建设。", "notices/a.txt")
    assert updated.pk == document.pk and ids("天鹅湖") == set() and ids("白鹭洲") == {document.pk}
    other = notice("关于白鹭洲二期的通知", "白鹭洲二期。", "notices/b.txt")
    Document.objects.filter(pk=document.pk).delete()  # as the admin's bulk delete does
    assert ids("白鹭洲") == {other.pk} and SearchEntry.objects.count() == 1
    other.delete()
    assert ids("白鹭洲") == set() and SearchEntry.objects.count() == 0


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


@pytest.mark.django_db
def test_a_very_long_notice_is_saved_and_found_past_postgresqls_tsvector_limit():
    """400,000 characters hold some 3.5 MB of pieces, past the 1 MB a PostgreSQL tsvector may hold: the
    longest pieces are left out, the notice is still saved whole and found by its short words."""
    rng = random.Random(3)
    filler = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(400_000))
    long = notice("关于印发超长文件的通知", f"推进天鹅湖片区建设。{filler}白鹭洲", "long")
    assert len(Document.objects.get(pk=long.pk).clean_text) > 400_000
    assert ids("天鹅湖") == {long.pk} and ids("超长") == {long.pk}
    assert ids("白鹭洲") == ({long.pk} if connection.vendor == "sqlite" else set())


# ---- the databases' own index ------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_has_the_named_gin_index_and_uses_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_search_body_gin'")
        assert "USING gin (body)" in cursor.fetchone()[0]
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT 1 FROM documents_searchentry WHERE body @@ %s::tsquery", ["'集聚区'"])
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "documents_search_body_gin" in plan


@pytest.mark.postgres
def test_postgresql_body_is_a_tsvector_of_positionless_pieces(samples):
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM documents_searchentry WHERE document_id = %s", [samples[2].pk])
        body = cursor.fetchone()[0]
    assert "'集聚区'" in body and "'集聚'" in body and "'集'" in body and "':" not in body


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_rechecks_against_the_text_folded_at_index_time(django_assert_max_num_queries):
    """The recheck of a long word reads the entry's folded text: no query normalises whole texts (NFKC,
    lower case, translate per candidate per query made an OR of a common word take seconds)."""
    from django.test.utils import CaptureQueriesContext

    spanning = notice("关于建设服务平台的通知", "建设中小企业公\n共服务平台，ＧＤＰ增长５％。", "p1")
    with connection.cursor() as cursor:
        cursor.execute("SELECT folded FROM documents_searchentry WHERE document_id = %s", [spanning.pk])
        assert cursor.fetchone()[0] == fold(spanning.title + spanning.doc_number + spanning.clean_text)
    with CaptureQueriesContext(connection) as captured:
        assert ids("中小企业公 OR 数字孪生城市") == {spanning.pk} and ids("gdp增长5%") == {spanning.pk}
        assert list(Document.objects.matching("中小企业公").values_list("pk", flat=True)) == [spanning.pk]
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "folded" in sql and "normalize(" not in sql.lower()
    spanning.clean_text = "改为数字孪生城市建设。"
    spanning.save()
    search.index_document(spanning)
    assert ids("中小企业公") == set() and ids("数字孪生城市") == {spanning.pk}  # re-indexed, folded again


@pytest.mark.postgres
def test_postgresql_rebuild_builds_the_gin_index_again(samples):
    """rebuild_index drops the GIN index while it writes, and must leave it built again, and used."""
    search.rebuild_index(Document.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'documents_search_body_gin'")
        assert cursor.fetchone()[0] == 1
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


@pytest.mark.django_db
def test_bulk_created_notices_are_found_once_indexed():
    rows = [
        Document(
            title=f"通知{n}",
            source=f"bulk/{n}",
            raw_text="推进天鹅湖片区",
            clean_text="推进天鹅湖片区",
            content_hash=f"{n:064d}",
        )
        for n in range(3)
    ]
    Document.objects.bulk_create(rows)
    assert ids("天鹅湖") == set()  # bulk_create skips index_document
    assert search.index_documents(Document.objects.all()) == 3
    assert len(ids("天鹅湖")) == 3


@pytest.mark.parametrize("query", ["产业", "产业集聚区建设 平顶山 -煤炭", "丽水 OR 衢州 OR 平顶山市人民政府"])
def test_a_page_and_its_count_take_the_same_queries_whatever_the_query(samples, query, django_assert_max_num_queries):
    limit = 4 if connection.vendor == "sqlite" else 12  # PostgreSQL: 3, each in SAVEPOINT, SET LOCAL … RELEASE
    with django_assert_max_num_queries(limit):
        found = Document.objects.search(query)
        list(found[:20]), found.count()
