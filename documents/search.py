"""Full-text search: the one place jieba is imported. (First cut; the search issue builds the backends.)"""
from __future__ import annotations

import jieba

jieba.setLogLevel(60)


def tokenize(text: str) -> list[str]:
    """Split Chinese text into search tokens.

    >>> tokenize("加快产业集聚区建设")[:2]
    ['加快', '产业']
    """
    return [token for token in jieba.cut_for_search(text) if token.strip()]


def index_document(document) -> None:
    """Bring the search index up to date for one saved document (the search issue fills this in)."""
