"""Reading a notice file's bytes into text: encoding detection and HTML to text. Pure, no Django.

Government sites serve UTF-8 and GB18030/GBK alike, and many pages arrive as HTML; the parser
wants plain text either way. Anything we cannot read raises UnreadableNotice with a reason a person
can act on.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

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
    if b"\x00" in data[:8192]:
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
    except UnicodeDecodeError as utf8_error:
        try:
            # GB18030 is a superset of GBK and GB2312: one decoder covers all three.
            return data.decode("gb18030")
        except UnicodeDecodeError:
            # A mostly-UTF-8 file with a few broken bytes (a cut-off page) keeps its text.
            if utf8_error.start > len(data) * 0.9:
                return data.decode("utf-8", errors="replace")
            raise UnreadableNotice("无法识别的文本编码 (neither UTF-8 nor GB18030/GBK)") from None


def _looks_like_html(text: str, filename: str) -> bool:
    if filename.lower().endswith(HTML_SUFFIXES):
        return True
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / max(len(sample), 1)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "title", "dd", "dt",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select", "button"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line; scripts, styles and navigation dropped.

    >>> html_to_text("<html><script>x()</script><p>一、总体要求</p><p>(一)指导思想</p></html>")
    '一、总体要求\\n(一)指导思想'
    """
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
