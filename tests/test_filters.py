"""filters.py: the search page's facets (counted under the other filters) and the target search's filters and sort."""

from datetime import date

import pytest
from django.http import QueryDict

from documents.filters import TARGET_ORDER, DocumentFilter, TargetFilter, error_messages, target_choices, without_errors
from documents.models import Document, Target
from tests.synthetic import add_notice, add_three_cities

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(db):
    add_three_cities()


def facets(query: str) -> dict:
    found = DocumentFilter(QueryDict(query), queryset=Document.objects.all())
    assert found.is_valid()
    return {
        facet.name: {option.label: (option.count, option.selected) for option in facet.options}
        for facet in found.facets()
    }


def test_facets_count_every_value(notices):
    counts = facets("")
    assert counts["province"] == {"浙江省": (2, False), "湖南省": (1, False)}
    assert counts["city"] == {"衢州市": (1, False), "丽水市": (1, False), "常德市": (1, False)}
    assert counts["theme"]["产业集群"] == (2, False) and counts["theme"]["节能环保"] == (1, False)
    assert list(counts["year"]) == ["2020年", "2010年"] and counts["year"]["2010年"] == (2, False)
    assert counts["has_targets"] == {"有量化目标": (2, False), "无量化目标": (1, False)}


def test_a_facet_is_counted_without_its_own_filter_but_under_the_others(notices):
    counts = facets("province=330000&theme=industrial-cluster")
    assert counts["province"] == {"浙江省": (1, True), "湖南省": (1, False)}  # both provinces hold a cluster notice
    assert counts["city"] == {"衢州市": (1, False)}  # under the province and the theme
    assert counts["theme"]["产业集群"] == (1, True) and counts["theme"]["产业集聚区"] == (1, False)


def test_choosing_a_value_links_to_it_and_choosing_it_again_clears_it(notices):
    found = DocumentFilter(QueryDict("q=产业&city=330800&page=3"), queryset=Document.objects.all())
    city = next(f for f in found.facets() if f.name == "city")
    queries = {option.label: QueryDict(option.query) for option in city.options}
    assert "city" not in queries["衢州市"] and queries["衢州市"]["q"] == "产业"
    assert queries["丽水市"]["city"] == "331100" and "page" not in queries["丽水市"]


def test_year_facet_sets_the_range_to_one_year(notices):
    found = DocumentFilter(QueryDict("year_min=2010&year_max=2010"), queryset=Document.objects.all())
    year = next(f for f in found.facets() if f.name == "year")
    assert [(o.label, o.selected) for o in year.options] == [("2020年", False), ("2010年", True)]
    assert found.qs.count() == 2 and found.active


@pytest.fixture
def kinds(db):
    """Notices of each kind, with issuers and both dates, titles that tell their kind."""
    rows = [
        ("330800", "衢州市人民政府关于加快工业发展的通知", "衢州市人民政府", date(2015, 3, 1), date(2015, 3, 9)),
        ("330800", "衢州市加快产业集聚区建设的若干意见（试行）", "衢州市人民政府", date(2016, 5, 1), None),
        (
            "331100",
            "丽水市工业互联网创新发展行动方案(2021—2023年)",
            "丽水市人民政府办公室",
            date(2021, 1, 4),
            date(2021, 2, 1),
        ),
        ("331100", "丽水市科技项目管理办法", "丽水市科学技术局", None, date(2019, 6, 30)),
        ("430700", "常德市“十四五”工业发展规划", "常德市人民政府", date(2021, 9, 1), None),
        ("430700", "2017年常德市政府工作报告", "", date(2017, 2, 20), None),
        ("430700", "常德市产业调研", "", None, None),
    ]
    for city, title, issuer, issued, published in rows:
        document = add_notice(city=city, title=title, issued=issued)
        Document.objects.filter(pk=document.pk).update(issuer=issuer, published_on=published)


def titles(query: str) -> set[str]:
    found = DocumentFilter(QueryDict(query), queryset=Document.objects.all())
    assert found.is_valid(), found.errors
    return set(found.qs.values_list("title", flat=True))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("notice", "关于加快工业发展的通知"), ("opinion", "若干意见（试行）"), ("plan", "行动方案(2021—2023年)"),
     ("measures", "科技项目管理办法"), ("planning", "工业发展规划"), ("report", "政府工作报告"), ("other", "产业调研")],
)  # fmt: skip
def test_kind_is_read_from_the_title(kinds, kind, expected):
    found = titles(f"kind={kind}")
    assert len(found) == 1 and expected in found.pop()


def test_kind_and_issuer_facets_count_under_the_other_filters(kinds):
    counts = facets("city=330800")
    assert counts["kind"] == {"通知": (1, False), "意见": (1, False)}
    assert counts["issuer"] == {"衢州市人民政府": (2, False)}
    counts = facets("issuer=衢州市人民政府&kind=opinion")
    assert counts["issuer"] == {"衢州市人民政府": (1, True)} and counts["kind"]["意见"] == (1, True)
    assert titles("issuer=丽水市科学技术局") == {"丽水市科技项目管理办法"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("date_from=2021-01-01", {"丽水市工业互联网创新发展行动方案(2021—2023年)", "常德市“十四五”工业发展规划"}),
     ("date_from=2016-01-01&date_to=2017-12-31", {"衢州市加快产业集聚区建设的若干意见（试行）", "2017年常德市政府工作报告"}),
     ("date_on=published&date_to=2019-12-31", {"衢州市人民政府关于加快工业发展的通知", "丽水市科技项目管理办法"}),
     ("date_on=published&date_from=2021-02-01&date_to=2021-02-01", {"丽水市工业互联网创新发展行动方案(2021—2023年)"})],
    ids=["issued-from", "issued-range", "published-to", "published-day"],
)  # fmt: skip
def test_date_range_on_either_date(kinds, query, expected):
    assert titles(query) == expected


def test_title_only_keeps_the_notices_whose_title_holds_the_words(kinds):
    assert titles("q=工业 发展&scope=title") == {
        "衢州市人民政府关于加快工业发展的通知",
        "丽水市工业互联网创新发展行动方案(2021—2023年)",
        "常德市“十四五”工业发展规划",
    }
    every = set(Document.objects.values_list("title", flat=True))
    assert titles("q=工业 OR 产业&scope=title") == {t for t in every if "工业" in t or "产业" in t}
    assert titles("q=2017年长沙市工作报告&scope=title") == set()  # 长沙市 is in no title
    assert titles("q=2017年政府工作报告&scope=title") == {"2017年常德市政府工作报告"}  # unspaced: its words
    assert titles("q=工业 -规划&scope=title") == {
        "衢州市人民政府关于加快工业发展的通知",
        "丽水市工业互联网创新发展行动方案(2021—2023年)",
    }


@pytest.mark.parametrize(
    "query",
    ["kind=law", "date_from=2015-02-30", "date_to=1800-01-01", "date_on=written", "scope=body", "issuer=" + "局" * 201],
    ids=["kind", "bad-day", "before-range", "date-on", "scope", "long-issuer"],
)
def test_new_filters_refuse_bad_values_with_a_message(kinds, query):
    found = DocumentFilter(QueryDict(query), queryset=Document.objects.all())
    assert not found.is_valid()
    assert all(label and message for label, message in error_messages(found))


def targets(query: str) -> list[tuple]:
    found = TargetFilter(QueryDict(query), queryset=Target.objects.order_by(*TARGET_ORDER))
    assert found.is_valid(), found.errors
    return [(t.document.city.name, t.metric, t.year) for t in found.qs.select_related("document__city")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                ("衢州市", "研发经费投入", 2020),
                ("衢州市", "规模以上工业增加值", 2015),
                ("丽水市", "规模以上工业增加值", 2025),
                ("丽水市", "高新技术产业增加值占比", 2025),
            ],
        ),
        ("q=工业 亿元", [("衢州市", "规模以上工业增加值", 2015), ("丽水市", "规模以上工业增加值", 2025)]),
        ("q=研发", [("衢州市", "研发经费投入", 2020)]),
        ("q=万元", [("衢州市", "研发经费投入", 2020)]),  # in the sentence, not the metric
        ("city=331100", [("丽水市", "规模以上工业增加值", 2025), ("丽水市", "高新技术产业增加值占比", 2025)]),
        ("province=330000&year=2015", [("衢州市", "规模以上工业增加值", 2015)]),
        ("unit=万元", [("衢州市", "研发经费投入", 2020)]),
        (
            "theme=industrial-platform",
            [("丽水市", "规模以上工业增加值", 2025), ("丽水市", "高新技术产业增加值占比", 2025)],
        ),
        (
            "sort=-year",
            [
                ("丽水市", "规模以上工业增加值", 2025),
                ("丽水市", "高新技术产业增加值占比", 2025),
                ("衢州市", "研发经费投入", 2020),
                ("衢州市", "规模以上工业增加值", 2015),
            ],
        ),
        (
            "indicator=industrial-value-added&sort=-value",
            [("丽水市", "规模以上工业增加值", 2025), ("衢州市", "规模以上工业增加值", 2015)],
        ),
        ("unit=亿元&sort=value", [("衢州市", "规模以上工业增加值", 2015), ("丽水市", "规模以上工业增加值", 2025)]),
        (
            "sort=-city",
            [
                ("丽水市", "规模以上工业增加值", 2025),
                ("丽水市", "高新技术产业增加值占比", 2025),
                ("衢州市", "研发经费投入", 2020),
                ("衢州市", "规模以上工业增加值", 2015),
            ],
        ),
    ],
    ids=[
        "all",
        "two-words",
        "metric",
        "clause",
        "city",
        "province-year",
        "unit",
        "theme",
        "year-desc",
        "value-in-an-indicator",
        "value-in-a-unit",
        "city-desc",
    ],
)
def test_target_filter(notices, query, expected):
    assert targets(query) == expected


def test_target_filter_sorts_values_only_within_an_indicator_or_a_unit(notices):
    found = TargetFilter(QueryDict("sort=value"), queryset=Target.objects.all())
    assert not found.is_valid() and "统一指标或一种单位" in found.errors["sort"][0]


def test_target_filter_rejects_an_unknown_sort(notices):
    found = TargetFilter(QueryDict("sort=clause"), queryset=Target.objects.all())
    assert not found.is_valid() and "sort" in found.errors


def test_target_choices(notices):
    choices = target_choices()
    assert [(c["name"], c["n"]) for c in choices["cities"]] == [("衢州市", 2), ("丽水市", 2)]
    assert choices["years"] == [2015, 2020, 2025] and [u["unit"] for u in choices["units"]] == ["亿元", "%", "万元"]


def test_without_errors_keeps_the_valid_parameters(notices):
    given = DocumentFilter(QueryDict("year_min=abc&city=330800"), queryset=Document.objects.all())
    assert not given.is_valid() and error_messages(given) == [("起始年份", "输入整数。")]
    kept = without_errors(given)
    assert kept.is_valid() and error_messages(kept) == [] and [d.title for d in kept.qs] == ["衢州市特色产业发展方案"]
