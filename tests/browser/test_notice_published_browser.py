"""In Chromium, wide and at phone width: a notice received as one line reads in paragraphs, its table as a
table, its commas full-width, its 来源 the original address; a province page's year table lines up."""

from datetime import date

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from documents.ingest import ingest_file, ingest_notice
from tests.browser.test_browse_browser import at_phone_width, follow, text_of
from tests.conftest import ROOT
from tests.synthetic import add_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Where a cell's text ends on screen (the cell's box is the column's, whatever the text's alignment).
TEXT_RIGHT = """const range = document.createRange(); range.selectNodeContents(arguments[0]);
return range.getBoundingClientRect().right"""


def test_a_one_line_notice_reads_as_published(browser, live_server, screenshot, db):
    lines = (ROOT / "fixtures" / "search" / "xvsd_038.txt").read_text(encoding="utf-8").splitlines()
    raw = (
        "原文链接：https://www.pkulaw.com/lar/xvsd038.html\n"
        + " ".join(lines)
        + "\n指标 | 2020年 | 2025年 |\n规模以上工业增加值 | 200亿元 | 500亿元 |"
    )
    document = ingest_notice(raw_text=raw, source="粘贴:447d6801e693").document
    browser.get(live_server.url + document.get_absolute_url() + "?q=工业")
    paragraphs = browser.find_elements(By.CSS_SELECTOR, ".notice-text > p")
    assert len(paragraphs) >= 10 and max(len(p.text) for p in paragraphs) < 1000
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".notice-text table td")]
    assert cells[:3] == ["指标", "2020年", "2025年"] and cells[3].startswith("规模以上")
    body = browser.find_element(By.CSS_SELECTOR, ".notice-text").text
    assert body.count("，") == raw.count("，") and "," not in body
    source = browser.find_element(By.CSS_SELECTOR, "dd.source a")
    assert source.get_attribute("href") == "https://www.pkulaw.com/lar/xvsd038.html"
    assert "粘贴:" not in text_of(browser)
    assert browser.find_elements(By.CSS_SELECTOR, ".notice-text td mark.mark-hit")  # hits marked in cells too
    follow(browser, browser.find_element(By.CSS_SELECTOR, '.notice-text a.hit-nav[aria-label="下一处"]'), "#hit-2")
    screenshot(browser, "notice-as-published")
    at_phone_width(browser, screenshot, "notice-as-published")


def test_a_province_year_table_lines_up(browser, live_server, screenshot, db):
    for year, count in ((2015, 1), (2018, 12), (2021, 3)):
        for n in range(count):
            add_notice(city="370200", title=f"青岛市{year}年第{n}号方案", issued=date(year, 6, 1))
    browser.get(live_server.url + "/regions/370000/")
    table = browser.find_element(By.CSS_SELECTOR, "table.years-table")
    years = table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")
    counts = table.find_elements(By.CSS_SELECTOR, "tbody td")
    assert [y.text for y in years][:2] == ["2015", "2016"] and len(years) == len(counts)
    for year, count in zip(years, counts, strict=True):  # each figure right under its year, right-aligned
        assert abs(browser.execute_script(TEXT_RIGHT, year) - browser.execute_script(TEXT_RIGHT, count)) <= 1
    screenshot(browser, "province-years")
    at_phone_width(browser, screenshot, "province-years")


def test_search_narrowed_by_kind_issuer_date_and_title(browser, live_server, screenshot, db):
    for path in sorted((ROOT / "fixtures" / "search").glob("*.txt")):
        ingest_file(path, source=f"fixtures/search/{path.name}")
    browser.get(live_server.url + "/search/?q=发展")
    issuers = browser.find_element(By.CSS_SELECTOR, "#facet-issuer").find_element(By.XPATH, "..")
    assert "国务院办公厅" in issuers.text  # issuers counted beside the results
    kinds = browser.find_element(By.CSS_SELECTOR, "#facet-kind").find_element(By.XPATH, "..")
    follow(browser, kinds.find_element(By.PARTIAL_LINK_TEXT, "政府工作报告"), "kind=report")
    titles = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".results .doc-item__title")]
    assert titles and all("政府工作报告" in title for title in titles)
    browser.find_element(By.ID, "scope").click()
    # Chromium's date input takes keys in the locale's order: the value is set as a picker would set it.
    browser.execute_script("arguments[0].value = '2017-01-01'", browser.find_element(By.ID, "date-from"))
    browser.find_element(By.CSS_SELECTOR, ".search-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "scope=title" in driver.current_url)
    assert "date_from=" in browser.current_url
    screenshot(browser, "search-kind-title")
    at_phone_width(browser, screenshot, "search-kind-title")
    browser.get(live_server.url + "/search/?q=发展&date_from=2017-02-30")
    assert "日期从" in text_of(browser) and "有误" in text_of(browser)
