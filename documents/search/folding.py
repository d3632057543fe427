"""What the index and the queries both read of a text: fold() and the characters it keeps.

Both indexes read a notice's text folded (every non-space character, NFKC, lower case), so a word matches the
notices whose text contains it as a substring, whatever jieba would cut around it (平顶山 inside 平顶山市,
集聚区 inside 产业集聚区, 5% inside 2.5%). docs/architecture.md, "The search index", has the whole picture.
"""

from __future__ import annotations

import unicodedata

END = "\ue000"  # a private-use character after the last one: its bigram lets a last character be found
# ASCII punctuation becomes its full-width twin so that FTS5's ascii tokenizer and PostgreSQL's tsquery
# syntax see only token characters; spaces and controls are dropped (a word matches across a line break).
_WIDENED = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_DROPPED = [chr(c) for c in range(0x21)] + ["\x7f", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028", "\u2029"]
_FOLD = str.maketrans({character: None for character in _DROPPED} | _WIDENED)
# The same as PostgreSQL's translate(text, from, to): the characters of `from` past the end of `to` go.
# NUL cannot be in a PostgreSQL text, so it is left out there.
FOLD_TRANSLATE = ("".join(_WIDENED) + "".join(_DROPPED[1:]), "".join(_WIDENED.values()))


def fold(text: str) -> str:
    """The characters the index sees: NFKC, lower case, no spaces, ASCII punctuation widened.

    >>> fold("到2025年 产值达到1000亿元,增长5%")
    '到2025年产值达到1000亿元，增长5％'
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD)


FOLD_PUNCTUATION = "".join(_WIDENED.values()) + "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·"
