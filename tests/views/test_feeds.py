"""RSS feeds (all, per region, per theme) and sitemap.xml."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.synthetic import add_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(db):
    return [
        add_notice(
            city="330800", title="衢州市特色产业发展方案", issued=date(2010, 12, 28), themes=("industrial-cluster",)
        ),
        add_notice(
            city="331100",
            title="丽水市产业平台整合提升指导意见",
            issued=date(2020, 8, 20),
            themes=("industrial-platform",),
        ),
    ]


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return channel.findtext("title"), [item.findtext("title") for item in channel.iter("item")]


@pytest.mark.parametrize(
    ("name", "args", "title", "expected"),
    [
        ("feed", [], "最新政策文件", ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案"]),
        ("region-feed", ["330800"], "衢州市最新政策文件", ["衢州市特色产业发展方案"]),
        ("region-feed", ["330000"], "浙江省最新政策文件", ["丽水市产业平台整合提升指导意见", "衢州市特色产业发展方案"]),
        ("theme-feed", ["industrial-platform"], "产业集聚区主题", ["丽水市产业平台整合提升指导意见"]),
    ],
    ids=["all", "city", "province", "theme"],
)
def test_feeds(client, notices, name, args, title, expected, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the region or theme, then the items with their places
        feed_title, titles = items(client, reverse(f"documents:{name}", args=args))
    assert title in feed_title
    assert titles == expected


def test_feed_item_links_to_the_notice(client, notices):
    channel = ElementTree.fromstring(client.get(reverse("documents:feed")).content).find("channel")
    links = [item.findtext("link") for item in channel.iter("item")]
    assert links[1].endswith(notices[0].get_absolute_url())


def test_unknown_feed_region_is_404(client, db):
    assert client.get(reverse("documents:region-feed", args=["999999"])).status_code == 404


def test_sitemap_index_points_to_each_section(client, notices):
    xml = client.get(reverse("documents:sitemap")).content.decode()
    for section in ("pages", "documents", "regions", "themes"):
        assert f"/sitemap-{section}.xml</loc>" in xml


@pytest.mark.parametrize(
    ("section", "present", "absent"),
    [
        ("documents", ["/notices/{0}/"], []),
        ("regions", ["/regions/330800/", "/regions/330000/"], ["/regions/430700/"]),  # no notices in 常德
        ("themes", ["/themes/industrial-cluster/"], []),
        ("pages", ["/compare/", "/deadlines/"], []),
    ],
    ids=["documents", "regions", "themes", "pages"],
)
def test_sitemap_sections(client, notices, section, present, absent, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        xml = client.get(reverse("documents:sitemap-section", args=[section])).content.decode()
    for path in present:
        assert f"{path.format(notices[0].pk)}</loc>" in xml
    for path in absent:
        assert path not in xml
