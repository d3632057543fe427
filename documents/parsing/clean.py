"""Cleaning: the text every other parsing step reads.

Real notices arrive with web-page chrome (发布时间/来源/浏览次数, 上一页 下一页, 分享到, 【字体:), HTML
left-overs from Word pages, `?` where a dash was lost in a bad encoding round-trip, full-width
forms, pinyin injected after each character by reading aids, and traditional characters. Cleaning
removes that noise but keeps the line structure: outline parsing reads lines, and metadata reads the
`文号 | … | 索引号 | …` table lines and the `发布时间:` line, so those survive.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

from zhconv import zhconv

from .scanning import starting_with

# Whole lines that are only navigation or page furniture. Anchored, with bounded tails, so a body
# sentence that merely mentions 来源 or 打印 is never dropped.
_CHROME_LINE = re.compile(
    r"^(?:"
    r"(?:上一页|下一页|首页|尾页|打印|关闭|打印本页|关闭窗口|返回顶部|网站地图|收藏|朗读|【打印】|【关闭】"
    r"|【打印本页】|【关闭窗口】|【打印此页】|\[打印\]|\[关闭\]|分享到:?|字号:?|【?字体:?[大中小\s]*】?)"
    r"(?:[\s|/]*(?:上一页|下一页|首页|尾页|打印|关闭|打印本页|关闭窗口|【打印】|【关闭】|【打印本页】|【关闭窗口】"
    r"|分享到:?|朗读|收藏|【?字体:?[大中小\s]*】?))*"
    r"|(?:今天是|您(?:现在)?(?:所在)?的?位置|当前位置|所在位置)\s*:.{0,200}"
    r"|[•·]?\s*(?:无障碍|长辈版|关怀版|适老化|简体版|繁体版|繁體版|简|繁|English|登录|注册|手机版|微信|微博|网站支持IPv6)"
    r"(?:\s*[|/•·]?\s*(?:无障碍|长辈版|关怀版|适老化|简体版|繁体版|繁體版|简|繁|English|登录|注册|手机版|微信|微博))*"
    r"|(?:上一篇|下一篇)\s*:?.{0,200}"
    r"|分享到\s*:.{0,100}"
    r"|扫一扫.{0,60}"
    r"|【法宝引证码】.{0,80}"
    r"|原文链接\s*:\s*\S{0,300}"
    r"|(?:来源|链接|网址|URL)\s*:\s*https?://\S{0,300}"
    r"|浏览次数\s*:?\s*\d*"
    r")$"
)
# Fragments of chrome that share a line with something worth keeping (the 发布时间 date).
_CHROME_INLINE = re.compile(
    r"【\s*字体\s*:[^】\n]{0,20}】?|字体\s*:\s*\[?\s*大\s*\]?\s*\[?\s*中\s*\]?\s*\[?\s*小\s*\]?"
    r"|浏览次数\s*:\s*\d*|访问量\s*:\s*\d*|点击数\s*:\s*\d*|【\s*(?:打印|关闭|收藏)[^】\n]{0,6}】"
)
# On a 发布时间 line, the 来源/作者 that follows is the web editor, not the issuer: drop it.
_PUBLISH_LINE_SOURCE = re.compile(
    r"(发布(?:时间|日期)\s*:[^\n]{0,40}?)\s+(?:信息)?(?:来源|作者|发布者)\s*:[^\n]{0,60}$"
)
# Word-to-HTML residue, with or without its opening `<` (pages often lose it: `P class=MsoNormal …>`).
_HTML_TAG = re.compile(
    r"<\s*/?\s*[A-Za-z][\w:]{0,10}(?:\s+[\w:-]{1,30}(?:\s*=\s*(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'|[^\s>]{1,100}))?){0,20}\s*/?\s*>"
    r"|\b/?(?:[Pp]|SPAN|span|FONT|font|DIV|div|TD|td|o:p)(?:\s+[\w:-]{1,30}\s*=\s*(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'|[^\s>]{1,100})){1,20}\s*>"
)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# `?` that stood for a 文号's brackets: 平政办?2015?26号 → 平政办〔2015〕26号 (certain: nothing else has that shape).
_QUESTION_DOC_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\?((?:19|20)\d{2})\?(\d{1,4}号)")
# `?` that stood for a dash: between two years or numbers (2010?2020年), or `??` for ——.
_QUESTION_DASH = re.compile(r"(?<=\d)\?(?=\d)")
_QUESTION_DOUBLE = re.compile(r"\?{2}")
# Reading aids inject pinyin after each character: 關(guān)于. Only groups carrying a tone mark go,
# so (一), (试行) and (Ltd) survive.
_PINYIN = starting_with(
    "(", r"(?<=[\u4e00-\u9fff])(?:\(\s*(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\s*\))+"
)
_PINYIN_TONELESS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-z]{1,6}\)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Normalise a notice's text for matching, keeping its lines.

    >>> clean_text("關(guān)於印發方案的通知\\n發布時間: 2013.08.15   來源:超級管理員\\n2010?2020年\\n上一页 下一页")
    '关于印发方案的通知\\n发布时间: 2013.08.15\\n2010—2020年'
    """
    text = _normalize(repair_mojibake(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    if "&" in text:
        text = _normalize(_ENTITY.sub(lambda m: html.unescape(m.group()), text))
    if ">" in text:
        text = _HTML_TAG.sub("", text)
    if "(" in text:
        text, injected = _PINYIN.subn("", text)
        if injected >= 3:  # a page with injected pinyin also carries toneless syllables: 的(de)
            text = _PINYIN_TONELESS.sub("", text)
    text = to_simplified(text)
    if "?" in text:
        text = _QUESTION_DOC_NUMBER.sub(r"〔\1〕\2", text)
        text = _QUESTION_DASH.sub("—", text)
        text = _QUESTION_DOUBLE.sub("——", text)
    lines = (_clean_line(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# NFKC would turn the item marker ① into a bare 1 and glue it to the figure after it (①2015年 → 12015年).
_CIRCLED = re.compile(r"([\u2460-\u2473])")


def _normalize(text: str) -> str:
    if not _CIRCLED.search(text):
        return nfkc(text)
    parts = _CIRCLED.split(text)  # odd positions are the markers, kept as they are
    return "".join(part if i % 2 else nfkc(part) for i, part in enumerate(parts))


# The characters of a Chinese notice that NFKC changes, nearly always: full-width forms (，（）：；％ …), the
# ideographic and other spaces, the ellipsis. Each is replaced by its own NFKC in one regex pass; the text is
# then usually NFKC already, which unicodedata sees at once, where normalising it walked every character.
# The result is NFKC's: a character's NFKC decomposes to what the character itself decomposes to.
_COMMON_COMPATIBLE = {
    chr(code): unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0xFF01, 0xFF5F), 0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x2026)
}
_COMMON_COMPATIBLE_RE = re.compile("[" + "".join(map(re.escape, _COMMON_COMPATIBLE)) + "]")


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster on a Chinese notice.

    >>> nfkc("到２０２５年，产值（亿元）") == unicodedata.normalize("NFKC", "到２０２５年，产值（亿元）")
    True
    """
    return unicodedata.normalize("NFKC", _COMMON_COMPATIBLE_RE.sub(lambda m: _COMMON_COMPATIBLE[m.group()], text))


def _clean_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    if not line or len(line) <= 300 and _CHROME_LINE.match(line):
        return ""
    if len(line) <= 300:
        line = _CHROME_INLINE.sub("", line)
        line = _PUBLISH_LINE_SOURCE.sub(r"\1", line).strip()
    return line


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")
# Characters that are rare in notices but fill UTF-8 text misread as GBK (关于 → 鍏充簬, ， → 锛).
_GBK_MOJIBAKE = re.compile(r"[鍏簬鍗彂銆锛鐨閫氱煡甯傚姘斂搴骞鏈鏃浜鍦涓鎴鏂鍚鍙缁戝鑰绛]")


def repair_mojibake(text: str) -> str:
    """Undo a wrong decoding done before the file reached us: GBK or UTF-8 bytes read as Latin-1 (a web
    scrape without a charset), or UTF-8 read as GBK. Text that reads fine is returned unchanged.

    >>> repair_mojibake("¹ØÓÚÓ¡·¢²úÒµ¼¯¾ÛÇø½¨Éè·½°¸µÄÍ¨Öª")
    '关于印发产业集聚区建设方案的通知'
    """
    sample = text[:5000]
    if not sample.strip():
        return text
    latin = len(_LATIN1_HIGH.findall(sample))
    # Only with plenty of evidence: a few stray accented letters are not a misdecoded page.
    if latin >= 20 and latin > len(sample) * 0.2 and len(_CJK.findall(sample)) < len(sample) * 0.05:
        for encoding in ("utf-8", "gb18030"):
            try:
                return text.encode("latin-1").decode(encoding)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return text
    markers = len(_GBK_MOJIBAKE.findall(sample))
    if markers >= 10 and markers > len(_CJK.findall(sample)) * 0.15:
        # Bytes the misreading lost come back as U+FFFD: dropped, so they cost one character, not four.
        repaired = text.replace("\ufffd", "").encode("gb18030", errors="replace").decode("utf-8", errors="replace")
        if len(_GBK_MOJIBAKE.findall(repaired[:5000])) < len(_GBK_MOJIBAKE.findall(sample)) / 3:
            return repaired
    return text


@cache
def _traditional() -> tuple[re.Pattern, frozenset[str], object]:
    # zhconv's MediaWiki tables convert by longest phrase (乾坤 stays, 乾燥 → 干燥); we only pay for
    # a conversion when a character that is traditional-only appears at all. Those of the basic plane are one
    # character class, a bitmap the regex engine tests in C; the few beyond it are a set, read only for a text
    # that holds such characters at all (as a class they would be a list tried at every character).
    table = zhconv.getdict("zh-cn")
    trad_only = {k for k, v in table.items() if len(k) == 1 and k != v and k not in "「」『』"}
    basic = "".join(sorted(c for c in trad_only if ord(c) <= 0xFFFF))
    return re.compile(f"[{re.escape(basic)}]"), frozenset(c for c in trad_only if ord(c) > 0xFFFF), zhconv.convert


_BEYOND_BASIC_PLANE = re.compile("[\U00010000-\U0010ffff]")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified, leaving simplified text untouched.

    >>> to_simplified("關於加快產業集聚區建設")
    '关于加快产业集聚区建设'
    """
    basic, beyond, convert = _traditional()
    if not basic.search(text) and (not _BEYOND_BASIC_PLANE.search(text) or beyond.isdisjoint(text)):
        return text
    return convert(text, "zh-cn")


# What NFKC folds to ASCII one for one: the cleaned text carries the ASCII form (what matching reads),
# the page shows the form the notice had.
_WIDE = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？", "%": "％"}
_FOLDED = {**{wide: ascii for ascii, wide in _WIDE.items()}, **{ascii: ascii for ascii in _WIDE}}
_LOOKAHEAD = 8  # raw marks tried for the one followed by the same character


def punctuation_as_received(text: str, raw: str) -> str:
    """`text` (cleaned from `raw`) with each punctuation mark NFKC folded put back as `raw` has it: the
    marks of each kind are paired in reading order, preferring the raw mark followed by the same
    character (cleaning drops lines whose marks the pairing skips). Same length as `text`, so offsets
    into it hold. Linear in both texts.

    >>> raw = "发布时间：2015-04-24\\n各县(市、区)人民政府，市政府各部门:\\n增长10％。"
    >>> punctuation_as_received(clean_text(raw), raw)
    '发布时间：2015-04-24\\n各县(市、区)人民政府，市政府各部门:\\n增长10％。'
    """
    if not any(mark in raw for mark in _WIDE.values()):
        return text
    marks: dict[str, list[int]] = {}
    for at, char in enumerate(raw):
        if char in _FOLDED:
            marks.setdefault(_FOLDED[char], []).append(at)
    shown, last = list(text), -1
    taken = dict.fromkeys(marks, 0)  # per kind, how many raw marks are paired or passed
    for at, char in enumerate(text):
        if char not in _WIDE or char not in marks:
            continue
        positions, first = marks[char], taken[char]
        while first < len(positions) and positions[first] <= last:
            first += 1
        if first == len(positions):
            continue
        after = _next_visible(text, at + 1)
        chosen = next(
            (
                n
                for n in range(first, min(first + _LOOKAHEAD, len(positions)))
                if _next_visible(raw, positions[n] + 1) == after
            ),
            first,
        )
        last, taken[char] = positions[chosen], chosen + 1
        shown[at] = raw[last]
    return "".join(shown)


def _next_visible(text: str, at: int) -> str:
    while at < len(text) and text[at] in " \t\u3000\xa0\r\n":
        at += 1
    return unicodedata.normalize("NFKC", text[at]) if at < len(text) else ""
