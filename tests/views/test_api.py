"""The read-only JSON API: pagination, the page filters, links back to sentences, bounded queries."""

import pytest
from django.urls import reverse

from tests.synthetic import add_three_cities, build_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(db):
    return add_three_cities()


def titles(response):
    return [row["title"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案", "关于大力培育发展产业集群的意见"]),
        ({"province": "330000"}, ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案"]),
        ({"city": "430700"}, ["关于大力培育发展产业集群的意见"]),
        ({"theme": "industrial-cluster"}, ["衢州市特色产业发展方案", "关于大力培育发展产业集群的意见"]),
        ({"year_min": "2008", "year_max": "2015"}, ["衢州市特色产业发展方案", "关于大力培育发展产业集群的意见"]),
        ({"has_targets": "false"}, ["关于大力培育发展产业集群的意见"]),
        ({"has_targets": "true", "theme": "industrial-cluster"}, ["衢州市特色产业发展方案"]),
    ],
    ids=["all-newest-first", "province", "city", "theme", "year-range", "without-targets", "with-targets-and-theme"],
)
def test_documents_filters(client, notices, params, expected):
    assert titles(client.get(reverse("documents:api-documents"), params)) == expected


def test_document_rows(client, notices):
    row = client.get(reverse("documents:api-documents"), {"city": "330800"}).json()["results"][0]
    assert row["city"] == {"code": "330800", "name": "衢州市"} and row["province"]["name"] == "浙江省"
    assert sorted(row["themes"]) == ["green", "industrial-cluster"]
    assert row["issued_on"] == "2010-12-28" and row["url"] == notices[0].get_absolute_url()


def test_targets_link_to_their_sentence(client, notices):
    body = client.get(reverse("documents:api-targets"), {"city": "330800", "year_min": 2018}).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["metric"], row["value"], row["unit"], row["normalized_value"], row["normalized_unit"]) == (
        "研发经费投入",
        20000.0,
        "万元",
        2.0,
        "亿元",
    )
    assert row["url"] == f"{notices[0].get_absolute_url()}#target-{row['id']}"
    assert row["clause"] == "到2020年，研发经费投入达到20000万元。"


def test_targets_by_metric_and_theme(client, notices):
    body = client.get(reverse("documents:api-targets"), {"metric": "工业增加值", "theme": "industrial-platform"}).json()
    assert [(r["city"], r["value"]) for r in body["results"]] == [("331100", 600.0)]


def test_pagination_links(client, db):
    build_collection(documents=30, cities=3)
    first = client.get(reverse("documents:api-documents"), {"page_size": 12, "city": "130100"}).json()
    assert (first["count"], first["pages"], first["page"], len(first["results"])) == (10, 1, 1, 10)
    first = client.get(reverse("documents:api-documents"), {"page_size": 12}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (30, 3, 12)
    assert "page=2" in first["next"] and "page_size=12" in first["next"] and first["previous"] is None
    last = client.get(first["next"].replace("page=2", "page=3")).json()
    assert len(last["results"]) == 6 and last["next"] is None


def test_tasks_carry_units_and_deadlines(client, db, django_assert_max_num_queries):
    build_collection(documents=20, cities=2)
    with django_assert_max_num_queries(4):
        body = client.get(reverse("documents:api-tasks"), {"city": "130100", "page_size": 200}).json()
    assert body["count"] == 30
    task = body["results"][0]
    assert task["units"][0]["role"] == "lead" and task["units"][0]["name"].startswith("市")
    assert task["deadlines"][0]["text"] == "2025年6月底前" and task["url"].endswith(f"#task-{task['id']}")


def test_bad_filter_value_is_a_400_with_the_reason(client, db):
    response = client.get(reverse("documents:api-documents"), {"year_min": "二〇一五"})
    assert response.status_code == 400 and "year_min" in response.json()["errors"]


@pytest.mark.parametrize("endpoint", ["api-documents", "api-targets", "api-tasks"])
def test_queries_do_not_grow_with_page_size(client, db, endpoint, django_assert_max_num_queries):
    build_collection(documents=120, cities=4)
    with django_assert_max_num_queries(4):
        assert client.get(reverse(f"documents:{endpoint}"), {"page_size": 200}).status_code == 200


@pytest.mark.parametrize("value", ["-1", "0", "999999", "9" * 20, "2015.5", "1e3"])
@pytest.mark.parametrize("param", ["year_min", "year_max"])
@pytest.mark.parametrize("endpoint", ["api-documents", "api-targets"])
def test_a_year_out_of_bounds_is_a_400_with_the_reason(client, db, endpoint, param, value):
    response = client.get(reverse(f"documents:{endpoint}"), {param: value})
    assert response.status_code == 400 and response.json()["errors"][param][0]["message"]


@pytest.mark.parametrize("value", ["9" * 20, "0", "-3", "abc"])
def test_a_task_document_id_out_of_bounds_is_a_400(client, db, value):
    response = client.get(reverse("documents:api-tasks"), {"document": value})
    assert response.status_code == 400 and "document" in response.json()["errors"]


@pytest.mark.parametrize("value", ["0", "201", "abc", "9" * 20])
def test_a_page_size_out_of_bounds_is_a_400(client, db, value):
    response = client.get(reverse("documents:api-documents"), {"page_size": value})
    assert response.status_code == 400 and "page_size" in response.json()["errors"]


@pytest.mark.parametrize("value", ["\x00", "33080", "abcdef", "3308000"])
def test_a_region_code_that_is_no_code_is_a_400(client, db, value):
    response = client.get(reverse("documents:api-documents"), {"city": value})
    assert response.status_code == 400
