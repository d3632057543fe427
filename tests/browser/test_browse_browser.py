"""A reader in Chromium: home → a city → a notice → a search → a comparison of three cities → its CSV.

Runs over a live server with the five sample notices ingested; saves a screenshot of each page (wide,
and the comparison and notice also at phone width) under var/screenshots/.
"""

import csv
import io
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ingest_samples

# serialized_rollback: regions and roles come from migrations; a transactional test empties them after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = (375, 812)


def text_of(browser) -> str:
    return browser.find_element(By.TAG_NAME, "body").text


UNLABELLED = """return [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id)"""


def follow(browser, element, url_part: str) -> None:
    """Click and wait until the browser is on the next page (a click returns before the load ends)."""
    element.click()
    WebDriverWait(browser, 10).until(lambda driver: url_part in driver.current_url)


def assert_accessible_form_controls(browser):
    assert browser.execute_script(UNLABELLED) == []


def at_phone_width(browser, screenshot, name):
    size = browser.get_window_size()
    browser.set_window_size(*PHONE)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    screenshot(browser, f"{name}-phone")
    browser.set_window_size(size["width"], size["height"])
    assert width <= PHONE[0] + 1, f"{name} scrolls sideways at phone width ({width}px)"


def test_home_city_notice_comparison_csv(browser, live_server, screenshot):
    documents = {outcome.document.source.rsplit("/", 1)[-1]: outcome.document for outcome in ingest_samples()}

    browser.get(live_server.url + "/")
    page = text_of(browser)
    assert "产业政策知识库" in page and "政策文件\n5" in page
    assert "浙江省" in page and "河南省" in page and "湖南省" in page
    assert_accessible_form_controls(browser)
    screenshot(browser, "1-home")
    at_phone_width(browser, screenshot, "1-home")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)  # the first Tab reaches the skip link
    assert browser.switch_to.active_element.text == "跳到正文"

    follow(
        browser,
        browser.find_element(By.CSS_SELECTOR, "#cities").find_element(By.LINK_TEXT, "衢州市 1"),
        "/regions/330800/",
    )
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("衢州市")
    quzhou = documents["quzhou-2010.txt"]
    assert quzhou.title in text_of(browser) and "历年发文" in text_of(browser)
    screenshot(browser, "2-city")

    follow(browser, browser.find_element(By.LINK_TEXT, quzhou.title), f"/notices/{quzhou.pk}/")
    assert browser.find_element(By.TAG_NAME, "h1").text == quzhou.title
    card = browser.find_element(By.CSS_SELECTOR, ".card .meta").text
    assert quzhou.doc_number in card and "衢州市" in card
    assert browser.find_element(By.CSS_SELECTOR, ".notice-text").text.startswith(quzhou.clean_text.strip()[:20])
    for target in quzhou.targets.all()[:3]:
        assert browser.find_elements(By.ID, f"target-{target.pk}")
    screenshot(browser, "3-notice")
    at_phone_width(browser, screenshot, "3-notice")

    search_from_the_header(browser, screenshot, query="产业集群", expected=documents["changde-2007.txt"].title)

    follow(browser, browser.find_element(By.LINK_TEXT, "城市对比"), "/compare/")
    for name in ("衢州市", "丽水市", "平顶山市"):
        browser.find_element(By.XPATH, f"//label[contains(., '{name}')]/input").click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".compare-form button[type=submit]"), "cities=")
    heading = browser.find_element(By.CSS_SELECTOR, ".compare-heading").text
    assert all(name in heading for name in ("衢州市", "丽水市", "平顶山市"))
    counts = browser.find_element(By.CSS_SELECTOR, ".counts-table").text
    assert "衢州市 1" in counts and "平顶山市 1" in counts
    matrix = browser.find_element(By.CSS_SELECTOR, "#coverage-heading + p + .chart-box svg")
    assert len(matrix.find_elements(By.CSS_SELECTOR, "rect.chart__cell")) == 3 * 14
    assert_accessible_form_controls(browser)
    screenshot(browser, "5-compare")
    at_phone_width(browser, screenshot, "5-compare")

    link = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    with urllib.request.urlopen(link) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        reader = csv.DictReader(io.StringIO(response.read().decode("utf-8-sig")))
        rows = list(reader)
    assert reader.fieldnames[:7] == [
        "city",
        "city_code",
        "metric",
        "indicator",
        "indicator_value",
        "indicator_unit",
        "value",
    ]
    expected = sum(
        documents[name].targets.count() for name in ("quzhou-2010.txt", "lishui-2020.txt", "pingdingshan-2015.txt")
    )
    assert len(rows) == expected
    assert {row["city"] for row in rows} <= {"衢州市", "丽水市", "平顶山市"}
    browser.get(link.replace("format=csv", "format=json"))
    screenshot(browser, "6-compare-json")


def search_from_the_header(browser, screenshot, *, query, expected):
    """The header's search box sends q to the search page, which lists the notice with the words marked."""
    box = browser.find_element(By.CSS_SELECTOR, ".site-header input[name=q]")
    box.send_keys(query)
    box.submit()
    WebDriverWait(browser, 10).until(lambda driver: "/search/?q=" in driver.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "搜索政策文件"
    titles = [link.text for link in browser.find_elements(By.CSS_SELECTOR, ".result .doc-item__title")]
    assert expected in titles
    marks = browser.find_elements(By.CSS_SELECTOR, ".result .snippet mark")
    assert marks and all(mark.text == query for mark in marks)
    screenshot(browser, "4-search")
