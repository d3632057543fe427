"""Reading a notice file's bytes into text: encoding detection and HTML to text. Pure, no Django.

Government sites serve UTF-8 and GB18030/GBK alike, and many pages arrive as HTML; the parser
wants plain text either way. Anything we cannot read raises UnreadableNotice with a reason a person
can act on.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser

import docx  # python-docx
from docx.table import Table
from pypdf import PdfReader

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


class UnreadableNotice(ValueError):
    """The file is not a notice we can read; the message says why."""


def decode_notice(data: bytes, *, filename: str = "") -> str:
    """Turn a file's bytes into the notice's text.

    >>> decode_notice("关于印发《方案》的通知".encode("gbk"), filename="a.txt")
    '关于印发《方案》的通知'
    """
    if not data.strip():
        raise UnreadableNotice("文件为空 (empty file)")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NULs
        raise UnreadableNotice("二进制文件，不是文本或网页 (binary file: not text or HTML)")
    text = _decode_bytes(data)
    if _looks_like_html(text, filename):
        text = html_to_text(text)
    if not text.strip():
        raise UnreadableNotice("没有可读的正文 (no readable text)")
    if _control_ratio(text) > 0.05:
        raise UnreadableNotice("内容含大量控制字符，疑似二进制文件 (binary content)")
    return text


def _decode_bytes(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GBK text almost never survives a UTF-8 decode, so a strict failure points to GB18030 (a superset of
    # GBK and GB2312) -- unless the page says otherwise or GB18030 reads worse than UTF-8 with a few
    # broken bytes (a page cut mid-character, a stray Latin-1 byte).
    declared = _declared_charset(data[:4096])
    utf8 = data.decode("utf-8", errors="replace")
    gb = data.decode("gb18030", errors="replace")
    utf8_bad, gb_bad = utf8.count("\ufffd"), gb.count("\ufffd")
    if declared == "utf-8" and utf8_bad <= len(utf8) * 0.01:
        return utf8
    if gb_bad <= utf8_bad and gb_bad <= len(gb) * 0.01:
        return gb
    if utf8_bad <= len(utf8) * 0.01:
        return utf8
    raise UnreadableNotice("无法识别的文本编码 (neither UTF-8 nor GB18030/GBK)")


_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return "utf-8" if name in ("utf-8", "utf8") else "gb18030" if name.startswith(("gb", "x-gbk")) else name


def _looks_like_html(text: str, filename: str) -> bool:
    if filename.lower().endswith(HTML_SUFFIXES):
        return True
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below space, but not \t \n \v \f \r


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "title",
    "dd",
    "dt",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "center",
    "caption",
}
_SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "iframe",
    "form",
    "select",
    "button",
    "aside",
    "svg",
    "object",
    "template",
    "head",
}
# Page furniture marked by class or id on government sites: menus, breadcrumbs, share bars, footers.
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumbs?|bread|share|bdshare|sidebar|side|footer|foot|header|top(?:bar)?|"
    r"copyright|search|login|toolbar|position|location|weizhi|dqwz|fontsize|font-size|print|related|xgwz|qrcode|ewm)(?:$|[\s_-])",
    re.IGNORECASE,
)
_VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "area", "base", "col", "embed", "param", "source", "wbr"}


class _Cell:
    __slots__ = ("parts", "nested")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.nested = False  # holds a whole table: the row is page layout, not data


class _TextExtractor(HTMLParser):
    """Visible text; data table rows become `a | b | c |` lines, the shape the targets parser reads,
    while layout tables (old government sites set the whole article in one) keep their paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip_stack: list[str] = []  # open tags whose content is skipped
        self.skip_open: Counter[str] = Counter()  # the same, counted by tag: an unclosed nest stays linear
        self.rows: list[list[_Cell]] = []  # per open table row, its cells
        self.in_title = False
        self.list_depth = 0
        self.link: list[str] | None = None  # text of an open <a> inside a list item: menus are such links
        self.address = ""  # the page's own address: <link rel="canonical"> or <meta property="og:url">

    def handle_starttag(self, tag, attrs):
        if tag in ("link", "meta"):
            self._note_address(dict(attrs))
        if tag in _VOID_TAGS:
            if tag == "br" and not self.skip_stack:
                self._emit("\n")
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if (
            self.skip_stack
            or tag in _SKIPPED_TAGS
            or (tag in ("div", "ul", "span", "p", "table") and _CHROME_ATTR.search(marks))
        ):
            self.skip_stack.append(tag)
            self.skip_open[tag] += 1
            self.in_title = tag == "title" or self.in_title
            return
        if tag == "li":
            self.list_depth += 1
        elif tag == "a" and self.list_depth:
            self.link = []
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append(_Cell())
        elif tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_endtag(self, tag):
        if self.skip_stack:
            if self.skip_open[tag]:  # not `tag in skip_stack`: a scan of the stack at every end tag
                while self.skip_stack:
                    popped = self.skip_stack.pop()
                    self.skip_open[popped] -= 1
                    if popped == tag:
                        break
            self.in_title = self.in_title and bool(self.skip_stack)
            return
        if tag == "li":
            self.list_depth = max(0, self.list_depth - 1)
        elif tag == "a" and self.link is not None:
            text, self.link = "".join(self.link), None
            if len(text.strip()) > 15:  # a short link in a list is a menu entry; a long one is content
                self._emit(text)
        if tag == "tr" and self.rows:
            self._close_row(self.rows.pop())
        elif tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_data(self, data):
        if self.skip_stack:
            if self.in_title:
                self.title.append(data)
            return
        self._emit(data)

    def _close_row(self, cells: list[_Cell]) -> None:
        if self.rows and self.rows[-1]:  # a table inside a cell: the outer row is layout
            self.rows[-1][-1].nested = True
        texts = ["".join(cell.parts) for cell in cells]
        if any(cell.nested for cell in cells) or any(len(t) > 300 and t.count("\n") >= 2 for t in texts):
            self._emit("\n" + "\n".join(texts) + "\n")  # layout: the paragraphs as they are
            return
        flat = [re.sub(r"\s+", " ", t).strip() for t in texts]
        if sum(1 for t in flat if t) == 1:  # a one-cell row is a line of text, not a table
            self._emit("\n" + next(t for t in flat if t) + "\n")
        elif any(flat):
            self._emit("\n" + " | ".join(flat) + " |\n")

    def _note_address(self, attrs: dict) -> None:
        canonical = "canonical" in (attrs.get("rel") or "").lower().split() and attrs.get("href")
        og_url = (attrs.get("property") or "").lower() == "og:url" and attrs.get("content")
        address = (canonical or og_url or "").strip()
        if re.match(r"https?://[^\s<>\"]{1,480}$", address, re.IGNORECASE) and (canonical or not self.address):
            self.address = address

    def _emit(self, text: str) -> None:
        if self.link is not None:
            self.link.append(text)
        elif self.rows and self.rows[-1]:
            self.rows[-1][-1].parts.append(text)
        else:
            self.parts.append(text)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line; scripts, menus and share bars dropped,
    table rows as `cell | cell |` lines, and the page <title> (without the site name) first when the
    body does not repeat it.

    >>> html_to_text("<html><script>x()</script><p>一、总体要求</p>"
    ...              "<table><tr><td>文号</td><td>平政办〔2015〕26号</td></tr></table></html>")
    '一、总体要求\\n文号 | 平政办〔2015〕26号 |'
    """
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    title = re.split(r"\s*[_|｜]\s*|\s+-\s+", "".join(extractor.title).strip())[0].strip()
    if title and title not in body:
        body = title + "\n" + body
    if extractor.address:  # kept in the text as received (the raw text); cleaning drops the line as furniture
        body += "\n原文链接：" + extractor.address
    return body


_ADDRESS_LINE = re.compile(
    r"^\s*(?:原文链接|原文地址|原文网址|网页地址)\s*[:：]\s*(https?://[^\s<>\"]{1,480})\s*$", re.IGNORECASE
)
_ADDRESS_LINES = 40  # where a notice states its address: its first or last lines


def original_address(text: str) -> str | None:
    """The web address a notice's text gives for itself: a `原文链接：` line near its start or end (北大法宝
    exports carry one; html_to_text writes one from a page's canonical link).

    >>> original_address("【法宝引证码】 CLI.12.5679380\\n原文链接：https://www.pkulaw.com/lar/a2.html\\n关于…的通知")
    'https://www.pkulaw.com/lar/a2.html'
    """
    lines = text[:20_000].split("\n")[:_ADDRESS_LINES] + text[-20_000:].split("\n")[-_ADDRESS_LINES:]
    return next((match.group(1) for line in lines if (match := _ADDRESS_LINE.match(line[:600]))), None)


def public_source(source: str) -> str:
    """A notice's source as the public may see it: a web address whole, a file by its name alone.

    >>> public_source("/home/x/corpus/a.txt"), public_source(r"D:\\政策\\b.docx"), public_source("批量.zip/2015/c.pdf")
    ('a.txt', 'b.docx', 'c.pdf')
    >>> public_source("http://www.pds.gov.cn/a/1.html"), public_source("粘贴:3f2a9c1b7d00")
    ('http://www.pds.gov.cn/a/1.html', '粘贴:3f2a9c1b7d00')
    """
    if re.match(r"https?://", source, re.IGNORECASE):
        return source
    return re.split(r"[/\\]", source.rstrip("/\\"))[-1]


DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
TEXT_SUFFIXES = (".txt", ".text")
# What the admin accepts; anything else is refused by name before its bytes are read.
NOTICE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES
# An Office file is a zip: refuse one whose parts would unpack to more than this many times its size.
_MAX_UNPACK_RATIO = 100
# Bounds on what the readers do for one file, stated in their refusals. python-docx holds the XML as a
# tree (about 20 bytes of memory per byte, half a second per MB); a long notice's document.xml is a few MB.
MAX_DOCX_XML_BYTES = 20 * 1024 * 1024
# pypdf reads page content at about 1 MB a second; pages may share one stream, so it counts once per page.
# A page of dense Chinese text is tens of KB of content.
MAX_PDF_PAGES = 2000
MAX_PDF_PAGE_CONTENT_BYTES = 1024 * 1024
MAX_PDF_CONTENT_BYTES = 4 * 1024 * 1024
# The text any reader hands on (a text file cannot exceed it: the ingest's byte cap is 10 MB).
MAX_TEXT_CHARS = 10_000_000


def read_notice(data: bytes, *, filename: str = "") -> str:
    """The notice's text from a file's bytes: Word (.docx) and PDF by name or signature, else text/HTML.

    >>> read_notice("一、总体要求".encode("gb18030"), filename="方案.txt")
    '一、总体要求'
    """
    name = filename.lower()
    if name.endswith(DOCX_SUFFIXES):
        text = docx_to_text(data)
    elif name.endswith(PDF_SUFFIXES) or data.startswith(b"%PDF-"):
        text = pdf_to_text(data)
    elif name.endswith(".doc") or data.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary Word format
        raise UnreadableNotice("不支持旧版 Word (.doc) 文件，请另存为 .docx (old .doc format: save as .docx)")
    else:
        text = decode_notice(data, filename=filename)
    _check_text_size(len(text))
    return text


def _check_text_size(chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise UnreadableNotice(f"文字过多：{chars:,} 字以上，上限 {MAX_TEXT_CHARS:,} 字 (text too long)")


def docx_to_text(data: bytes) -> str:
    """The paragraphs of a Word file in reading order, one per line; a table row as `a | b |`, as for HTML.

    For a .docx whose body holds 一、总体要求 and a table row 指标 | 2025年 the text is
    '一、总体要求\\n指标 | 2025年 |'.
    """
    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises zip, XML and package errors alike
        raise UnreadableNotice(f"无法读取 Word 文件 (unreadable .docx): {type(error).__name__}") from None
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_docx_row(row) for row in block.rows)
        else:
            lines.append(block.text)
    return _text_or_refuse("\n".join(line for line in lines if line.strip()), kind="Word")


def _docx_row(row) -> str:
    cells = []
    for cell in row.cells:  # a merged cell repeats across the columns it spans: keep it once
        text = re.sub(r"\s+", " ", cell.text).strip()
        if not cells or cells[-1] != text:
            cells.append(text)
    return " | ".join(cells) + " |" if len([c for c in cells if c]) > 1 else "".join(cells)


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF, page by page. A scanned PDF (images only) has none and is refused."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableNotice("PDF 已加密 (encrypted PDF)")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableNotice(f"PDF 页数过多：{len(reader.pages)} 页，上限 {MAX_PDF_PAGES} 页 (too many pages)")
        # Measured before any page is read, so a refusal costs no text extraction.
        content = sum(_page_content_size(page) for page in reader.pages)
        if content > MAX_PDF_CONTENT_BYTES:
            raise UnreadableNotice(
                f"PDF 页面内容共 {content / 1_048_576:.1f} MB，上限 {MAX_PDF_CONTENT_BYTES // 1_048_576} MB "
                "(PDF content too large)"
            )
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            _check_text_size(chars)
    except UnreadableNotice:
        raise
    except Exception as error:  # pypdf raises its own errors and Python's alike on a damaged file
        raise UnreadableNotice(f"无法读取 PDF 文件 (unreadable PDF): {type(error).__name__}") from None
    return _text_or_refuse("\n".join(pages), kind="PDF")


def _page_content_size(page) -> int:
    """The page's decoded content (what extract_text() reads), refused past the per-page bound."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > MAX_PDF_PAGE_CONTENT_BYTES:
        raise UnreadableNotice(
            f"PDF 单页内容过多：{size / 1_048_576:.1f} MB，上限 {MAX_PDF_PAGE_CONTENT_BYTES // 1_048_576} MB "
            "(PDF page content too large)"
        )
    return size


def _text_or_refuse(text: str, *, kind: str) -> str:
    if not text.strip():
        hint = "，可能是扫描件，请先做文字识别 (scanned: no text layer)" if kind == "PDF" else " (no text)"
        raise UnreadableNotice(f"{kind} 文件中没有可读的文字{hint}")
    return text


def _check_unpacked_size(data: bytes) -> None:
    # The sizes the zip declares are what python-docx reads: a member holding more fails its CRC check.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            xml = sum(
                info.file_size for info in archive.infolist() if info.filename.lower().endswith((".xml", ".rels"))
            )
    except zipfile.BadZipFile:
        raise UnreadableNotice("不是有效的 Word (.docx) 文件 (not a .docx file)") from None
    if unpacked > max(len(data), 1) * _MAX_UNPACK_RATIO:
        raise UnreadableNotice("Word 文件解压后过大 (.docx unpacks too large)")
    if xml > MAX_DOCX_XML_BYTES:
        raise UnreadableNotice(
            f"Word 文件的 XML 解压后 {xml / 1_048_576:.1f} MB，上限 {MAX_DOCX_XML_BYTES // 1_048_576} MB "
            "(.docx XML too large)"
        )
