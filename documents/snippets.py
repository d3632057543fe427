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
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    text: str
    is_match: bool


@dataclass(frozen=True)
class Snippet:
    pieces: tuple[Piece, ...]
    cut_before: bool  # the text goes on before the snippet (the template shows …)
    cut_after: bool

    @property
    def has_match(self) -> bool:
        return any(piece.is_match for piece in self.pieces)


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


def snippet(text: str, words, *, width: int = WIDTH) -> Snippet:
    """About `width` characters of `text` around the first match of any of `words`, matches marked.

    The window starts a little before the first match (a quarter of the width) so that the match has
    some context, and runs of whitespace (line breaks, the indents of a notice) become one space —
    spaces the text had, never ones put between words. Without a match it is the text's beginning.

    >>> s = snippet("一、总体要求\\n到2025年，全市规模以上工业增加值达到1000亿元。", ["1000亿元"], width=20)
    >>> "".join(f"[{p.text}]" if p.is_match else p.text for p in s.pieces), s.cut_before, s.cut_after
    ('全市规模以上工业增加值达到[1000亿元]。', True, False)
    """
    flat = WHITESPACE.sub(" ", text).strip()
    pattern = _pattern(words)
    first = pattern.search(flat) if pattern else None
    start = max(0, first.start() - width // 4) if first else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))  # near the end of the text, use the whole width before it
    if first and first.end() > end:  # a match longer than the window is shown whole
        end = first.end()
    return Snippet(pieces=highlight(flat[start:end], words), cut_before=start > 0, cut_after=end < len(flat))
