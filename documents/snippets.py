"""Highlighted snippets for search results, cut from a notice's original text (pure Python, no Django).

The search index holds jieba's tokens joined by spaces; showing that text would put spaces between the
words of a Chinese sentence. So snippets are cut from the clean text as received, around the first
places the query's words occur there, and returned as segments (text, is_match): the template wraps a
match in <mark> and escapes everything — no HTML is built here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDTH = 120  # characters of text around the first match: about two lines of a result on a wide screen
# How much of a text a snippet reads: its first matches are what it shows, so a word first met further on
# is not worth reading a 10 MB notice for (every match of 产 in it took seconds per result page).
SCANNED = 50_000
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    text: str
    is_match: bool


@dataclass(frozen=True)
class Fragment:
    pieces: tuple[Piece, ...]
    cut_before: bool  # the text goes on before the fragment (the template shows …)
    cut_after: bool


@dataclass(frozen=True)
class Snippet:
    fragments: tuple[Fragment, ...]  # in text order, apart from one another

    @property
    def has_match(self) -> bool:
        return any(piece.is_match for fragment in self.fragments for piece in fragment.pieces)

    @property
    def text(self) -> str:
        return " … ".join("".join(piece.text for piece in fragment.pieces) for fragment in self.fragments)


def _pattern(words) -> re.Pattern | None:
    # Longest first, so that 产业集聚区 is marked whole rather than as 产业 with the rest plain.
    terms = sorted({w for w in words if w and w.strip()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)), re.IGNORECASE) if terms else None


def highlight(text: str, words) -> tuple[Piece, ...]:
    """Cut `text` into pieces, each occurrence of one of `words` a match (letters matched in any case).

    >>> [(p.text, p.is_match) for p in highlight("加快产业集聚区建设，壮大产业", ["产业", "产业集聚区"])]
    [('加快', False), ('产业集聚区', True), ('建设，壮大', False), ('产业', True)]
    """
    pattern = _pattern(words)
    if pattern is None:
        return (Piece(text, False),) if text else ()
    pieces, at = [], 0
    for found in pattern.finditer(text):
        if found.start() > at:
            pieces.append(Piece(text[at : found.start()], False))
        pieces.append(Piece(found.group(), True))
        at = found.end()
    if at < len(text):
        pieces.append(Piece(text[at:], False))
    return tuple(pieces)


def snippet(text: str, words, *, width: int = WIDTH, fragments: int = 2) -> Snippet:
    """About `width` characters of `text` around the first matches of `words`, matches marked.

    One window around the first match when it also holds the first match of every other word; else up
    to `fragments` narrower windows, each around the first match of a word not shown yet. A window
    starts a little before its match (a quarter of its width) for context. Runs of whitespace (line
    breaks, a notice's indents) become one space — spaces the text had, never ones put between words.
    Without a match the snippet is the text's beginning.

    >>> s = snippet("一、总体要求\\n到2025年，全市规模以上工业增加值达到1000亿元。", ["1000亿元"], width=20)
    >>> [("".join(f"[{p.text}]" if p.is_match else p.text for p in f.pieces), f.cut_before, f.cut_after)
    ...  for f in s.fragments]
    [('全市规模以上工业增加值达到[1000亿元]。', True, False)]
    >>> snippet("专精特新企业培育。" + "。" * 40 + "亩均税收改革。", ["亩均税收", "专精特新"], width=20).text
    '专精特新企业培育。。 … 。。。亩均税收改革。'
    """
    more = len(text) > SCANNED  # the text goes on past what is read
    flat = WHITESPACE.sub(" ", text[:SCANNED]).strip()
    pattern = _pattern(words)
    wanted = len({word.casefold() for word in words if word and word.strip()})
    spots = _first_matches(flat, pattern, wanted) if pattern else []
    if not spots:
        return Snippet((Fragment(highlight(flat[:width], ()), False, more or width < len(flat)),) if flat else ())
    windows = [_window(len(flat), *spots[0], width)]
    if not all(_covers(windows, spot) for spot in spots):
        windows = []
        for spot in spots:
            if len(windows) < fragments and not _covers(windows, spot):
                windows.append(_window(len(flat), *spot, width // min(fragments, len(spots))))
    return Snippet(
        tuple(Fragment(highlight(flat[a:b], words), a > 0, more or b < len(flat)) for a, b in _merged(windows))
    )


def _first_matches(text: str, pattern: re.Pattern, words: int) -> list[tuple[int, int]]:
    """(start, end) of the first match of each different word, in text order; stops once every word of
    the pattern has been met, so a word in every line costs no more than its first match."""
    firsts: dict[str, tuple[int, int]] = {}
    for found in pattern.finditer(text):
        firsts.setdefault(found.group().casefold(), (found.start(), found.end()))
        if len(firsts) >= words:
            break
    return sorted(firsts.values())


def _window(length: int, start: int, end: int, width: int) -> tuple[int, int]:
    left = max(0, start - width // 4)
    right = min(length, left + width)
    left = max(0, min(left, right - width))  # near the end of the text, use the whole width before it
    return left, max(right, end)  # a match longer than the window is shown whole


def _covers(windows, spot) -> bool:
    return any(left <= spot[0] and spot[1] <= right for left, right in windows)


def _merged(windows) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for left, right in sorted(windows):
        if merged and left <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged
