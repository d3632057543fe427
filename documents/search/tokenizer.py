"""The tokeniser: the one place jieba is imported. jieba cuts queries into words for the reader (the search
page's segmentation line) and cuts a query typed without spaces into the words it was meant as.

rjieba (jieba-rs) carries jieba's own dictionary and is far faster; python_jieba() is jieba itself, the
reference the tests hold rjieba to. Both load the project's policy terms from data/userdict.txt.
"""

from __future__ import annotations

from pathlib import Path

import jieba
import rjieba

USER_DICT = Path(__file__).resolve().parent.parent / "data" / "userdict.txt"

jieba.setLogLevel(60)


def _user_words() -> list[tuple[str, int | None, str | None]]:
    """The policy terms of data/userdict.txt, in jieba's format: word [freq] [tag] per line."""
    words = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not parts[0].startswith("#"):
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            words.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return words


def _segmenter() -> rjieba.Jieba:
    """rjieba with the user dictionary, loaded once."""
    segmenter = rjieba.Jieba()
    for word, freq, tag in _user_words():
        segmenter.add_word(word, freq, tag)
    return segmenter


_SEGMENTER = _segmenter()


def python_jieba() -> jieba.Tokenizer:
    """jieba itself with the same user dictionary: the reference rjieba is tested against."""
    tokenizer = jieba.Tokenizer()
    for word, freq, tag in _user_words():
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def tokenize(text: str) -> list[str]:
    """jieba's words of a text, spaces left out; the user dictionary keeps policy terms whole.

    >>> tokenize("加快产业集聚区建设，提高亩均税收")
    ['加快', '产业集聚区', '建设', '，', '提高', '亩均税收']
    """
    return [token for token in _SEGMENTER.cut(text) if token.strip()]
