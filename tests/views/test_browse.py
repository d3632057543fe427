"""Browsing pages: what a reader sees on each, and a bounded number of queries however large the collection."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from documents.ingest import ingest_notice
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Task
from tests.conftest import NOTICES as NOTICES_DIR
from tests.synthetic import add_notice, build_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def quzhou_notice(db):
    """A Quzhou notice with a target, a task led by 市经信局, and one deadline ahead and one past."""
    document = add_notice(
        city="330800", title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster",),
        targets=(("规模以上工业增加值", 500.0, "亿元", 500.0, "亿元", 2015),),
    )  # fmt: skip
    text = document.clean_text + "\n（一）培育产业集群。由市经信局牵头，年底前完成。"
    document.clean_text = text
    document.save()
    start = text.index("（一）")
    task = Task.objects.create(
        document=document, path="一/(一)", title="培育产业集群", text=text[start:], order=0, start=start, end=len(text)
    )
    unit = ResponsibleUnit.objects.create(name="市经信局", normalized_name="衢州市经济和信息化局", region=document.city)
    Responsibility.objects.create(document=document, task=task, unit=unit, role="lead")
    today = timezone.localdate()
    at = text.index("年底前")
    Deadline.objects.create(
        document=document, task=task, text="年底前", due_on=today + timedelta(days=30), start=at, end=at + 3
    )
    Deadline.objects.create(document=document, task=task, text="6月底前", due_on=today - timedelta(days=30))
    return document


def test_home_shows_the_collection(client, quzhou_notice):
    add_notice(city="410400", title="平顶山市产业集聚区建设工作方案", issued=date(2015, 4, 24))
    html = client.get(reverse("documents:home")).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert 'class="skip-link" href="#main"' in html
    assert html.count('name="q"') == 2  # header and home
    assert "<dt>政策文件</dt><dd>2</dd>" in html and "<dt>量化目标</dt><dd>1</dd>" in html
    assert html.index("平顶山市产业集聚区建设工作方案") < html.index("衢州市特色产业发展方案")  # newest first
    assert ">浙江省</a>" in html and ">河南省</a>" in html
    assert 'href="/themes/industrial-cluster/"' in html


def test_city_page(client, quzhou_notice):
    target = quzhou_notice.targets.get()
    html = client.get(reverse("documents:region-detail", args=["330800"])).content.decode()
    assert "<h1>衢州市" in html and "衢州市特色产业发展方案" in html
    assert f'href="/notices/{quzhou_notice.pk}/#target-{target.pk}"' in html and "≥500亿元" in html
    assert "市经信局" in html
    ahead, past = html.index("即将到期"), html.index("已经到期")
    assert ahead < html.index("年底前", ahead) < past < html.index("6月底前", past)
    years = html[html.index('class="matrix years-table"') :].split("</table>")[0]  # the table under the chart
    assert '<th scope="col">2010</th>' in years and "<td>1</td>" in years


def test_province_page_lists_its_cities(client, quzhou_notice):
    add_notice(city="331100", title="丽水市产业平台整合提升指导意见", issued=date(2013, 8, 20))
    html = client.get(reverse("documents:region-detail", args=["330000"])).content.decode()
    years = html[html.index('class="matrix years-table"') :].split("</table>")[0]
    assert years.count('<th scope="col">') == 4 and years.count('<td class="zero">0</td>') == 2  # 2011, 2012
    assert "下辖城市" in html and 'href="/regions/331100/"' in html
    assert "?cities=330800,331100" in html or "?cities=331100,330800" in html


def test_unknown_region_is_404(client, db):
    assert client.get(reverse("documents:region-detail", args=["999999"])).status_code == 404


def test_theme_page_spans_cities(client, quzhou_notice):
    add_notice(
        city="430700", title="关于大力培育发展产业集群的意见", issued=date(2007, 3, 1), themes=("industrial-cluster",),
        targets=(("规模以上工业增加值", 300.0, "亿元", 300.0, "亿元", 2010),),
    )  # fmt: skip
    html = client.get(reverse("documents:theme-detail", args=["industrial-cluster"])).content.decode()
    assert "<h1>产业集群</h1>" in html
    assert "衢州市特色产业发展方案" in html and "关于大力培育发展产业集群的意见" in html
    assert '<th scope="col">衢州市</th>' in html and '<th scope="col">常德市</th>' in html
    assert "≥300亿元" in html and "≥500亿元" in html


def test_notice_page_marks_targets_units_and_deadlines_in_place(client, quzhou_notice):
    target = quzhou_notice.targets.get()
    deadline = quzhou_notice.deadlines.get(text="年底前")
    task = quzhou_notice.tasks.get()
    html = client.get(quzhou_notice.get_absolute_url()).content.decode()
    assert (
        f'<span id="target-{target.pk}" class="anchor"></span><mark class="mark-target">到2015年，规模以上工业增加值达到500亿元。</mark>'
        in html
    )
    assert f'<span id="deadline-{deadline.pk}" class="anchor"></span><mark class="mark-deadline">年底前</mark>' in html
    assert '<mark class="mark-unit">市经信局</mark>' in html
    assert f'<a href="#task-{task.pk}">培育产业集群</a>' in html  # the outline
    assert f'href="#target-{target.pk}"' in html and "≥500亿元" in html
    assert '<dt>地区</dt><dd><a href="/regions/330800/">衢州市</a>' in html
    assert 'href="/themes/industrial-cluster/"' in html


def test_notice_page_links_to_the_citys_and_themes_other_notices(client, quzhou_notice):
    other = add_notice(city="330800", title="衢州市工业强市实施意见", issued=date(2016, 3, 1))
    elsewhere = add_notice(city="430700", title="常德市产业集群意见", themes=("industrial-cluster",))
    html = client.get(quzhou_notice.get_absolute_url()).content.decode()
    city_part, theme_part = html.split('id="same-theme-heading"')
    assert other.get_absolute_url() in city_part.split('id="same-city-heading"')[1]
    assert elsewhere.get_absolute_url() in theme_part


def test_unit_page_lists_tasks_with_deadlines(client, quzhou_notice):
    unit = ResponsibleUnit.objects.get(name="市经信局")
    html = client.get(unit.get_absolute_url()).content.decode()
    assert "<h1>市经信局</h1>" in html and "衢州市经济和信息化局" in html
    assert "一/(一) 培育产业集群" in html and "牵头" in html
    assert "年底前" in html and "6月底前" in html and "已到期" in html


def test_deadlines_page_filters_by_period(client, quzhou_notice):
    today = timezone.localdate()
    url = reverse("documents:deadlines")
    ahead = client.get(url).content.decode()  # default: the next 90 days
    assert "年底前" in ahead and "6月底前" not in ahead and ">衢州市</a></h3>" in ahead
    window = {"from": (today - timedelta(days=60)).isoformat(), "to": (today - timedelta(days=1)).isoformat()}
    past = client.get(url, window).content.decode()
    assert "6月底前" in past and ">年底前<" not in past
    assert "市经信局" in past


@pytest.mark.parametrize(
    "start", ["2025-13-40", "9999-12-31", "0001-01-01"], ids=["no-such-day", "last-day", "first-day"]
)
def test_deadlines_page_refuses_bad_dates_with_the_reason(client, db, start):
    response = client.get(reverse("documents:deadlines"), {"from": start, "to": "x"})
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html and "从：" in html and "到：" in html


def _page_urls():
    document = Document.objects.filter(targets__isnull=False).order_by("pk").first()
    unit = ResponsibleUnit.objects.order_by("pk").first()
    cities = ",".join(
        Region.objects.cities().filter(city_documents__isnull=False).distinct().values_list("code", flat=True)[:10]
    )
    return {
        "home": reverse("documents:home"),
        "city": reverse("documents:region-detail", args=[document.city.code]),
        "province": reverse("documents:region-detail", args=[document.province.code]),
        "theme": reverse("documents:theme-detail", args=[document.themes.first().slug]),
        "notice": document.get_absolute_url(),
        "unit": unit.get_absolute_url(),
        "deadlines": reverse("documents:deadlines") + "?from=2008-01-01&to=2030-12-31",
        "compare": reverse("documents:compare") + f"?cities={cities}",
        "compare-theme": reverse("documents:compare") + f"?cities={cities}&theme={document.themes.first().slug}",
        "indicators": reverse("documents:indicators"),
        "indicator": reverse("documents:indicator-detail", args=["industrial-value-added"]),
        "regions": reverse("documents:regions"),
        "national": reverse("documents:level-detail", args=["national"]),
        "provincial": reverse("documents:level-detail", args=["provincial"]),
        "units": reverse("documents:units"),
        "units-search": reverse("documents:units") + "?q=局",
        "deadlines-opening": reverse("documents:deadlines"),
    }


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("page", "limit"),
    [
        ("home", 9),
        ("city", 12),
        ("province", 12),
        ("theme", 11),
        ("notice", 10),
        ("unit", 6),
        ("deadlines", 5),
        ("compare", 16),
        ("compare-theme", 17),
        ("indicators", 2),
        ("indicator", 5),
        ("regions", 3),
        ("national", 5),
        ("provincial", 6),
        ("units", 2),
        ("units-search", 2),
        ("deadlines-opening", 6),
    ],
    ids=lambda value: str(value),
)
def test_queries_do_not_grow_with_the_collection(client, page, limit, django_assert_max_num_queries):
    build_collection(documents=24, cities=10)
    small = _queries(client, _page_urls()[page])
    build_collection(documents=240, cities=10, seed=5)
    url = _page_urls()[page]
    with django_assert_max_num_queries(limit):
        large = _queries(client, url)
    assert large == small


def test_notice_outline_comes_from_the_outline_parser(client, quzhou_notice, monkeypatch):
    from documents import summaries
    from documents.parsing.types import OutlineNode

    at = quzhou_notice.clean_text.index("（一）")
    node = OutlineNode(
        path="一", marker="（一）", heading="培育产业集群", level=2, start=at, end=len(quzhou_notice.clean_text)
    )
    monkeypatch.setattr(summaries, "parse_outline", lambda text: (node,))
    html = client.get(quzhou_notice.get_absolute_url()).content.decode()
    assert '<li class="depth-2"><a href="#section-0">（一）培育产业集群</a></li>' in html
    anchor = html.index('<span id="section-0" class="anchor"></span>')
    assert html.index("（一）培育产业集群。", anchor) - anchor < 100  # just before the heading (and the task anchor)


def test_notice_page_lists_the_parsed_outline_of_a_real_notice(client):
    path = Path(__file__).resolve().parent.parent.parent / "fixtures" / "notices" / "pingdingshan-2015.txt"
    document = ingest_notice(raw_text=path.read_text(encoding="utf-8"), source=str(path)).document
    html = client.get(document.get_absolute_url()).content.decode()
    assert '<li class="depth-1"><a href="#section-0">一、总体要求</a></li>' in html
    assert '<a href="#section-5">1.开展五规合一试点</a>' in html
    anchor = html.index('<span id="section-5" class="anchor"></span>')
    assert html.index("1.开展五规合一试点。", anchor) - anchor < 100


@pytest.mark.parametrize(
    "query",
    ["cities=330800,331100,999999", "cities=330800&cities=331100", "cities=330800,%20331100,330800"],
    ids=["comma-list-with-unknown", "checkboxes", "spaces-and-repeats"],
)
def test_compare_reads_cities_from_links_and_the_form(client, quzhou_notice, query):
    add_notice(city="331100", title="丽水市产业平台整合提升指导意见", issued=date(2020, 8, 20))
    html = client.get(f"{reverse('documents:compare')}?{query}").content.decode()
    heading = html[html.index('class="compare-heading"') :].split("</h2>")[0]
    assert heading.count("<a ") == 2 and heading.index("衢州市") < heading.index("丽水市")
    assert 'value="330800" checked' in html and 'value="331100" checked' in html


def test_compare_exports(client, quzhou_notice):
    url = reverse("documents:compare")
    response = client.get(url, {"cities": "330800", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffcity,city_code,metric,indicator,indicator_value,indicator_unit,")
    assert "衢州市,330800,规模以上工业增加值,industrial-value-added,500.0,亿元,500.0" in text
    assert 'filename="policykb-compare-330800.csv"' in response["Content-Disposition"]
    body = client.get(url, {"cities": "330800", "format": "json", "theme": "industrial-cluster"}).json()
    assert body["theme"] == "industrial-cluster" and body["count"] == 1
    assert body["cities"] == [
        {"code": "330800", "name": "衢州市", "documents": 1, "targets": 1, "tasks": 1, "units": 1, "deadlines": 2}
    ]
    assert body["coverage"]["330800"]["industrial-cluster"] == 1 and body["timeline"] == {"330800": {"2010": 1}}
    assert body["targets"][0]["clause"] == "到2015年，规模以上工业增加值达到500亿元。"
    assert (
        body["targets"][0]["indicator"],
        body["targets"][0]["indicator_value"],
        body["targets"][0]["indicator_unit"],
    ) == ("industrial-value-added", 500.0, "亿元")


def test_compare_form_without_cities_explains_itself(client, quzhou_notice):
    html = client.get(reverse("documents:compare")).content.decode()
    assert "勾选两个或更多城市" in html and 'name="cities" value="330800"' in html
    assert "没有找到所选城市" in client.get(reverse("documents:compare"), {"cities": "999999"}).content.decode()


def test_a_municipality_is_a_city_to_browse_and_compare(client, quzhou_notice):
    beijing = Region.objects.get(code="110000")
    Document.objects.create(
        title="北京市关于加快科技创新构建高精尖经济结构的意见", province=beijing, city=beijing, source="test/beijing",
        raw_text="……", clean_text="……", content_hash="test-beijing",
    )  # fmt: skip
    home = client.get(reverse("documents:home")).content.decode()
    assert '<h3 class="province">直辖市</h3>' in home and 'href="/regions/110000/"' in home
    html = client.get(reverse("documents:compare"), {"cities": "110000,330800"}).content.decode()
    heading = html[html.index('class="compare-heading"') :].split("</h2>")[0]
    assert "北京市" in heading and "衢州市" in heading


def test_a_huge_notice_page_shows_its_start_and_links_the_whole_text(client, db):
    from documents.summaries import READING_CHARS

    notice = add_notice(city="330800", title="衢州市超长通知", issued=date(2021, 5, 1))
    notice.clean_text = notice.raw_text = "一、总体要求\n" + "推进产业集聚发展。" * (3 * READING_CHARS // 9)
    notice.save()
    response = client.get(reverse("documents:document-detail", args=[notice.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and len(html) < READING_CHARS * 3 + 100_000  # UTF-8, marks and the rest
    assert f"全文共 {len(notice.clean_text)} 字，此页显示前 {READING_CHARS} 字" in html
    text = client.get(reverse("documents:document-text", args=[notice.pk]))
    assert text["Content-Type"] == "text/plain; charset=utf-8" and text.content.decode() == notice.clean_text
    short = add_notice(city="330800", title="衢州市短通知", issued=date(2021, 5, 2))
    assert "全文共" not in client.get(reverse("documents:document-detail", args=[short.pk])).content.decode()


def test_a_notice_is_shown_as_published(client, db):
    """A one-line body in paragraphs, its table as a table, its punctuation as received; the text unchanged."""
    lines = (NOTICES_DIR.parent / "search" / "xvsd_038.txt").read_text(encoding="utf-8").splitlines()
    table = "指标 | 2020年 | 2025年 |\n规模以上工业增加值 | 200亿元 | 500亿元 |"
    raw = " ".join(lines) + "\n" + table
    document = ingest_notice(raw_text=raw, source="one-line.txt").document
    assert document.raw_text == raw and "，" not in document.clean_text  # stored: as received, and folded
    response = client.get(document.get_absolute_url())
    page = response.content.decode()
    notice_text = page[page.index('<div class="notice-text">') : page.index("</article>")]
    assert notice_text.count("<p>") >= 10  # one line in, paragraphs out
    assert "<tr><td>规模以上工业增加值 </td><td> 200亿元 </td><td> 500亿元 </td></tr>" in notice_text
    assert notice_text.count("，") == raw.count("，") > 50 and "," not in notice_text  # as received
    blocks = response.context["reading"].blocks
    shown = "".join(s.text for block in blocks for s in block.segments)
    assert len(shown) + len(table) <= len(document.clean_text)  # nothing added to the text
    for target in document.targets.exclude(start=None):  # marks still fall on their own words
        assert f'id="target-{target.pk}"' in notice_text


def test_publication_and_writing_dates_are_apart(client, db):
    raw = "关于印发某方案的通知\n发布时间：2013-08-15\n各县(市、区)人民政府：\n现印发给你们。\n衢州市人民政府\n2010年12月28日"
    document = ingest_notice(raw_text=raw, source="dates.txt").document
    assert (document.issued_on, document.published_on) == (date(2010, 12, 28), date(2013, 8, 15))
    page = client.get(document.get_absolute_url()).content.decode()
    assert '<dt>成文日期</dt><dd><time datetime="2010-12-28">' in page
    assert '<dt>发布日期</dt><dd><time datetime="2013-08-15">' in page
