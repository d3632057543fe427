"""Metadata of a notice: title, covering notice title, 文号, issuer, place and dates.

Written for the genre rather than for one site: notices come as full documents (header, covering
notice, signature, then the instrument), as web pages with a metadata table (`文号 | … | 成文日期 | …`),
as database exports with a crawler header (`发文机关:… 发文字号:…`), or as cut-off excerpts that begin
in the middle of the preamble. Each field is taken from the most reliable place it can be found and
is left empty rather than guessed. Place names go through the gazetteer (gazetteer.py).
"""

from __future__ import annotations

import re
from datetime import date

from .docnumber import find_doc_number
from .gazetteer import Place, locate
from .scanning import starting_with
from .types import NoticeMetadata

HEAD_LINES = 40  # header, covering notice and its signature fit well inside this
TAIL_LINES = 12
LINE_MAX = 5000

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "o": 0,
    "О": 0,
    "Ｏ": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_CN = "〇○零OoО一二三四五六七八九十"
_DATE = re.compile(
    # U+FFFD: the 年/月 that a misdecoded page lost (2015�4�24日).
    rf"(?P<y>(?:19|20)\d{{2}})\s*[年\ufffd]\s*(?P<m>\d{{1,2}})\s*[月\ufffd]\s*(?P<d>\d{{1,2}})\s*[日\ufffd]"
    rf"|(?P<cy>[二一][{_CN}]{{3}})\s*年\s*(?P<cm>[{_CN}]{{1,2}})\s*月\s*(?P<cd>[{_CN}]{{1,3}})\s*日"
    r"|(?P<iy>(?:19|20)\d{2})\s*[-./]\s*(?P<im>\d{1,2})\s*[-./]\s*(?P<id>\d{1,2})(?!\d)"
)
_DATE_LINE = re.compile(rf"^[(\[]?\s*(?:{_DATE.pattern})\s*[)\]]?$")
# Labels end in a colon, a table bar, a closing 】 or just a space: 【发布日期】2015-04-24, 发布时间 2015-04-24.
_PUBLISHED = re.compile(r"(?:发布|公布|发表|公开|生成)(?:时间|日期)\s*(?:[:|】]|\s)\s*")
_WRITTEN = re.compile(r"(?:成文|印发|发文)(?:时间|日期)\s*(?:[:|】]|\s)\s*")


# Titles.
_INSTRUMENT_END = (
    r"(?:意见|方案|计划|办法|规划|细则|措施|要点|决定|规定|纲要|条例|指南|通知|通告|公告|政策|意见书|规则|"
    r"实施方案|行动计划|工作方案|分解表|任务书|安排|标准|制度|若干政策|若干措施|清单|目录|通报|批复|报告|行动|工程|指引|导则)"
)
_TITLE_LINE = re.compile(rf"^.{{2,120}}{_INSTRUMENT_END}(?:\s*[(][^()]{{1,24}}[)])*$")
_TRANSMIT = re.compile(r"(?:印发|转发|下达|批转|颁布|发布)")
_NOTICE_TITLE = re.compile(
    rf"^(?P<title>[^。]{{0,60}}?(?:关于[^。]{{0,30}}?)?{_TRANSMIT.pattern}[^。]{{2,200}}的(?:通知|决定|通报))(?:\s*[(][^()]*[)])?(?:\s*[(\[]?\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}[)\]]?)?$"
)
_QUOTED = re.compile(r"《([^《》\n]{2,150})》")
_TRANSMIT_SENTENCE = re.compile(
    r"《(?P<name>[^《》\n]{2,150})》(?P<more>(?:(?:[、和及]|以及)?《[^《》\n]{2,150}》)*)[^。\n]{0,80}?"
    r"(?:(?:印发|转发|下达|颁布|发布)给?(?:你们|各|全)|现予以?(?:印发|转发|公布|发布|颁布))"
)
_LABELS = starting_with(
    r"【(\s标名题",
    r"【[^】]{1,10}】|[(][^()]{0,6}(?:意见稿|送审稿|审议稿|报批稿|讨论稿|代拟稿|草案|草稿|初稿|征求意见)[)]|^\s*(?:标\s*题|名\s*称|题\s*名)\s*[:|]\s*",
)
# A saved page's <title>: 关于……的通知_平顶山市人民政府门户网站
_SITE_SUFFIX = starting_with(r"\s_|", r"\s*(?:[_|]|\s-\s)\s*[^_|\s]{2,30}(?:网|网站|政府|门户|平台|政务公开)$")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")

# Issuers: a short line ending in the name of a body.
_BODY_END = (
    r"(?:人民政府|政府|办公厅|办公室|委员会|委|厅|局|部|院|署|中心|领导小组|小组|管委会|管理委员会|人大常委会|"
    r"党委|市委|县委|省委|区委|总局|集团|协会|银行|分行|支行|办)"
)
_BODY_LINE = re.compile(rf"^[\u4e00-\u9fff()]{{2,40}}{_BODY_END}$")
_HEADER_BODY = re.compile(rf"^(?P<body>[\u4e00-\u9fff()]{{2,40}}{_BODY_END})(?:文件|文 件|函|令)$")
_NOTICE_ISSUER = re.compile(
    rf"^(?!为|根据|按照)(?P<body>[\u4e00-\u9fff()、“” ]{{2,120}}?{_BODY_END})\s*(?:关于|印发|转发)"
)
_META_ISSUER = re.compile(r"(?:发文机关|发布机构|发文单位|发布单位|来源机关)\s*(?::|\|)\s*(?P<body>[^|\s]{2,40})")
_ABBREVIATED_OFFICE = {
    "府办": "人民政府办公室",
    "政府办": "人民政府办公室",
    "政府办公室": "人民政府办公室",
    "政府": "人民政府",
    "府": "人民政府",
}


def extract_metadata(text: str) -> NoticeMetadata:
    """Metadata of a cleaned notice.

    >>> m = extract_metadata("文号 | 平政办〔2015〕26号 |\\n各县(市、区)人民政府:\\n"
    ...                      "《2015年平顶山市加快产业集聚区建设专项工作方案》已经市政府同意,现转发给你们。\\n"
    ...                      "2015年4月24日\\n2015年平顶山市加快产业集聚区建设专项工作方案")
    >>> (m.title, m.doc_number, m.city, m.issue_date)
    ('2015年平顶山市加快产业集聚区建设专项工作方案', '平政办〔2015〕26号', '平顶山市', datetime.date(2015, 4, 24))
    """
    lines = text.split("\n")
    # Metadata lines are short; a body run onto one line is read no further than its opening.
    head, tail = [line[:LINE_MAX] for line in lines[:HEAD_LINES]], [line[-LINE_MAX:] for line in lines[-TAIL_LINES:]]
    labelled = meta_field(head[:10], ("标题", "名称", "文件名称", "题名", "信息名称"))
    title_head = ([labelled] if labelled else []) + _flat_titles(head) + head
    notice_title = find_notice_title(title_head)
    title = mend_garbled(find_title(title_head, notice_title), title_head)
    doc_number = find_doc_number(head, tail)
    signers, signed_on = find_signature(lines)
    issuer = "、".join(signers) or find_named_issuer(head, notice_title or title)
    place = locate(text, head, [issuer, notice_title, title], doc_number.split("〔")[0] if doc_number else "")
    if issuer is None:
        issuer = infer_office(head, doc_number, place)
    elif place.city or place.county or place.province:
        issuer = _expand_abbreviation(issuer, place)
    published = _labelled_date(head + tail, _PUBLISHED)
    issued = signed_on or _labelled_date(head + tail, _WRITTEN) or published or _printed_on(tail)
    return NoticeMetadata(
        title=title,
        notice_title=notice_title,
        doc_number=doc_number,
        issuer=issuer,
        province=place.province,
        city=place.city,
        county=place.county,
        issue_date=issued,
        publication_date=published,
    )


# ---------------------------------------------------------------- dates


def parse_date(text: str) -> date | None:
    """The first date in a phrase, Arabic or Chinese numerals.

    >>> parse_date("二○一○年五月六日"), parse_date("发布时间: 2013.08.15")
    (datetime.date(2010, 5, 6), datetime.date(2013, 8, 15))
    """
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found:
            return found
    return None


def _date_of(match: re.Match) -> date | None:
    if match["y"]:
        parts = (int(match["y"]), int(match["m"]), int(match["d"]))
    elif match["iy"]:
        parts = (int(match["iy"]), int(match["im"]), int(match["id"]))
    else:
        parts = (
            int("".join(str(_CN_DIGITS[c]) for c in match["cy"])),
            _cn_number(match["cm"]),
            _cn_number(match["cd"]),
        )
    try:
        return date(*parts)
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    # 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23, and 一○ style digit strings.
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _labelled_date(lines: list[str], label: re.Pattern) -> date | None:
    for line in lines:
        found = label.search(line)
        if found:
            value = parse_date(line[found.end() : found.end() + 30])
            if value:
                return value
    return None


def _printed_on(tail: list[str]) -> date | None:
    # The 版记 at the foot: `平顶山市人民政府办公室 2015年4月24日印发`, when nothing better is printed.
    for line in reversed(tail):
        match = re.search(rf"(?:{_DATE.pattern})\s*印发$", line)
        if match:
            return parse_date(match.group(0))
    return None


# ---------------------------------------------------------------- titles


def _unspace(text: str) -> str:
    # Spaces inside a title are letter-spacing (关 于 印 发) or a slip, except between joint issuers
    # (成都市发展和改革委员会 成都市规划和自然资源局 关于印发……), which stay apart.
    parts = text.split(" ")
    if len(parts) > 2 and all(_BODY_LINE.match(part) for part in parts[:-1] if part):
        return text
    return _SPACE_IN_CJK.sub("", text)


def _tidy_title(text: str) -> str:
    text = _SITE_SUFFIX.sub("", _LABELS.sub("", _unspace(text))).strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    elif text.count("《") != text.count("》"):  # a quote cut at one end: 关于……的若干措施》
        text = text.strip("《》")
    return text.strip(" :")


def find_notice_title(head: list[str]) -> str | None:
    """The covering notice's title (关于印发……的通知), when the page carries it.

    >>> find_notice_title(["关于印发《衢州市特色产业发展综合配套改革试点总体方案》的通知"])
    '关于印发《衢州市特色产业发展综合配套改革试点总体方案》的通知'
    """
    for index, line in enumerate(head):
        line = _tidy_title(line)
        if "。" in line or len(line) > 220:
            continue
        # Titles wrap over two or three lines: 国务院办公厅关于推广第二批 / 支持创新相关改革举措的通知
        candidates = [line]
        # (not a metadata line with more fields after the title: 名称: …的通知 文号: …)
        if "关于" in line and not line.endswith(("通知", "决定", "通报")) and ":" not in line:
            following = [_tidy_title(more) for more in head[index + 1 : index + 3]]
            candidates += [line + "".join(following[:n]) for n in (1, 2) if len(following) >= n]
        for candidate in candidates:
            match = _NOTICE_TITLE.match(candidate)
            if match and "《" not in candidate[:2]:
                return match["title"]
    return None


def meta_field(lines: list[str], labels: tuple[str, ...]) -> str | None:
    """The value after a label in a metadata table line (`标题 | 关于…的通知 |`) or `标题:` line.

    >>> meta_field(["索引号 | 0001/2015 | 标 题 | 关于印发方案的通知 |"], ("标题",))
    '关于印发方案的通知'
    """
    for line in lines:
        if "|" in line:
            cells = [_SPACE_IN_CJK.sub("", c).strip(" :") for c in line.split("|")]
            for label, value in zip(cells, cells[1:], strict=False):
                if label in labels and value:
                    return value
        else:
            match = re.match(rf"^\s*(?:{'|'.join(labels)})\s*:\s*(.+)$", line)
            if match:  # 名称: 泾县人民政府关于…的通知 文号: 泾政〔2023〕1号: the value ends at the next label
                return _SPACE_IN_CJK.sub("", _NEXT_LABEL.split(match.group(1))[0]).strip()
    return None


_NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fff][\u4e00-\u9fff ]{0,6}\s*[:：]")
_FLAT_TITLE = re.compile(
    rf"(?:^|\s)(?P<title>[^\s。,:;>|]{{0,40}}?关于[^\s。,:;|]{{2,120}}?{_INSTRUMENT_END}(?:\([^()]{{1,24}}\))*)(?=\s|$)"
)


def _flat_titles(head: list[str]) -> list[str]:
    # A page flattened to one long line still opens with its title between spaces: 详细内容 关于……的意见 发布时间:…
    if not head or len(head[0]) <= 300:
        return []
    match = _FLAT_TITLE.search(head[0][:500])
    return [match["title"]] if match else []


def find_title(head: list[str], notice_title: str | None) -> str | None:
    """The instrument's own name: the transmitted 方案/意见 when there is one, else the notice's title.

    >>> find_title(["关于大力培育发展产业集群的意见", "发布时间:2008-09-24"], None)
    '关于大力培育发展产业集群的意见'
    """
    # Several instruments transmitted at once (印发《A》《B》的通知): the first is the title.
    quoted = _QUOTED.findall(notice_title) if notice_title else []
    if quoted:
        return _as_headed(_instrument_name(quoted[0]), head, notice_title)
    for line in head:
        sentence = _TRANSMIT_SENTENCE.search(line)
        if sentence:
            return _as_headed(_instrument_name(sentence["name"]), head, notice_title)
    named = re.search(rf"{_TRANSMIT.pattern}(?P<name>.{{2,200}})的(?:通知|决定|通报)$", notice_title or "")
    attached = _attachment_names(head)
    if named and len(attached) == 1:  # 关于下达……的通知 with 附件:2015年重点项目计划表
        return attached[0]
    if named:
        return _as_headed(_tidy_title(named["name"]), head, notice_title)
    if notice_title:
        return notice_title
    return _first_title_line(head)


_NESTED_QUOTES = str.maketrans("〈<>〉", "《《》》")


def _instrument_name(quoted: str) -> str:
    """《〈政府工作报告〉重点工作任务分工方案》 names 《政府工作报告》重点工作任务分工方案:
    inner quotes are 《》 too."""
    return _tidy_title(quoted.translate(_NESTED_QUOTES))


def _as_headed(name: str, head: list[str], notice_title: str | None) -> str:
    """The instrument's name as its own heading writes it, where the body carries one: the covering sentence's
    《九江市支持大南昌都市圈发展的行动方案》 is headed 九江市支持大南昌都市圈发展行动方案; 下达2011年政府工作任务
    transmits the table headed 苏州市2011年政府工作任务分解表.

    >>> _as_headed("2011年政府工作任务", ["关于下达2011年政府工作任务的通知", "苏州市2011年政府工作任务分解表"], None)
    '苏州市2011年政府工作任务分解表'
    """
    bare = re.sub(r"[的之\s]", "", name)
    for line in head:
        line = _tidy_title(line)
        if not line or line == notice_title or line == name:
            continue
        # Whether it names the instrument first: few lines do, and only those need reading as a title line.
        if re.sub(r"[的之\s]", "", line) == bare or bare in line and len(line) <= len(name) + 12:
            if not _NOTICE_TITLE.match(line) and _is_title_line(line):
                return line
    return name


_ATTACHMENT = re.compile(
    rf"^附\s*件\s*\d*\s*[::]?\s*(?:\d+[.、])?\s*(?P<name>[^:。;]{{4,120}}?(?:{_INSTRUMENT_END}|表))$"
)


def _attachment_names(head: list[str]) -> list[str]:
    return [_tidy_title(m["name"]) for line in head if (m := _ATTACHMENT.match(line.strip()))]


_GARBLED = frozenset("?\ufffd—")


def mend_garbled(title: str | None, head: list[str]) -> str | None:
    """Fill a title's lost characters (? or U+FFFD, ?? cleaned to ——) from another copy of it in the head:
    a notice names its instrument in the covering sentence and again as the heading.

    >>> mend_garbled("2015年平顶山市加快产业集聚区建设专项——方案",
    ...              ["《2015年平顶山市加快产业集聚区建设专?工作方案》已经同意"])
    '2015年平顶山市加快产业集聚区建设专项工作方案'
    """
    if not title or not _GARBLED.intersection(title):
        return title
    chars = list(title)
    copies = [_tidy_title(line) for line in head] + [q for line in head for q in _QUOTED.findall(line)]
    for other in copies:
        if (
            len(other) == len(chars)
            and other != title
            and all(a == b or a in _GARBLED or b in _GARBLED for a, b in zip(chars, other, strict=False))
        ):
            chars = [b if a in _GARBLED and b not in _GARBLED else a for a, b in zip(chars, other, strict=False)]
    return "".join(chars)


def _first_title_line(head: list[str]) -> str | None:
    for index, line in enumerate(head[:15]):
        line = _tidy_title(line)
        if _is_title_line(line) and line.startswith("关于"):
            issuers = _issuers_above(head, index)
            if issuers:  # 中共杭州市委 杭州市人民政府 / 关于加快建设“未来工厂”的若干意见: one title on two lines
                return f"{issuers}{line}"
        if _is_title_line(line):
            # The line may end a title wrapped from the line above: 移动智能终端应用软件预置 / 和分发管理暂行规定
            above = _tidy_title(head[index - 1]) if index else ""
            return above + line if _is_title_fragment(above) else line
        if "关于" in line and index + 1 < len(head):  # a title wrapped over two lines
            joined = line + _tidy_title(head[index + 1])
            if _is_title_line(joined) and not re.search(r"[。;,:|]", line):
                return joined
    for line in head[:3]:  # an excerpt's first line, when it reads as a 关于…… heading
        if "关于" in line and 8 <= len(line) <= 80 and _is_title_fragment(line):
            return _tidy_title(line)
    return None


def _issuers_above(head: list[str], index: int) -> str | None:
    above = next((line.strip() for line in reversed(head[max(0, index - 3) : index]) if line.strip()), "")
    names = above.split()
    return above if names and all(_BODY_LINE.match(name) for name in names) else None


def _is_title_fragment(line: str) -> bool:
    if not 4 <= len(line) <= 40 or _BODY_LINE.match(line) or line.endswith(("文件", "网站", "网")):
        return False
    if re.search(r"[。;:|,、〔\[]|[a-zA-Z]{4}|\d+月\d+日|^(?:为|根据|按照|第[一二三四五六七八九十\d]+[章节条])", line):
        return False
    return not re.match(r"^(?:[一二三四五六七八九十]+、|\(|\d+[.、]|附件|各)", line)


def _is_title_line(line: str) -> bool:
    if (
        line.count("《") != line.count("》")
        or not _TITLE_LINE.match(line)
        or re.search(r"[。;,:|]", line)
        or re.search(r"[A-Za-z]{4}", line)
    ):
        return False
    return not re.match(r"^(?:[一二三四五六七八九十]+、|\(|\d+[.、]|附件|根据|为|各)", line)


# ---------------------------------------------------------------- issuer


def find_signature(lines: list[str]) -> tuple[list[str], date | None]:
    """Signing bodies and date of the first signature block (落款): body lines above a date line, or a
    body and its date on one line.

    >>> find_signature(["中共衢州市委办公室", "衢州市人民政府办公室", "2010年12月28日"])
    (['中共衢州市委办公室', '衢州市人民政府办公室'], datetime.date(2010, 12, 28))
    >>> find_signature(["平顶山市人民政府办公室 2015年4月24日"])
    (['平顶山市人民政府办公室'], datetime.date(2015, 4, 24))
    """
    page_date = None
    for index, line in enumerate(lines):
        line = _TRAILING_NOTE.sub("", line.strip())
        if len(line) > 60 or not _DATE.search(line):
            continue
        if _DATE_LINE.match(line):
            signed, bodies = parse_date(line), _bodies_above(lines, index)
            if signed and index < 4 and not bodies and not any("。" in above for above in lines[:index]):
                page_date = page_date or signed  # a page's own date under its title, before any sentence
                continue
            if signed:  # the first date standing alone closes the first signature block
                return bodies, signed
        elif not line.startswith("("):  # (市发改委2015年4月15日) notes who drafted the attached plan
            signed, bodies = _signed_on_one_line(line)
            if signed:
                return bodies, signed
    return _signed_inline(lines) if page_date is None else ([], page_date)


def _signed_inline(lines: list[str]) -> tuple[list[str], date | None]:
    # A page flattened to one long line: `……请认真贯彻执行。山东省人民政府办公厅2015年1月23日关于……`.
    for line in lines[:HEAD_LINES]:
        if len(line) <= 60:
            continue
        for match in _INLINE_SIGNATURE.finditer(line[:6000]):
            names = _body_names(match["bodies"]) if match["bodies"] else []
            signed = parse_date(match.group(0)[len(match["bodies"] or "") :])
            if signed and (names or match["alone"]):
                return names, signed
    return [], None


# …执行。山东省人民政府办公厅2015年1月23日…, or a date standing between spaces where a line once ended.
_INLINE_SIGNATURE = re.compile(
    rf"(?<=[。!])\s*(?:(?P<bodies>[\u4e00-\u9fff()]{{2,40}}?{_BODY_END}(?:\s+[\u4e00-\u9fff()]{{2,40}}?{_BODY_END}){{0,3}})\s*"
    rf"|(?P<alone>\s))(?:{_DATE.pattern})(?(alone)(?=\s))"
)
_TRAILING_NOTE = re.compile(r"\s*\((?:此件|此页|联系人|此文)[^()]{0,30}\)$")


def _signed_on_one_line(line: str) -> tuple[date | None, list[str]]:
    match = _DATE.search(line)
    names = _body_names(line[: match.start()]) if match and not line[match.end() :].strip(" )") else []
    return (_date_of(match), names) if names else (None, [])


def _body_names(line: str) -> list[str]:
    # Joint signers share a line separated by spaces; one name may be letter-spaced (济 南 市 公 安 局).
    line = line.strip(" ()")
    names = [part for part in re.split(r"[ 、]+", line) if part]
    if names and all(_BODY_LINE.match(name) for name in names):
        return names
    joined = _SPACE_IN_CJK.sub("", line)
    return [joined] if _BODY_LINE.match(joined) else []


def _bodies_above(lines: list[str], index: int) -> list[str]:
    bodies: list[str] = []
    for line in reversed(lines[max(0, index - 4) : index]):
        if "此件" in line or "盖章" in line or "印章" in line:
            continue
        names = _body_names(line)
        if not names:
            break
        bodies[:0] = names
    return bodies


def find_named_issuer(head: list[str], title: str | None) -> str | None:
    """The issuer named in a title (X关于……), a 文件 header or metadata, when nothing is signed.

    >>> find_named_issuer(["中共衢州市委办公室文件"], None)
    '中共衢州市委办公室'
    """
    for named in (title, head[0] if head else None):
        match = _NOTICE_ISSUER.match(_tidy_title(named)) if named else None
        if match:
            return "、".join(match["body"].split())
    for line in head[:12]:
        header = _HEADER_BODY.match(_SPACE_IN_CJK.sub("", line))
        if header:
            return header["body"]
    for line in head:
        meta = _META_ISSUER.search(line)
        if meta and _BODY_LINE.match(meta["body"]) or meta and meta["body"] in ("市府办", "县府办", "区府办"):
            return meta["body"]
    return None


def _expand_abbreviation(issuer: str, place: Place) -> str:
    """Bodies written without their place get it back: 市府办 on a 丽水 page is 丽水市人民政府办公室.

    >>> _expand_abbreviation("市委办公室、市政府办公室", Place("浙江省", "温州市", "乐清市"))
    '乐清市委办公室、乐清市人民政府办公室'
    """
    county_city = place.county if place.county and place.county.endswith("市") else None
    names = {"市": county_city or place.city, "县": place.county, "区": place.county, "省": place.province}
    parts = []
    for part in issuer.split("、"):
        name = names.get(part[:1])
        if name and name.endswith(part[:1]):
            rest = part[1:]
            part = name + _ABBREVIATED_OFFICE.get(rest, rest)
        parts.append(part)
    return "、".join(parts)


def infer_office(head: list[str], doc_number: str | None, place: Place) -> str | None:
    """An unsigned covering notice 经市政府同意 under a 政办 文号 comes from the government's office.

    >>> infer_office(["……已经市政府同意,现转发给你们"], "平政办〔2015〕26号", Place("河南省", "平顶山市", None))
    '平顶山市人民政府办公室'
    """
    if not doc_number or not re.search(r"(?:政办|府办)", doc_number.split("〔")[0]):
        return None
    consent = next((m for line in head for m in [re.search(r"经(市|县|区|省)(?:人民)?政府同意", line)] if m), None)
    if consent is None:
        return None
    level = consent.group(1)
    county_city = place.county if place.county and place.county.endswith("市") else None
    name = {"省": place.province, "县": place.county, "区": place.county}.get(level, county_city or place.city)
    if not name:
        return None
    return name + ("人民政府办公厅" if level == "省" else "人民政府办公室")
