"""A reader in Chromium: a comparison of three cities → a shared indicator's page → a cited sentence."""

from datetime import date

import pytest
from selenium.webdriver.common.by import By

from documents.models import Target
from tests.browser.test_browse_browser import follow, text_of
from tests.synthetic import add_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUZHOU, LISHUI, CHANGDE = "330800", "331100", "430700"


def test_compare_then_an_indicator_then_its_sentence(browser, live_server, screenshot):
    add_notice(
        city=QUZHOU,
        title="衢州市工业强市实施意见",
        issued=date(2016, 3, 1),
        targets=(("研发经费支出占地区生产总值的比重", 2.5, "%", 2.5, "%", 2020),),
    )
    add_notice(
        city=LISHUI,
        title="丽水市产业平台整合提升指导意见",
        issued=date(2020, 8, 20),
        targets=(("研发投入强度", 3.0, "%", 3.0, "%", 2025),),
    )
    add_notice(
        city=CHANGDE, title="常德市产业集群意见", targets=(("全社会研发经费投入强度", 2.0, "%", 2.0, "%", 2022),)
    )

    browser.get(f"{live_server.url}/compare/?cities={QUZHOU},{LISHUI},{CHANGDE}")
    assert "按统一指标对比" in text_of(browser)
    charts = browser.find_elements(By.CSS_SELECTOR, ".indicator-table svg.chart--values")
    assert len(charts) == 1 and len(charts[0].find_elements(By.TAG_NAME, "rect")) == 3
    screenshot(browser, "indicators-1-compare")
    follow(browser, browser.find_element(By.LINK_TEXT, "研发经费投入强度"), "/indicators/rd-intensity/")

    page = text_of(browser)
    assert "研发经费投入强度" in page and "2025年" in page and "丽水市" in page
    screenshot(browser, "indicators-2-indicator")
    target = Target.objects.get(metric="研发投入强度")
    sentence = browser.find_element(By.CSS_SELECTOR, f'a.sentence[href$="#target-{target.pk}"]')
    follow(browser, sentence, f"/notices/{target.document_id}/")
    assert browser.current_url.endswith(f"#target-{target.pk}")
    source = browser.page_source
    anchor = source.index(f'id="target-{target.pk}"')
    assert "研发投入强度达到3%" in source[anchor : anchor + 400]  # the sentence is marked right after its anchor
    screenshot(browser, "indicators-3-sentence")
