"""A reader in Chromium on the search pages: the notice search (facet, sort, marked snippets, pagination)
and the target search (filter, sort, CSV), over the five sample notices plus a synthetic collection.

Screenshots (wide, and at phone width) are saved under var/screenshots/ like the browsing walk's.
"""

import csv
import io
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from documents.models import Document, Target
from tests.browser.test_browse_browser import assert_accessible_form_controls, at_phone_width, follow, text_of
from tests.conftest import ingest_samples
from tests.synthetic import build_collection

# serialized_rollback: regions, themes and roles come from migrations; a transactional test empties them after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def titles(browser) -> list[str]:
    return [link.text for link in browser.find_elements(By.CSS_SELECTOR, ".result .doc-item__title")]


def test_search_facet_sort_snippet_pagination(browser, live_server, screenshot):
    samples = {outcome.document.source.rsplit("/", 1)[-1]: outcome.document for outcome in ingest_samples()}
    browser.get(live_server.url + "/search/")
    box = browser.find_element(By.ID, "search-q")
    box.send_keys("产业集聚区")
    box.submit()
    WebDriverWait(browser, 10).until(lambda driver: "q=" in driver.current_url)
    found = titles(browser)
    assert samples["pingdingshan-2015.txt"].title in found
    marks = browser.find_elements(By.CSS_SELECTOR, ".result .snippet mark")
    assert marks and marks[0].is_displayed() and marks[0].text == "产业集聚区"
    assert marks[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"  # visibly highlighted
    assert "检索式理解为" in browser.find_element(By.CSS_SELECTOR, ".query-reading").text
    assert_accessible_form_controls(browser)
    screenshot(browser, "1-search")
    at_phone_width(browser, screenshot, "1-search")

    facet = browser.find_element(By.CSS_SELECTOR, "#facet-city + ul").find_element(By.PARTIAL_LINK_TEXT, "平顶山市")
    follow(browser, facet, "city=410400")
    assert titles(browser) == [samples["pingdingshan-2015.txt"].title]
    chosen = browser.find_element(By.CSS_SELECTOR, "#facet-city + ul a.is-selected")
    assert "平顶山市" in chosen.text and chosen.get_attribute("aria-current") == "true"
    follow(browser, chosen, "/search/?q=")  # choosing it again clears it
    assert "city=" not in browser.current_url and len(titles(browser)) == len(found)

    follow(browser, browser.find_element(By.LINK_TEXT, "按日期"), "order=date")
    dates = [Document.objects.get(title=title).issued_on for title in titles(browser)]
    assert dates == sorted(dates, reverse=True)
    assert browser.find_element(By.CSS_SELECTOR, ".sort-switch [aria-current]").text == "按日期"
    screenshot(browser, "2-search-by-date")

    build_collection(documents=45, cities=3)  # 为加快产业发展: in every synthetic notice
    browser.get(live_server.url + "/search/?q=产业发展")
    assert len(titles(browser)) == 20
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".pagination a[rel=next]"), "page=2")
    assert "第 2 / 3 页" in browser.find_element(By.CSS_SELECTOR, ".pagination").text and len(titles(browser)) == 20
    assert browser.find_element(By.ID, "search-q").get_attribute("value") == "产业发展"
    screenshot(browser, "3-search-page-2")

    browser.get(live_server.url + "/search/?q=产业集聚区 不存在的词")
    assert "没有找到" in text_of(browser)
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "去掉「不存在的词」"), "q=")
    assert samples["pingdingshan-2015.txt"].title in titles(browser)
    screenshot(browser, "4-search-looser")


def test_target_search_filter_sort_csv(browser, live_server, screenshot):
    ingest_samples()
    targets = Target.objects.all()
    browser.get(live_server.url + "/")
    follow(browser, browser.find_element(By.LINK_TEXT, "目标检索"), "/targets/")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".targets-table tbody tr")) == min(targets.count(), 50)
    assert_accessible_form_controls(browser)

    # What the samples' parse holds (read from the database, not assumed): growth and share targets in %.
    wanted = targets.matching("增加值").filter(unit="%")
    assert wanted.count() >= 2
    browser.find_element(By.ID, "targets-q").send_keys("增加值")
    Select(browser.find_element(By.ID, "targets-unit")).select_by_value("%")
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".filter-form button[type=submit]"), "unit=")
    cities = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".targets-table tbody td[data-label=城市]")]
    assert sorted(cities) == sorted(t.document.city.name for t in wanted)
    screenshot(browser, "1-targets")
    at_phone_width(browser, screenshot, "1-targets")

    header = browser.find_element(By.CSS_SELECTOR, ".targets-table thead").find_element(By.PARTIAL_LINK_TEXT, "年份")
    follow(browser, header, "sort=year")
    header = browser.find_element(By.CSS_SELECTOR, ".targets-table thead").find_element(By.PARTIAL_LINK_TEXT, "年份")
    follow(browser, header, "sort=-year")
    years = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".targets-table tbody td[data-label=年份]")]
    dated = [int(year) for year in years if year.isdigit()]
    assert dated == sorted(dated, reverse=True) and len(dated) == wanted.exclude(year=None).count()
    assert browser.find_element(By.CSS_SELECTOR, "th[aria-sort]").get_attribute("aria-sort") == "descending"
    screenshot(browser, "2-targets-by-year")

    shown = [
        row.find_element(By.CSS_SELECTOR, "td[data-label=原文句子] a").text
        for row in browser.find_elements(By.CSS_SELECTOR, ".targets-table tbody tr")
    ]
    link = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    with urllib.request.urlopen(link) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert [row["clause"] for row in rows] == shown

    target = wanted.order_by("-year").first()
    follow(browser, browser.find_element(By.LINK_TEXT, target.clause), f"#target-{target.pk}")
    assert browser.find_element(By.ID, f"target-{target.pk}")
