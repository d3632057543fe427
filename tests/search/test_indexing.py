"""documents/search (indexing.py and the backends) on notices each test writes for itself: ranking, folding, long words and long
notices, an index that follows every write, and PostgreSQL's own index. Runs on SQLite and on PostgreSQL.

The tests over the ingested samples (recall and precision against LIKE, the query language) are in
test_api.py, which ingests the samples once for all of them; these need a collection of their own.
"""

from __future__ import annotations

import random
import threading
from datetime import date

import pytest
from django.db import OperationalError, connection

from documents import ingest as ingest_module
from documents import search
from documents.ingest import ADDED, ingest_notice
from documents.models import Document, SearchEntry
from documents.search import indexing
from documents.search.folding import fold
from documents.search.pieces import INDEXED_CHARACTERS, pg_grams
from documents.search.postgresql import HALVES, grams_match, half_index
from tests.conftest import ingest_samples
from tests.search.test_api import hits, ids

pytestmark = pytest.mark.django_db


def notice(title: str, body: str, source: str) -> Document:
    return ingest_notice(raw_text=f"{title}\n{body}", source=source).document


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


def test_title_matches_rank_first_and_frequency_counts():
    in_title = notice("关于推进数字孪生城市的通知", "各单位：现将有关事项通知如下。做好工作。", "t1")
    many = notice("关于做好工作的通知", "数字孪生城市建设。数字孪生城市应用。数字孪生城市平台。", "t2")
    once = notice("关于开展检查的通知", "开展检查，涉及数字孪生城市。其余略。" + "其他工作安排。" * 20, "t3")
    assert hits("数字孪生城市") == [in_title, many, once]


def test_a_query_of_common_words_lists_the_newest_first(monkeypatch):
    """Every word common: scores hardly differ and cost one per match, so the newest come first, read in
    index order on SQLite. A date corrected later moves its notice."""
    monkeypatch.setattr(search.current_backend(), "ranked_matches", 1)  # two matches count as "common" here
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


def test_a_very_long_notice_is_saved_and_found_whole():
    """400,000 characters: some 3.5 MB of pieces, past the 1 MB a PostgreSQL tsvector may hold. PostgreSQL
    indexes its opening and marks it truncated; it is saved whole and found by words at either end."""
    rng = random.Random(3)
    filler = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(400_000))
    long = notice("关于印发超长文件的通知", f"推进天鹅湖片区建设。{filler}白鹭洲", "long")
    assert len(Document.objects.get(pk=long.pk).clean_text) > 400_000
    assert ids("天鹅湖") == {long.pk} and ids("超长") == {long.pk}
    assert ids("白鹭洲") == {long.pk} and ids("片区建设") == {long.pk}
    # Excluded words: a notice indexed in part is left out only when its text holds them.
    assert ids("白鹭洲 -市长") == {long.pk} and ids("白鹭洲 -平顶山") == {long.pk}
    assert ids("超长 -白鹭洲") == set() and ids("超长 -鹭洲") == set()


@pytest.mark.postgres
def test_postgresql_has_the_two_halves_of_the_gin_index_and_uses_both():
    with connection.cursor() as cursor:
        for half in HALVES:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [half_index(half)])
            definition = cursor.fetchone()[0]
            assert "USING gin (documents_search_grams(folded))" in definition
            assert f"WHERE ((document_id & (1)::bigint) = {half})" in definition
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN SELECT 1 FROM documents_searchentry WHERE {grams_match()}", ["'集聚'"] * len(HALVES))
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert all(half_index(half) in plan for half in HALVES) and "BitmapOr" in plan
    assert "Filter" not in plan  # no notice's pieces computed row by row


@pytest.mark.postgres
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
@pytest.mark.parametrize("length", [0, 1, 2, 7, 500, INDEXED_CHARACTERS, INDEXED_CHARACTERS + 1, 300_000])
def test_postgresqls_pieces_are_those_pieces_py_describes(length):
    """The index's function (migration 0010) and pieces.pg_grams agree, past the truncation too, on a text
    of every kind of character fold() leaves (surrogates aside: PostgreSQL stores none), and on the worst
    text for the tsvector's 1 MB: runs of digits between characters of four bytes."""
    rng = random.Random(length)
    worst = "".join(f"{rng.randrange(10**4):04d}{chr(0x1F600 + rng.randrange(80))}" for _ in range(length // 5 + 1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(documents_search_grams(%s))", [worst])
        assert set(cursor.fetchone()[0]) == pg_grams(worst)
    text = fold(
        "".join(
            chr(rng.choice([rng.randrange(0x21, 0x3000), rng.randrange(0x4E00, 0x4F00), 0x1F600]))
            for _ in range(length)
        )
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(documents_search_grams(%s))", [text])
        assert set(cursor.fetchone()[0]) == pg_grams(text)


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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_rebuild_outside_a_transaction_builds_the_halves_on_two_connections(monkeypatch):
    """Outside a transaction each half is built on a connection of its own, at once; both must exist after."""
    from documents.search import postgresql

    ingest_samples()
    threads = set()
    build = postgresql._build
    monkeypatch.setattr(
        postgresql, "_build", lambda cursor, half: (threads.add(threading.get_ident()), build(cursor, half))
    )
    search.rebuild_index(Document.objects.all())
    assert len(threads) == 2 and threading.get_ident() not in threads
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'documents_search_grams_gin_%%'")
        assert cursor.fetchone()[0] == 2
    held = set(Document.objects.filter(clean_text__contains="产业集聚区").values_list("pk", flat=True))
    assert held and ids("产业集聚区") == held


def test_pieces_worked_out_ahead_are_used_only_while_the_notice_holds_their_texts():
    """A parse worker works a notice's pieces out for the writer (search.indexed_text); the writer uses them
    only while the document's title, 文号 and text are those they were made of (an editor's title is not)."""
    document = notice("关于天鹅湖片区建设的通知", "推进天鹅湖片区建设。", "ahead")
    backend = search.current_backend()
    elsewhere = backend.pieces(document.title, f"{document.title}\n推进白鹭洲片区建设。")
    ahead = search.IndexedText(document.title, document.doc_number, document.clean_text, elsewhere)
    search.index_document(document, prepared=ahead)
    assert ids("白鹭洲") == {document.pk} and ids("天鹅湖片区建设。") == set()  # used as given
    document.title = "关于白鹤滩片区的通知"  # as an editor's correction is saved
    document.save()
    search.index_document(document, prepared=ahead)
    assert ids("白鹤滩") == {document.pk} and ids("白鹭洲") == set()  # not this title's: worked out again
    prepared = search.indexed_text(document.title, document.doc_number, document.clean_text)
    assert prepared.holds(document) and prepared.pieces == backend.pieces(
        document.title, "\n".join(filter(None, (document.title, document.doc_number, document.clean_text)))
    )


def test_a_rebuild_with_a_worker_process_indexes_as_one_process_does():
    """A large rebuild works the pieces out in other processes (workers=None chooses); the index is the same."""
    made = [
        notice(f"关于第{n}批天鹅湖片区建设的通知", f"推进天鹅湖片区建设。第{n}批白鹭洲。", f"w{n}") for n in range(7)
    ]
    found = {term: ids(term) for term in ("天鹅湖片区", "白鹭洲", "第3批", "市")}
    assert found["天鹅湖片区"] == {document.pk for document in made}
    done = []
    assert (
        search.rebuild_index(Document.objects.all(), batch_size=3, workers=1, progress=lambda *n: done.append(n)) == 7
    )
    assert {term: ids(term) for term in found} == found
    assert done == [(3, 7), (6, 7), (7, 7)]


@pytest.mark.postgres
def test_postgresql_checks_a_page_of_many_candidates_and_estimates_their_count(monkeypatch, client):
    """A longer word whose pieces stand apart in most candidates, in a query of more than few() matches: the
    page lists only notices holding it (checked page by page), a read of every match is exact, and past
    COUNTED_EXACTLY candidates the count is an estimate the search page marks 约."""
    from documents.search import django_internals

    monkeypatch.setattr(search.current_backend(), "ranked_matches", 0)  # every query "common": not ranked
    apart = [
        notice(f"关于扶持中小企业的通知（{n}）", "扶持中小企业发展。建设企业公共服务平台。", f"a{n}") for n in range(8)
    ]
    holding = [notice(f"关于建设平台的通知（{n}）", "建设中小企业公共服务平台。", f"h{n}") for n in range(2)]
    matches = Document.objects.search("中小企业公")
    assert {document.pk for document in matches[:20]} == {document.pk for document in holding}
    assert [document.pk for document in matches[1:2]] == [document.pk for document in matches][1:2]
    assert set(matches.values_list("pk", flat=True)) == {document.pk for document in holding}
    counted = matches.all()
    assert counted.count() == 2 and not search.count_is_estimate(counted)
    assert ids("中小企业 企业公共") >= {document.pk for document in apart}  # words apart: each found
    assert Document.objects.search("中小企业 -中小企业公").count() == len(apart)  # a longer excluded word, checked

    monkeypatch.setattr(django_internals, "COUNTED_EXACTLY", 0)  # the count from a sample (here every candidate)
    estimated = Document.objects.search("中小企业公")
    assert estimated.count() == 2 and search.count_is_estimate(estimated)
    page = client.get("/search/", {"q": '"中小企业公"'})  # quoted: not read as its jieba words (unspaced())
    assert page.status_code == 200 and "约 2</span>" in page.content.decode()
    assert "约 " not in client.get("/search/", {"q": "中小企业"}).content.decode().split("results-heading")[1][:200]


# ---- A batch run's entries, written some notices at a time (indexed_in_batches) -------------------------


def _batched_writes(monkeypatch) -> list[int]:
    """The number of notices of each write the backend is asked for, from now on."""
    sizes = []
    backend = search.current_backend()
    write = type(backend).write
    monkeypatch.setattr(
        type(backend), "write", lambda self, cursor, rows: (sizes.append(len(rows)), write(self, cursor, rows))
    )
    return sizes


@pytest.mark.django_db(transaction=True)
def test_a_batch_run_writes_its_notices_entries_some_at_a_time_and_the_rest_at_its_end(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_NOTICES", 3)
    sizes = _batched_writes(monkeypatch)
    with search.indexed_in_batches(Document.objects.all()):
        made = [notice(f"关于第{n}批白鹭洲片区建设的通知", f"推进白鹭洲片区第{n}批建设。", f"b{n}") for n in range(7)]
        assert ids("白鹭洲") == {document.pk for document in made[:6]}  # the seventh waits for two more
    assert ids("白鹭洲") == {document.pk for document in made}
    assert sizes == [3, 3, 1]
    assert SearchEntry.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_batch_run_writes_what_has_waited_long_enough(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_SECONDS", 0.0)
    sizes = _batched_writes(monkeypatch)
    with search.indexed_in_batches(Document.objects.all()):
        first = notice("关于白鹭洲片区建设的通知", "推进白鹭洲片区建设。", "s1")
        assert ids("白鹭洲") == {first.pk}
    assert sizes == [1]


@pytest.mark.django_db(transaction=True)
def test_a_batch_run_leaves_the_old_entry_of_a_write_that_failed(monkeypatch):
    """The entry is held within the notice's transaction; the transaction fails after it, so the notice keeps
    its text and its old entry, and the held one is not written."""
    document = notice("关于天鹅湖片区的通知", "推进天鹅湖片区建设。", "notices/a.txt")
    index_document = ingest_module.search.index_document

    def held_then_broken(*args, **options):
        index_document(*args, **options)
        raise RuntimeError("disk full")

    with search.indexed_in_batches(Document.objects.all()):
        monkeypatch.setattr(ingest_module.search, "index_document", held_then_broken)
        with pytest.raises(RuntimeError):
            notice("关于白鹭洲片区的通知", "推进白鹭洲片区建设。", "notices/a.txt")
        monkeypatch.undo()
    assert ids("天鹅湖") == {document.pk} and ids("白鹭洲") == set()
    assert Document.objects.get().clean_text == document.clean_text


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_cannot_be_written_leaves_its_notices_whole_and_the_end_indexes_them(monkeypatch, caplog):
    monkeypatch.setattr(indexing, "BATCH_NOTICES", 2)
    backend = type(search.current_backend())
    write = backend.write
    failures = iter([OperationalError("database is locked")])

    def locked_once(self, cursor, rows):
        failure = next(failures, None)
        if failure:
            raise failure
        write(self, cursor, rows)

    monkeypatch.setattr(backend, "write", locked_once)
    with search.indexed_in_batches(Document.objects.all()):
        outcomes = [
            ingest_notice(raw_text=f"关于第{n}批白鹭洲片区建设的通知\n推进白鹭洲片区第{n}批建设。", source=f"f{n}")
            for n in range(3)
        ]
        assert ids("白鹭洲") == set()  # the first two's write failed; the third waits
    assert [outcome.status for outcome in outcomes] == [ADDED] * 3
    assert ids("白鹭洲") == {outcome.document.pk for outcome in outcomes}
    assert "search entries of 2 notices left for the end of the run" in caplog.text


def test_a_batch_run_indexes_the_notices_a_stopped_run_left_without_an_entry():
    """What a run killed before it wrote its held entries leaves: notices saved whole, with no entry."""
    left = notice("关于白鹭洲片区的通知", "推进白鹭洲片区建设。", "left")
    SearchEntry.objects.filter(document=left).delete()
    assert ids("白鹭洲") == set() and list(Document.objects.unindexed()) == [left]
    with search.indexed_in_batches(Document.objects.all()):
        pass
    assert ids("白鹭洲") == {left.pk} and not Document.objects.unindexed().exists()


def test_a_batch_run_stopped_by_an_error_writes_what_it_held_and_raises_that_error():
    left = notice("关于天鹅湖片区的通知", "推进天鹅湖片区建设。", "left")
    SearchEntry.objects.filter(document=left).delete()
    with pytest.raises(KeyboardInterrupt), search.indexed_in_batches(Document.objects.all()):
        held = notice("关于白鹭洲片区的通知", "推进白鹭洲片区建设。", "held")
        raise KeyboardInterrupt
    assert ids("白鹭洲") == {held.pk}
    assert list(Document.objects.unindexed()) == [left]  # left for a run that ends as it should
