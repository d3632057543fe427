"""Cleaning: page chrome, HTML left-overs, full-width forms. (First cut; the parser issue refines it.)"""
from __future__ import annotations

import unicodedata


def clean_text(text: str) -> str:
    """Normalise a notice's text for matching: NFKC, unified line breaks.

    >>> clean_text("２０１５年　产值")
    '2015年 产值'
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()
