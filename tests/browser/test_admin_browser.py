"""Staff in Chromium: an editor pastes a notice, checks the preview, saves, corrects a target, re-parses,
and the correction is still there; a viewer can change nothing; a duplicate upload is refused with a
link to the notice we have. Screenshots under var/screenshots/.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from documents.ingest import ingest_file
from documents.models import Document
from tests.conftest import NOTICES

# serialized_rollback: the regions and the two roles come from migrations, and a transactional test
# empties the tables after it; this brings them back for each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUZHOU = NOTICES / "quzhou-2010.txt"


def log_in(browser, live_server, role: str) -> None:
    user = User.objects.create_user(f"{role}1", password=f"pw-{role}-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    browser.get(live_server.url + "/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys(user.username)
    browser.find_element(By.ID, "id_password").send_keys(f"pw-{role}-1")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#login-form [type=submit]"))
    assert "/admin/login/" not in browser.current_url


def submit_and_wait(browser, button) -> None:
    """Click and wait for the next page (a click returns before the load ends)."""
    old = browser.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(browser, 15).until(lambda driver: old.id != driver.find_element(By.TAG_NAME, "html").id)


def show(browser, selector: str) -> None:
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.CSS_SELECTOR, selector))


def text_of(browser) -> str:
    return browser.find_element(By.TAG_NAME, "body").text


def target_row_fields(browser) -> tuple[int, dict]:
    """The index of the target row the editor corrects (the first found) or adds (none found)."""
    total = int(browser.find_element(By.ID, "id_targets-TOTAL_FORMS").get_attribute("value"))
    if total:
        return 0, {"value": "4321"}
    browser.find_element(By.CSS_SELECTOR, "#targets-group .add-row a").click()
    return 0, {
        "metric": "特色产业产值",
        "value": "4321",
        "unit": "亿元",
        "year": "2015",
        "clause": "到2015年特色产业产值达到4321亿元",
    }


def test_an_editor_enters_checks_corrects_and_reparses(browser, live_server, screenshot):
    log_in(browser, live_server, "editor")
    browser.get(live_server.url + "/admin/documents/document/")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".object-tools a.addlink[href$='/add/']"))
    area = browser.find_element(By.ID, "id_text")
    browser.execute_script("arguments[0].value = arguments[1]", area, QUZHOU.read_text(encoding="utf-8"))  # a paste
    screenshot(browser, "1-paste")
    submit_and_wait(browser, browser.find_element(By.NAME, "_preview"))

    assert "核对解析结果" in text_of(browser) and Document.objects.count() == 0
    assert browser.find_element(By.ID, "id_doc_number").get_attribute("value") == "衢委办〔2010〕93号"
    assert "衢州市" in browser.find_element(By.ID, "preview-places").text
    for section in ("preview-targets", "preview-tasks", "preview-units"):
        assert browser.find_element(By.ID, section).is_displayed()
    issuer = browser.find_element(By.ID, "id_issuer")
    issuer.clear()
    issuer.send_keys("中共衢州市委办公室")
    screenshot(browser, "2-preview")
    submit_and_wait(browser, browser.find_element(By.NAME, "_save"))

    document = Document.objects.get()
    assert f"/admin/documents/document/{document.pk}/change/" in browser.current_url
    assert document.issuer == "中共衢州市委办公室" and document.checked_fields == ["issuer"]
    index, fields = target_row_fields(browser)
    for name, value in fields.items():
        box = browser.find_element(By.ID, f"id_targets-{index}-{name}")
        box.clear()
        box.send_keys(value)
    show(browser, "#targets-group")
    screenshot(browser, "3-correct-target")
    submit_and_wait(browser, browser.find_element(By.NAME, "_continue"))
    assert browser.find_element(By.ID, f"id_targets-{index}-checked").is_selected()
    corrected = document.targets.get(value=4321)
    assert corrected.checked

    browser.get(live_server.url + "/admin/documents/document/")
    browser.find_element(By.CSS_SELECTOR, f"input.action-select[value='{document.pk}']").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("reparse")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[name=index]"))
    assert "updated 1" in text_of(browser) and "failed 0" in text_of(browser)
    screenshot(browser, "4-reparsed")

    browser.get(live_server.url + f"/admin/documents/document/{document.pk}/change/")
    assert float(browser.find_element(By.ID, f"id_targets-{index}-value").get_attribute("value")) == 4321
    assert browser.find_element(By.ID, "id_issuer").get_attribute("value") == "中共衢州市委办公室"
    assert document.targets.filter(value=4321, checked=True).count() == 1
    show(browser, "#targets-group")
    screenshot(browser, "5-after-reparse")
    browser.get(live_server.url + f"/admin/documents/document/{document.pk}/history/")
    history = text_of(browser)
    assert "editor1" in history and "重新解析" in history and "通过管理后台录入" in history
    screenshot(browser, "6-history")


def test_a_viewer_can_change_nothing(browser, live_server, screenshot):
    document = ingest_file(QUZHOU).document
    log_in(browser, live_server, "viewer")
    browser.get(live_server.url + "/admin/documents/document/")
    assert document.title in text_of(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, ".object-tools a.addlink")
    assert not browser.find_elements(By.NAME, "action")  # no actions: nothing to re-parse
    browser.get(live_server.url + f"/admin/documents/document/{document.pk}/change/")
    assert document.doc_number in text_of(browser)
    # Django's inline script still adds a hidden "add another" row when adding is not allowed: only what shows counts.
    controls = browser.find_elements(By.CSS_SELECTOR, "input[name=title], input[type=submit], .add-row a")
    assert not [control for control in controls if control.is_displayed()]
    screenshot(browser, "1-change-page-read-only")
    browser.get(live_server.url + "/admin/documents/document/add/")
    assert "403" in browser.title or "Forbidden" in text_of(browser) or "禁止" in text_of(browser)
    screenshot(browser, "2-add-refused")


def test_a_duplicate_upload_is_refused_with_a_link_to_the_notice_we_have(browser, live_server, screenshot, tmp_path):
    held = ingest_file(QUZHOU).document
    copy = tmp_path / "衢州-副本.txt"
    copy.write_bytes(QUZHOU.read_text(encoding="utf-8").encode("gb18030"))  # the same notice in GBK
    log_in(browser, live_server, "editor")
    browser.get(live_server.url + "/admin/documents/document/add/")
    browser.find_element(By.ID, "id_file").send_keys(str(copy))
    submit_and_wait(browser, browser.find_element(By.NAME, "_preview"))
    refusal = browser.find_element(By.ID, "refusal")
    assert "已经在库中" in refusal.text and "未保存任何内容" in refusal.text
    screenshot(browser, "1-refused")
    submit_and_wait(browser, refusal.find_element(By.TAG_NAME, "a"))
    assert f"/admin/documents/document/{held.pk}/change/" in browser.current_url
    assert Document.objects.count() == 1
