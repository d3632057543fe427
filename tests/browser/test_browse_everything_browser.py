"""A researcher in Chromium, wide and at phone width: an unspaced query → the notice meant
first → its marked hits; the regions index → a 直辖市 → a national notice; a theme page's 另有 N 项 link →
the full target list; the units index → a unit page; /deadlines/ with no period shows deadlines."""

from datetime import date

import pytest
from selenium.webdriver.common.by import By

from documents import summaries
from documents.ingest import ingest_file
from documents.models import Deadline, Region, ResponsibleUnit
from tests.browser.test_browse_browser import at_phone_width, follow, text_of
from tests.conftest import ROOT, ingest_samples
from tests.synthetic import add_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def collection(db):
    ingest_samples()
    for path in sorted((ROOT / "fixtures" / "search").glob("*.txt")):
        ingest_file(path, source=f"fixtures/search/{path.name}")


def test_unspaced_query_to_the_notice_and_its_hits(browser, live_server, screenshot, collection):
    browser.get(live_server.url + "/search/?q=2017年政府工作报告")
    assert "未找到完全一致的「2017年政府工作报告」，以下是同时包含「2017年」「政府工作报告」的文件" in text_of(browser)
    first = browser.find_element(By.CSS_SELECTOR, ".results .doc-item__title")
    assert first.text == "2017年中华人民共和国国务院政府工作报告"
    screenshot(browser, "1-unspaced")
    at_phone_width(browser, screenshot, "1-unspaced")
    follow(browser, first, "?q=")
    bar = browser.find_element(By.CSS_SELECTOR, ".hits-bar").text
    assert "在本文出现" in bar
    assert browser.find_elements(By.CSS_SELECTOR, "mark.mark-hit")
    follow(browser, browser.find_element(By.CSS_SELECTOR, '.notice-text a.hit-nav[aria-label="下一处"]'), "#hit-2")
    screenshot(browser, "2-hits")
    at_phone_width(browser, screenshot, "2-hits")


def test_regions_index_to_a_municipality_and_a_national_notice(browser, live_server, screenshot, collection):
    beijing = Region.objects.get(code="110000")
    notice = add_notice(city="110000", title="北京市数据专区建设指导意见", issued=date(2022, 11, 21))
    notice.province = beijing  # a 直辖市 is its notices' province and city
    notice.save()
    browser.get(live_server.url + "/regions/")
    assert "上海市" in text_of(browser) and "安徽省" in text_of(browser)
    screenshot(browser, "1-regions")
    at_phone_width(browser, screenshot, "1-regions")
    follow(browser, browser.find_element(By.LINK_TEXT, beijing.name), f"/regions/{beijing.code}/")
    assert "北京市数据专区建设指导意见" in text_of(browser)
    follow(browser, browser.find_element(By.LINK_TEXT, "全部地区"), "/regions/")
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "国家级"), "/levels/national/")
    follow(
        browser, browser.find_element(By.LINK_TEXT, "国务院办公厅关于加强三级公立医院绩效考核工作的意见"), "/notices/"
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "国务院办公厅关于加强三级公立医院绩效考核工作的意见"
    at_phone_width(browser, screenshot, "2-national-notice")


def test_theme_more_link_units_and_deadlines(browser, live_server, screenshot, collection, monkeypatch):
    real = summaries.metric_rows
    monkeypatch.setattr(summaries, "metric_rows", lambda **kw: real(**{**kw, "max_rows": 1}))
    targets = tuple((f"测试指标{i}", float(i), "亿元", float(i), "亿元", 2025) for i in range(1, 4))
    add_notice(
        city="330800",
        title="衢州市测试指标方案",
        issued=date(2020, 1, 1),
        themes=("industrial-cluster",),
        targets=targets,
    )
    browser.get(live_server.url + "/themes/industrial-cluster/")
    assert "项指标未列出" in text_of(browser)
    follow(browser, browser.find_element(By.LINK_TEXT, "查看全部量化目标"), "/targets/?theme=industrial-cluster")
    assert all(f"测试指标{i}" in text_of(browser) for i in range(1, 4))
    at_phone_width(browser, screenshot, "1-all-targets")

    unit = ResponsibleUnit.objects.filter(responsibilities__isnull=False).order_by("name").first()
    browser.get(live_server.url + "/units/")
    at_phone_width(browser, screenshot, "2-units")
    box = browser.find_element(By.ID, "units-q")
    box.send_keys(unit.name)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form[action='/units/'] button"), "/units/?q=")
    follow(browser, browser.find_element(By.LINK_TEXT, unit.name), f"/units/{unit.pk}/")
    assert browser.find_elements(By.CSS_SELECTOR, ".unit-notice")
    at_phone_width(browser, screenshot, "3-unit")

    assert Deadline.objects.filter(due_on__isnull=False).exists()
    browser.get(live_server.url + "/deadlines/")
    assert "未指定时间段" in text_of(browser)
    assert browser.find_elements(By.CSS_SELECTOR, ".tasks-table tbody tr")
    screenshot(browser, "4-deadlines")
    at_phone_width(browser, screenshot, "4-deadlines")
