"""文号, a notice's document number: found where the notice states its own, normalised to 〔〕.

A page states it in a metadata field (`文号 | 平政办〔2015〕26号 |`, `发文字号:国发〔2019〕5号`), on a line of
its own under the header, or in the title line; brackets come in every style ([] () 【】 ﹝﹞, or `?` after a
bad conversion), and a damaged one (`常发〔20074`) is repaired only when the repair is certain. Numbers the
notice cites (根据……(浙委〔2009〕95号)) are never its own. Pure Python.
"""

from __future__ import annotations

import re

# 文号: issuer prefix, year in any bracket style, serial. `常发〔20074` lost its closing bracket.
_OPEN, _CLOSE = r"[〔\[(【﹝<{\ufffd]", r"[〕\])】﹞>}\ufffd]"
_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}}?)\s*{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}\s*(?P<serial>第?\s*\d{{1,5}})\s*(?:号|\ufffd|(?=\s*(?:$|\||\))))"
)
_DOC_NUMBER_DAMAGED = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}}?)\s*{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})(?P<serial>\d{{1,4}})(?![\d〕\])】号])"
)
# What both patterns hold after their prefix: a text without it holds no 文号, and is passed over without trying
# their lazy prefix at every character.
_BRACKETED_YEAR = re.compile(rf"{_OPEN}\s*(?:19|20)\d{{2}}")
_UNREPAIRABLE = re.compile(rf"[\u4e00-\u9fff]{{0,7}}[发办函字文政府委秘电]{_OPEN}(?:19|20)\d{{2}}{_CLOSE}?\d{{0,4}}号?")
_DOC_LABEL = re.compile(r"(?:发文字号|文\s*号|发文号)\s*(?:[:|】]|\s)\s*")
_CITING = re.compile(
    r"(?:(?:根据|按照|依据|依照|贯彻|落实|执行|参照|参见|详见|印发的)[^。;\n]{0,200}|《[^》\n]{0,120}》\s*\(?\s*)$"
)
_CITED_AFTER = re.compile(
    r"\)?(?:文件|文|精神|要求|规定|等|和|及|、|有关|明确|提出|中|的)"
)  # 国发〔2015〕28号文件明确……
_PREFIX_BOUNDARY = re.compile(r"印发|转发|通知|文件|签发|参见|详见|的|和|及|号|为|是")
_NOT_PREFIX = re.compile(r"^(?:文号|发文字号|字号|发文号|号)")


def normalise_doc_number(prefix: str, year: str, serial: str) -> str:
    """A 文号 in its standard form.

    >>> normalise_doc_number("平政办", "2015", "26")
    '平政办〔2015〕26号'
    """
    return f"{prefix}〔{year}〕{serial.replace(' ', '')}号"


def find_doc_number(head: list[str], tail: list[str] | None = None) -> str | None:
    """This notice's own 文号: from a metadata field, a line of its own, or the header; never one it cites.

    >>> find_doc_number(["文号 | 平政办[2015]26号 | 索引号 | 005452065/2015-00034 |"])
    '平政办〔2015〕26号'
    >>> find_doc_number(["根据《通知》(平办〔2014〕14号)规定"]) is None
    True
    """
    for line in head:
        label = _DOC_LABEL.search(line)
        if label:
            found = _doc_number_in(line[label.end() : label.end() + 40], anchored=True)
            if found:
                return found
    for line in head + (tail or []):
        stripped = line.strip(" ()")
        if len(stripped) <= 30:
            found = _doc_number_in(stripped, anchored=True) or _as_found(stripped)
            if found:
                return found
    for line in head[:8]:
        found = _doc_number_in(line, anchored=False)
        if found:
            return found
    return None


def _as_found(line: str) -> str | None:
    # A line that is plainly a 文号 but too damaged to repair with certainty (常发〔2007) is given as found.
    return line if _UNREPAIRABLE.fullmatch(line) else None


def _doc_number_in(text: str, *, anchored: bool) -> str | None:
    if not _BRACKETED_YEAR.search(text):
        return None
    for pattern in (_DOC_NUMBER, _DOC_NUMBER_DAMAGED):
        for match in pattern.finditer(text):
            # The leftmost match may start early: 印发平政办〔2015〕 → 平政办.
            prefix = _PREFIX_BOUNDARY.split(_NOT_PREFIX.sub("", match["prefix"]))[-1]
            before = text[: match.end("prefix") - len(prefix)]
            if not prefix or (anchored and before.strip(" (|:【")) or _CITED_AFTER.match(text, match.end()):
                continue
            if not anchored and (_CITING.search(before) or before.count("《") > before.count("》")):
                continue  # cited: after 根据……, right after a 《title》, or inside one
            return normalise_doc_number(prefix, match["year"], match["serial"])
    return None
