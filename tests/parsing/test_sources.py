"""decode_notice and read_notice: encodings, HTML pages, Word and PDF files turned into the text the parser reads."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from documents.parsing import sources as sources_module
from documents.parsing.sources import UnreadableNotice, decode_notice, html_to_text, read_notice
from tests.office_files import make_docx, make_pdf, pdf_of

NOTICE = "关于印发《2015年平顶山市加快产业集聚区建设专项工作方案》的通知\n各县(市、区)人民政府:\n一、总体要求\n"

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发产业集聚区建设方案的通知_平顶山市人民政府</title>
<script>var _hmt = _hmt || [];</script><style>.zoom{font-size:16px}</style></head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策解读</a></li></ul>
<div class="position">您的位置：<a href="/">首页</a> &gt; 政策文件</div>
<table class="xxgk">
<tr><td>索引号：</td><td>005452065/2015-00034</td><td>文号：</td><td>平政办〔2015〕26号</td></tr>
<tr><td>发布机构：</td><td>市政府办公室</td><td>成文日期：</td><td>2015-04-24</td></tr>
</table>
<h1>关于印发产业集聚区建设方案的通知</h1>
<div id="zoom" class="TRS_Editor">
<p style="text-indent:2em">各县（市、区）人民政府：</p>
<p>一、总体要求</p>
<table border="1"><tr><td>产业名称</td><td>2015年</td><td>2016年</td></tr>
<tr><td>信息<span>经济</span>产业</td><td>430</td><td>500</td></tr></table>
<p>平顶山市人民政府办公室<br/>2015年4月24日</p>
</div>
<div class="bdshare"><a>分享到微信</a></div>
<div id="footer">版权所有：平顶山市人民政府 网站标识码4104000001</div>
</body></html>"""


@pytest.mark.parametrize(
    "data, filename",
    [
        (NOTICE.encode("utf-8"), "a.txt"),
        (NOTICE.encode("gbk"), "a.txt"),
        (NOTICE.encode("gb18030"), "a.txt"),
        (b"\xef\xbb\xbf" + NOTICE.encode("utf-8"), "a.txt"),
        (NOTICE.encode("utf-16"), "a.txt"),
    ],
    ids=["utf-8", "gbk", "gb18030", "utf-8-bom", "utf-16"],
)
def test_encodings(data, filename):
    assert decode_notice(data, filename=filename) == NOTICE


def test_short_gbk_text_is_not_mistaken_for_utf8():
    assert decode_notice("产业集群".encode("gbk")) == "产业集群"


def test_utf8_with_a_few_broken_bytes_is_still_read():
    data = (NOTICE * 20).encode("utf-8")
    damaged = data[:300] + b"\xff\xfe" + data[300:] + "产".encode()[:2]  # a stray byte and a cut-off character
    text = decode_notice(damaged)
    assert text.startswith("关于印发《2015年平顶山市") and text.count("一、总体要求") == 20


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 40, "GB18030"),
        # No NUL, but one character in ten a control one (past the 5% a text may hold): a binary file.
        ((NOTICE[:9] + "\x01").encode("utf-8") * 50, "binary content"),
    ],
    ids=["empty", "blank", "png", "noise", "control characters"],
)
def test_unreadable(data, reason):
    with pytest.raises(UnreadableNotice, match=reason):
        decode_notice(data, filename="x.txt")


def test_layout_characters_are_not_control_characters():
    """Tabs, line and page breaks and vertical tabs lay text out: a notice full of them is still read."""
    laid_out = "\t\v\f\r\n".join([NOTICE[:9]] * 200)
    assert decode_notice(laid_out.encode("utf-8"), filename="x.txt").startswith(NOTICE[:9])
    with pytest.raises(UnreadableNotice, match="binary content"):
        decode_notice(laid_out.replace("\v", "\x1b").encode("utf-8"), filename="x.txt")


def test_html_page_keeps_text_and_tables_and_drops_chrome():
    text = decode_notice(PAGE.encode("gb18030"), filename="notice.html")
    lines = text.split("\n")
    assert (
        "索引号: | 005452065/2015-00034 | 文号: | 平政办〔2015〕26号 |" in lines
        or "索引号： | 005452065/2015-00034 | 文号： | 平政办〔2015〕26号 |" in lines
    )
    assert "信息经济产业 | 430 | 500 |" in lines
    assert "关于印发产业集聚区建设方案的通知" in lines
    assert "2015年4月24日" in lines
    for chrome in ("_hmt", "首页", "您的位置", "分享到", "版权所有", "font-size", "机构概况", "政策解读"):
        assert chrome not in text


def test_html_title_used_when_the_body_lacks_it():
    text = html_to_text(
        "<html><head><title>关于加快产业集群发展的意见 - 常德市人民政府</title></head><body><p>正文</p></body></html>"
    )
    assert text == "关于加快产业集群发展的意见\n正文"


def test_layout_table_keeps_paragraphs_and_inner_data_rows():
    page = (
        "<html><body><table><tr><td>政务公开</td></tr><tr><td><p>关于印发方案的通知</p><p>各县(市、区)人民政府:</p>"
        "<table><tr><td>产业</td><td>2015年</td></tr><tr><td><p class=MsoNormal>信息经济</p></td><td><p>430</p></td></tr>"
        "</table><p>平顶山市人民政府办公室<br>2015年4月24日</p></td></tr></table></body></html>"
    )
    assert html_to_text(page).split("\n") == [
        "政务公开",
        "关于印发方案的通知",
        "各县(市、区)人民政府:",
        "产业 | 2015年 |",
        "信息经济 | 430 |",
        "平顶山市人民政府办公室",
        "2015年4月24日",
    ]


_CHUNKS = st.one_of(
    st.binary(max_size=20),
    st.sampled_from(
        [
            b"<html>",
            b"<table>",
            b"<tr>",
            b"<td>",
            b"</td>",
            b"</tr>",
            b"<p>",
            b"</p>",
            b"<script>",
            b"</script>",
            "关于印发".encode("gbk"),
            "产业集群".encode(),
            b"<li><a>",
            b"</a></li>",
            b"<!--",
            b"&#",
            b"&amp;",
            b"\xef\xbb\xbf",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CHUNKS, max_size=40).map(b"".join), st.sampled_from(["notice.txt", "notice.html"]))
def test_any_bytes_are_read_or_refused_with_a_reason(data, filename):
    try:
        text = decode_notice(data, filename=filename)
    except UnreadableNotice as refusal:
        assert str(refusal)
    else:
        assert isinstance(text, str) and text.strip()


# --- Word and PDF ---------------------------------------------------------------------------------


def test_a_word_file_reads_as_paragraphs_with_its_table_rows():
    data = make_docx(
        ["关于印发《方案》的通知", "", "一、总体要求"], table=[["产业名称", "2015年"], ["信息经济", "430"]]
    )
    assert (
        read_notice(data, filename="方案.docx")
        == "关于印发《方案》的通知\n一、总体要求\n产业名称 | 2015年 |\n信息经济 | 430 |"
    )


def test_a_pdf_reads_as_its_text_layer():
    lines = ["关于印发《2015年平顶山市加快产业集聚区建设专项工作方案》的通知", "平政办〔2015〕26号", "一、总体要求"]
    assert read_notice(make_pdf(lines), filename="方案.pdf").split("\n") == lines
    assert read_notice(make_pdf(lines), filename="no-suffix").split("\n") == lines  # known by its signature


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["通知"]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnreadableNotice, match="加密"):
        read_notice(out.getvalue(), filename="a.pdf")


@pytest.mark.parametrize(
    "data, filename, reason",
    [
        (make_pdf([]), "scan.pdf", "扫描件"),
        (b"%PDF-1.4\n%garbage", "cut.pdf", "unreadable PDF"),
        (b"PK\x03\x04 not really a zip", "broken.docx", "not a .docx"),
        (make_docx([]), "blank.docx", "没有可读的文字"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", r"\.docx"),
    ],
    ids=["scanned-pdf", "truncated-pdf", "broken-docx", "empty-docx", "old-doc"],
)
def test_unreadable_office_files_are_refused_with_a_reason(data, filename, reason):
    with pytest.raises(UnreadableNotice, match=reason):
        read_notice(data, filename=filename)


def test_a_docx_that_unpacks_far_beyond_its_size_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(UnreadableNotice, match="过大"):
        read_notice(out.getvalue(), filename="bomb.docx")


def test_text_and_html_still_go_through_decode_notice():
    assert read_notice(NOTICE.encode("gbk"), filename="a.txt") == NOTICE
    assert "一、总体要求" in read_notice(PAGE.encode("gb18030"), filename="a.html")


def _docx_with_xml(megabytes: int) -> bytes:
    """A real .docx whose document.xml is padded with paragraphs to about `megabytes` MB, of varied text
    so that it deflates no better than a real notice (well within the unpack ratio)."""
    import random

    original = zipfile.ZipFile(io.BytesIO(make_docx(["一、总体要求"])))
    xml = original.read("word/document.xml").decode()
    chars = random.Random(12).choices([chr(c) for c in range(0x4E00, 0x9FA5)], k=megabytes * 1_048_576 // 3)
    lines = ["".join(chars[i : i + 60]) for i in range(0, len(chars), 60)]
    padding = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    xml = xml.replace("<w:body>", "<w:body><w:p><w:r><w:t>到2025年产值达到1000亿元</w:t></w:r></w:p>" + padding, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            archive.writestr(info.filename, xml if info.filename == "word/document.xml" else original.read(info))
    return out.getvalue()


def test_a_docx_with_more_xml_than_the_cap_is_refused_saying_the_cap():
    data = _docx_with_xml(sources_module.MAX_DOCX_XML_BYTES // 1_048_576 + 1)
    assert len(data) * 100 > sources_module.MAX_DOCX_XML_BYTES  # within the unpack ratio: only the cap stops it
    with pytest.raises(UnreadableNotice, match=r"XML .*上限 20 MB"):
        read_notice(data, filename="long.docx")


def test_a_docx_under_the_xml_cap_is_read():
    assert read_notice(_docx_with_xml(1), filename="ok.docx").startswith("到2025年产值达到1000亿元")


def _pdf_sharing_one_stream(pages: int, operations: int) -> bytes:
    """`pages` pages that all draw one content stream of `operations` text operations (deflated)."""
    import zlib

    stream = zlib.compress(b"BT /F1 12 Tf 72 700 Td (A) Tj ET\n" * operations, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
        *[
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {4 + pages} 0 R >> >>"
            f" /Contents 3 0 R >>".encode()
            for _ in range(pages)
        ],
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objects)


def test_a_small_pdf_whose_pages_share_a_large_stream_is_refused_before_any_text_is_read(monkeypatch):
    data = _pdf_sharing_one_stream(pages=100, operations=30_000)  # 18 KB, 94 MB of page content in all
    monkeypatch.setattr("pypdf.PageObject.extract_text", lambda *a, **k: pytest.fail("text was extracted"))
    with pytest.raises(UnreadableNotice, match=r"PDF 页面内容共 9\d\.\d MB，上限 4 MB"):
        read_notice(data, filename="shared.pdf")


@pytest.mark.parametrize(
    "pages, operations, reason",
    [
        (1, 40_000, r"单页内容过多：1\.\d MB，上限 1 MB"),
    ],
    ids=["one-page-over-the-page-cap"],
)
def test_pdf_page_bounds(pages, operations, reason):
    with pytest.raises(UnreadableNotice, match=reason):
        read_notice(_pdf_sharing_one_stream(pages, operations), filename="dense.pdf")


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(sources_module, "MAX_PDF_PAGES", 3)
    with pytest.raises(UnreadableNotice, match="PDF 页数过多：4 页，上限 3 页"):
        read_notice(_pdf_sharing_one_stream(pages=4, operations=10), filename="long.pdf")


def test_extracted_text_over_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(sources_module, "MAX_TEXT_CHARS", 50)
    with pytest.raises(UnreadableNotice, match="文字过多"):
        read_notice(_pdf_sharing_one_stream(pages=3, operations=30), filename="wordy.pdf")
    with pytest.raises(UnreadableNotice, match="文字过多"):
        read_notice(make_docx(["一、总体要求" * 10]), filename="wordy.docx")
    assert read_notice(make_docx(["一、总体要求"]), filename="short.docx") == "一、总体要求"


def test_unclosed_tags_nested_inside_skipped_content_close_their_own_run_only():
    # The skipped <nav> holds thousands of unclosed tags; end tags of tags never opened change nothing.
    page = "<html><body><nav>" + "<i>" * 5_000 + "</b>" * 5_000 + "</i>" * 5_000 + "</nav><p>正文</p></body></html>"
    assert html_to_text(page) == "正文"
    assert html_to_text("<html><body><nav><div>菜单</div><p>还是菜单</nav><p>正文</p>") == "正文"
