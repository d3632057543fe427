"""Browsing the whole collection: the regions index, level pages, the notices a chart leaves
out, links to every list cut short, the units index, unit pages by notice, and where /deadlines/ opens."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import search, summaries
from documents.models import Deadline, Document, Region, Responsibility, ResponsibleUnit, Task
from tests.synthetic import add_notice

pytestmark = pytest.mark.django_db


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def unplaced_notice(*, title: str, issuer: str = "", issued=None) -> Document:
    document = Document.objects.create(
        title=title,
        issuer=issuer,
        issued_on=issued,
        source=f"test/{title}",
        raw_text=title,
        clean_text=title,
        content_hash=f"test-{title}",
    )
    search.index_document(document)
    return document


@pytest.fixture
def collection(db):
    quzhou = add_notice(
        city="330800", title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster",)
    )
    undated = add_notice(city="330800", title="衢州市工业园区管理办法", themes=("industrial-cluster",))
    national = unplaced_notice(
        title="国务院办公厅关于加强三级公立医院绩效考核工作的意见", issuer="国务院办公厅", issued=date(2019, 1, 30)
    )
    report = unplaced_notice(title="2017年中华人民共和国国务院政府工作报告", issued=date(2017, 3, 5))
    unknown = unplaced_notice(title="关于推进产业集群发展的通知", issuer="办公室")
    beijing = Region.objects.get(code="110000")
    municipal = unplaced_notice(
        title="北京市数据专区建设指导意见", issuer="北京市经济和信息化局", issued=date(2022, 11, 21)
    )
    municipal.province = municipal.city = beijing
    municipal.save()
    return {
        "quzhou": quzhou,
        "undated": undated,
        "national": national,
        "report": report,
        "unknown": unknown,
        "beijing": municipal,
    }


def test_levels_follow_place_then_issuer(collection):
    levels = dict(Document.objects.with_level().values_list("title", "level"))
    assert levels["衢州市特色产业发展方案"] == "city"
    assert levels["国务院办公厅关于加强三级公立医院绩效考核工作的意见"] == "national"
    assert levels["2017年中华人民共和国国务院政府工作报告"] == "national"  # no issuer: its title names the body
    assert levels["关于推进产业集群发展的通知"] == "unplaced"  # never guessed national
    assert summaries.level_counts(Document.objects.all())["national"] == 2


def test_regions_index_lists_every_province_with_its_places_and_counts(client, collection):
    html = page(client, reverse("documents:regions"))
    assert html.count('class="region-index__province"') == Region.objects.provinces().count() >= 34
    for name in ("北京市", "上海市", "安徽省", "广东省"):  # 直辖市 and provinces without a city in the data
        assert f">{name}</a>" in html
    zhejiang = html[html.index(">浙江省</a>") :].split("</li>\n")[0]
    assert '<span class="count">2</span>' in zhejiang and '衢州市 <span class="count">2</span>' in zhejiang
    assert "另有 1 篇地区不详" in html and reverse("documents:level-detail", args=["unplaced"]) in html
    assert f'{reverse("documents:level-detail", args=["national"])}">国家级 <span class="count">2</span>' in html


def test_a_level_page_lists_its_notices(client, collection):
    html = page(client, reverse("documents:level-detail", args=["national"]))
    assert (
        "国务院办公厅关于加强三级公立医院绩效考核工作的意见" in html
        and "2017年中华人民共和国国务院政府工作报告" in html
    )
    assert "衢州市" not in html.split('id="docs-heading"')[1]
    assert "关于推进产业集群发展的通知" in page(client, reverse("documents:level-detail", args=["unplaced"]))
    assert client.get(reverse("documents:level-detail", args=["galactic"])).status_code == 404


def test_a_chart_says_how_many_undated_notices_it_leaves_out_and_links_to_them(client, collection):
    html = page(client, reverse("documents:region-detail", args=["330800"]))
    assert "另有 1 篇日期不详，未计入上表" in html
    link = "/search/?city=330800&amp;dated=false"
    assert link in html
    listed = page(client, "/search/", city="330800", dated="false")
    assert "衢州市工业园区管理办法" in listed and "衢州市特色产业发展方案" not in listed


def test_a_theme_page_counts_the_notices_its_city_table_leaves_out(client, collection):
    for document in (collection["national"], collection["unknown"]):
        document.themes.set(collection["quzhou"].themes.all())
    html = page(client, reverse("documents:theme-detail", args=["industrial-cluster"]))
    assert "另有未归属城市的" in html
    assert '?theme=industrial-cluster&amp;level=national">国家级 1 篇</a>' in html
    assert '?theme=industrial-cluster&amp;level=unplaced">地区不详 1 篇</a>' in html
    listed = page(client, "/search/", theme="industrial-cluster", level="national")
    assert "三级公立医院" in listed and "衢州市特色产业发展方案" not in listed


def test_more_metrics_link_to_the_full_target_list(client, collection, monkeypatch):
    targets = tuple((f"指标{i}", float(i), "亿元", float(i), "亿元", 2020) for i in range(1, 5))
    add_notice(
        city="330800",
        title="衢州市指标很多的方案",
        issued=date(2020, 1, 1),
        themes=("industrial-cluster",),
        targets=targets,
    )
    real = summaries.metric_rows
    monkeypatch.setattr(summaries, "metric_rows", lambda **kw: real(**{**kw, "max_rows": 2}))
    html = page(client, reverse("documents:theme-detail", args=["industrial-cluster"]))
    assert "另有 2 项指标未列出" in html and '/targets/?theme=industrial-cluster">查看全部量化目标</a>' in html
    full = page(client, "/targets/", theme="industrial-cluster")
    assert all(f"指标{i}" in full for i in range(1, 5))
    html = page(client, reverse("documents:region-detail", args=["330800"]))
    assert '/targets/?city=330800">查看全部量化目标</a>' in html


@pytest.fixture
def units(collection):
    document = collection["quzhou"]
    unit = ResponsibleUnit.objects.create(name="市经信局", normalized_name="衢州市经济和信息化局", region=document.city)
    other = ResponsibleUnit.objects.create(name="市财政局", normalized_name="衢州市财政局", region=document.city)
    for source in (document, collection["undated"]):
        for order in range(2):
            task = Task.objects.create(
                document=source, path=f"一/({order + 1})", title=f"培育产业集群任务{order}", text="", order=order
            )
            Responsibility.objects.create(document=source, task=task, unit=unit, role="lead")
    Responsibility.objects.create(document=document, unit=other, role="support")
    return unit


def test_units_index_searches_by_name(client, units):
    html = page(client, reverse("documents:units"))
    assert html.index("市经信局") < html.index("市财政局")  # by notices named in
    found = page(client, reverse("documents:units"), q="财政")
    assert "市财政局" in found and "市经信局" not in found and "单位共 1 个" in found
    assert "单位共 0 个" in page(client, reverse("documents:units"), q="x" * 500)  # cut, not refused


def test_a_unit_page_groups_its_tasks_by_notice(client, units, collection):
    Responsibility.objects.create(
        document=collection["national"], unit=units, role="support"
    )  # a notice without a place
    html = page(client, units.get_absolute_url())
    assert html.count('class="unit-notice"') == 3
    assert ">衢州市特色产业发展方案</a>" in html and ">衢州市工业园区管理办法</a>" in html  # whole titles
    assert "2 项" in html


def test_deadlines_open_where_the_deadlines_are(client, collection):
    today = timezone.localdate()
    assert "未指定时间段" not in page(client, reverse("documents:deadlines"))  # none at all: nothing to say
    Deadline.objects.create(document=collection["quzhou"], text="2010年底前", due_on=date(2010, 12, 31))
    html = page(client, reverse("documents:deadlines"))
    assert "最近到期的 90 天" in html and "2010年底前" in html
    Deadline.objects.create(document=collection["quzhou"], text="五年后", due_on=today + timedelta(days=5 * 365))
    html = page(client, reverse("documents:deadlines"))
    assert "从下一个到期的时间节点" in html and "五年后" in html and "2010年底前" not in html
    asked = page(client, reverse("documents:deadlines"), **{"from": "2010-01-01", "to": "2010-12-31"})
    assert "未指定时间段" not in asked and "2010年底前" in asked
