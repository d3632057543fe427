"""Entering notices in the admin: paste or upload, preview the parse, correct, save; batches; refusals."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.ingest import ingest_notice
from documents.models import Document
from tests.conftest import NOTICES
from tests.office_files import make_docx, make_pdf

pytestmark = pytest.mark.django_db

ADD = reverse("admin:documents_document_add")
BATCH = reverse("admin:documents_document_batch")
QUZHOU = (NOTICES / "quzhou-2010.txt").read_text(encoding="utf-8")
LISHUI = (NOTICES / "lishui-2020.txt").read_text(encoding="utf-8")


def preview(client, **data):
    response = client.post(ADD, {"text": "", "source": "", **data})
    assert response.status_code == 200
    return response


def hidden(response, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1)


def save(client, response, **corrections):
    fields = {name: response.context["form"][name].value() or "" for name in response.context["form"].fields}
    return client.post(ADD, {**fields, **corrections})


def test_a_pasted_notice_is_previewed_then_saved_with_the_editors_corrections(editor_client):
    shown = preview(editor_client, text=QUZHOU)
    page = shown.content.decode()
    assert Document.objects.count() == 0  # nothing saved by the preview
    assert "核对解析结果" in page and "衢委办〔2010〕93号" in page and "衢州市" in page
    for section in ("preview-targets", "preview-tasks", "preview-units"):
        assert f'id="{section}"' in page
    saved = save(editor_client, shown, doc_number="衢委办〔2010〕94号")
    document = Document.objects.get()
    assert saved.status_code == 302 and saved.url == reverse("admin:documents_document_change", args=[document.pk])
    assert document.raw_text == QUZHOU.replace("\r\n", "\n")
    assert document.doc_number == "衢委办〔2010〕94号" and document.checked_fields == ["doc_number"]
    assert document.title == "衢州市特色产业发展综合配套改革试点总体方案"  # not corrected: the parser's
    entry = LogEntry.objects.get(object_id=str(document.pk))
    assert entry.action_flag == ADDITION and entry.user.username == "editor1" and "文号" in entry.get_change_message()


def test_the_text_travels_unchanged_from_preview_to_save(editor_client):
    raw = "关于印发《方案》的通知\r\n\u3000\u3000一、总体要求\r\n到2025年产值达到1000亿元。\r\n"
    save(editor_client, preview(editor_client, text=raw))
    assert Document.objects.get().raw_text == raw


@pytest.mark.parametrize(
    "name, data",
    [
        ("quzhou.txt", QUZHOU.encode("gb18030")),
        ("quzhou.html", f"<html><body><p>{'</p><p>'.join(QUZHOU.splitlines())}</p></body></html>".encode()),
        ("quzhou.docx", make_docx(QUZHOU.splitlines())),
        ("quzhou.pdf", make_pdf([line for line in QUZHOU.splitlines()[:40] if line.strip()])),
    ],
    ids=["gbk-txt", "html", "docx", "pdf"],
)
def test_an_uploaded_file_is_previewed_and_saved_under_its_name(editor_client, name, data):
    shown = preview(editor_client, file=SimpleUploadedFile(name, data))
    assert "衢委办〔2010〕93号" in shown.content.decode()
    save(editor_client, shown)
    document = Document.objects.get()
    assert document.source == name and document.doc_number == "衢委办〔2010〕93号"


def test_a_duplicate_is_refused_with_a_link_to_the_notice_we_have(editor_client):
    save(editor_client, preview(editor_client, text=QUZHOU))
    held = Document.objects.get()
    refused = preview(editor_client, file=SimpleUploadedFile("copy.txt", QUZHOU.encode("gb18030")))
    page = refused.content.decode()
    assert "已经在库中" in page and reverse("admin:documents_document_change", args=[held.pk]) in page
    assert Document.objects.count() == 1


def test_a_duplicate_stored_between_preview_and_save_is_refused_too(editor_client):
    shown = preview(editor_client, text=QUZHOU)
    held = ingest_notice(raw_text=QUZHOU, source="elsewhere.txt").document
    page = save(editor_client, shown).content.decode()
    assert "已经在库中" in page and reverse("admin:documents_document_change", args=[held.pk]) in page
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("big.txt", "产".encode() * 800, "文件过大"),
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b" \r\n ", "文件为空"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "二进制"),
        ("scan.pdf", make_pdf([]), "扫描件"),
        ("sheet.xlsx", b"PK\x03\x04", "不支持的文件类型 .xlsx"),
        ("notice", b"text", "不支持的文件类型"),
    ],
    ids=["too-large", "empty", "blank", "binary", "scanned-pdf", "xlsx", "no-suffix"],
)
def test_unreadable_uploads_are_refused_with_a_reason_and_nothing_saved(editor_client, settings, name, data, reason):
    settings.POLICYKB_MAX_NOTICE_BYTES = 2000 if name == "big.txt" else settings.POLICYKB_MAX_NOTICE_BYTES
    page = preview(editor_client, file=SimpleUploadedFile(name, data)).content.decode()
    assert reason in page and "未保存任何内容" in page
    assert Document.objects.count() == 0


def test_paste_and_file_together_or_neither_are_refused(editor_client):
    assert "请只粘贴" in preview(editor_client, text="通知", file=SimpleUploadedFile("a.txt", b"x")).content.decode()
    assert "请粘贴通知全文" in preview(editor_client).content.decode()


def test_a_tampered_preview_is_refused(editor_client):
    shown = preview(editor_client, text=QUZHOU)
    page = save(editor_client, shown, raw="not base64!").content.decode()
    assert "已损坏" in page and Document.objects.count() == 0


def zip_of(members: dict[str, bytes]) -> SimpleUploadedFile:
    """A zip as Chinese Windows writes it: names in GBK bytes, without the UTF-8 flag (zipfile itself
    would write UTF-8, so each name goes in as ASCII placeholders of the same length, then is swapped)."""
    out = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(members.items()):
            encoded = name.encode("gbk")
            placeholder = f"{number:03d}".encode().ljust(len(encoded), b"_")
            placeholders[placeholder] = encoded
            archive.writestr(placeholder.decode(), data)
    raw = out.getvalue()
    for placeholder, encoded in placeholders.items():
        raw = raw.replace(placeholder, encoded)
    return SimpleUploadedFile("notices.zip", raw)


def test_a_batch_of_files_and_a_zip_get_the_ingest_commands_report(editor_client):
    archive = zip_of(
        {
            "丽水/lishui.txt": LISHUI.encode(),
            "empty.txt": b"",
            "../evil.txt": QUZHOU.encode(),
            "sheet.xls": b"x",
            ".hidden/x.txt": b"y",
            "again.txt": LISHUI.encode("gb18030"),
        }
    )
    quzhou = SimpleUploadedFile("quzhou.docx", make_docx(QUZHOU.splitlines()))
    response = editor_client.post(BATCH, {"files": [quzhou, archive]})
    page = response.content.decode()
    assert "汇总 summary: added 2, updated 0, unchanged 1, failed 3" in page
    assert "notices.zip/丽水/lishui.txt" in page and "文件为空" in page and "不安全的路径" in page
    assert "不支持的文件类型 .xls" in page and ".hidden" not in page
    assert sorted(Document.objects.values_list("source", flat=True)) == ["notices.zip/丽水/lishui.txt", "quzhou.docx"]
    assert LogEntry.objects.filter(action_flag=ADDITION).count() == 2


def test_a_zip_over_its_bounds_is_refused_whole_and_the_other_files_go_on(editor_client, settings):
    settings.POLICYKB_MAX_ZIP_MEMBERS = 2
    archive = zip_of({f"{n}.txt": f"通知{n}".encode() for n in range(3)})
    response = editor_client.post(BATCH, {"files": [archive, SimpleUploadedFile("lishui.txt", LISHUI.encode())]})
    page = response.content.decode()
    assert "added 1, updated 0, unchanged 0, failed 1" in page and "文件过多" in page


def test_a_zip_member_over_the_size_limit_is_refused_even_if_its_header_lies(editor_client, settings):
    settings.POLICYKB_MAX_NOTICE_BYTES = 100
    page = editor_client.post(BATCH, {"files": [zip_of({"big.txt": "产".encode() * 200})]}).content.decode()
    assert "failed 1" in page and "文件过大" in page


def test_not_a_zip_is_refused(editor_client):
    page = editor_client.post(BATCH, {"files": [SimpleUploadedFile("x.zip", b"nope")]}).content.decode()
    assert "failed 1" in page and "不是有效的 zip" in page


def test_a_preview_saved_with_a_blank_title_comes_back_with_the_error(editor_client):
    page = save(editor_client, preview(editor_client, text=QUZHOU), title="")
    assert page.status_code == 200 and "核对解析结果" in page.content.decode()
    assert page.context["form"].errors["title"] and Document.objects.count() == 0


def as_browser_sends(response) -> dict:
    """The preview form's fields as a browser posts them back untouched: each input's rendered value,
    except that a date input whose value is not an ISO date (2024/03/15) shows and sends nothing."""
    page, data = response.content.decode(), {}
    for tag in re.findall(r"<input [^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        value = value.group(1) if value else ""
        if 'type="date"' in tag and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = ""
        data[name.group(1)] = (
            value.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
        )
    return data


@pytest.mark.parametrize("name", ["quzhou-2010.txt", "changde-2007.txt", "lishui-2020.txt"])
def test_preview_then_save_untouched_keeps_every_parsed_field_and_marks_nothing_corrected(editor_client, name):
    from documents.ingest import parsed_fields
    from documents.parsing import parse_notice

    raw = (NOTICES / name).read_text(encoding="utf-8")
    shown = preview(editor_client, text=raw)
    page = shown.content.decode()
    expected = parsed_fields(parse_notice(raw), source=shown.context["source"])
    assert f'value="{expected["issued_on"].isoformat()}"' in page  # a date input shows only an ISO value
    saved = editor_client.post(ADD, as_browser_sends(shown))
    assert saved.status_code == 302
    document = Document.objects.get()
    assert {field: getattr(document, field) for field in expected} == expected
    assert document.checked_fields == []
    assert "更正" not in LogEntry.objects.get(object_id=str(document.pk)).get_change_message()


def test_the_preview_parses_the_notice_once(editor_client, monkeypatch):
    from documents.admin import entry

    calls = []
    real = entry.parse_notice
    monkeypatch.setattr(entry, "parse_notice", lambda text, **kw: calls.append(1) or real(text, **kw))
    preview(editor_client, text=QUZHOU)
    assert len(calls) == 1
