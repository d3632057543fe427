"""What each database's index holds of a text, and the expression a query becomes there: pure functions.

- SQLite (FTS5) holds the character bigrams of the folded text in order, with positions. A query word becomes
  the phrase of its bigrams: exact. A one-character word is a bigram prefix (FTS5's prefix index makes that
  one doclist); every text ends in END so that its last character has a bigram too.
- PostgreSQL holds each text's distinct characters and bigrams as integer codes (text_codes), without
  positions: a word is the AND of its codes (term_codes), answered by a GIN index without reading any row;
  exact up to two characters, a candidate set for a longer word.
"""

from __future__ import annotations

from documents.search.folding import END, fold
from documents.search.query import ParsedQuery, positive_groups, read_query  # noqa: F401  (read_query: doctests)


def index_terms(text: str) -> list[str]:
    """The bigrams stored for a text, in order (the last one pairs the last character with END).

    >>> index_terms("集聚区")
    ['集聚', '聚区', '区\\ue000']
    """
    folded = fold(text)
    if not folded:
        return []
    folded += END
    return list(map(str.__add__, folded, folded[1:]))


def term_grams(term: str) -> list[str]:
    """The bigram chain a query word must match; one character stays alone (matched as a prefix).

    >>> term_grams("产业集聚区"), term_grams("市")
    (['产业', '业集', '集聚', '聚区'], ['市'])
    """
    folded = fold(term)
    if len(folded) < 2:
        return [folded] if folded else []
    return list(map(str.__add__, folded, folded[1:]))


def fts5_term(term: str) -> str:
    """One word as an FTS5 phrase of its bigrams.

    >>> fts5_term("集聚区"), fts5_term("5")
    ('"集聚 聚区"', '"5"*')
    """
    grams = term_grams(term)
    return f'"{grams[0]}"*' if len(grams[0]) == 1 else '"' + " ".join(grams) + '"'


def fts5_expression(parsed: ParsedQuery, *, positive_only: bool = False) -> str:
    """The FTS5 MATCH expression of a query.

    >>> fts5_expression(read_query("平顶山 -煤炭"))
    '("平顶 顶山") NOT ("煤炭")'
    """
    positive = " AND ".join("(" + " OR ".join(map(fts5_term, group)) + ")" for group in positive_groups(parsed))
    if positive_only or not parsed.excluded:
        return positive
    return f"{positive} NOT (" + " OR ".join(map(fts5_term, parsed.excluded)) + ")"


# ---- PostgreSQL: gram codes in an int4[] ----------------------------------------------------------------

_PRIVATE = range(0xE000, 0xF900)  # where characters outside the BMP are folded in (see _bmp)


def _bmp(code: int) -> int:
    """A character's 16-bit stand-in in a bigram code: itself in the BMP; one outside it shares a private-use
    code with others, which only adds candidates (the recheck removes them)."""
    return code if code < 0x10000 else 0xE000 + code % 0x1900


def _signed(code: int) -> int:
    return code - ((code >> 31) << 32)  # a bigram code as PostgreSQL's int4 holds it


def text_codes(text: str) -> list[int]:
    """The PostgreSQL index terms of a text, positionless: each character's code point, and each bigram's
    code (first character << 16 | second, as a signed int4), every distinct one once, sorted.

    fold() drops every character below U+0021, so a bigram code (≥ 0x21 << 16, or negative) never equals a
    character's (< 0x110000). Bigrams, not the longer pieces a word is made of, keep the array about the
    size of the text; a word of three or more characters is the AND of its bigrams, which can stand apart
    in a notice, so the backend checks such words against the folded text.

    >>> [hex(code & 0xFFFFFFFF) for code in text_codes("集聚区")]  # 聚区, 集聚, 区, 聚, 集
    ['0x805a533a', '0x96c6805a', '0x533a', '0x805a', '0x96c6']
    """
    folded = fold(text)
    marks = [_bmp(code) for code in map(ord, folded)]
    codes = set(map(ord, folded))
    codes.update(_signed(first << 16 | second) for first, second in zip(marks, marks[1:], strict=False))
    return sorted(codes)


def term_codes(term: str) -> list[int]:
    """The codes a notice must hold to contain `term`: its one character, else its bigrams. Each is a code
    of any text containing the word (recall is exact).

    >>> term_codes("市") == [ord("市")], len(term_codes("产业产业"))  # 产业 and 业产
    (True, 2)
    """
    folded = fold(term)
    if len(folded) == 1:
        return [ord(folded)]
    marks = [_bmp(code) for code in map(ord, folded)]
    return sorted({_signed(first << 16 | second) for first, second in zip(marks, marks[1:], strict=False)})


def exact_codes(term: str) -> bool:
    """Whether holding term_codes(term) is holding the word: one or two characters, none of which shares
    its code with another (private use and beyond the BMP do, see _bmp).

    >>> exact_codes("集聚"), exact_codes("5%"), exact_codes("集聚区")
    (True, True, False)
    """
    folded = fold(term)
    return len(folded) <= 2 and not any(ord(c) in _PRIVATE or ord(c) > 0xFFFF for c in folded)


def int4_array(codes: list[int]) -> str:
    """An int4[] literal of codes, for a parameter cast to int4[]."""
    return "{" + ",".join(map(str, codes)) + "}"
