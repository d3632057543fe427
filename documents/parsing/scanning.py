"""Patterns the parser runs over whole passages, compiled so that the regex engine skips at once the positions
where no match can start.

A pattern that opens with optional words, alternatives or look-behinds (到2025年底前, 由市发改局牵头) is tried
in full at every position of the text: most of a notice's parse went to such scans. Behind a look-ahead for the
characters a match can start with, the engine rejects every other position in one step.
"""

from __future__ import annotations

import re

# (first characters, pattern) of each pattern compiled here: tests/parsing/test_scanning.py checks that each
# finds exactly what the same pattern finds without its look-ahead.
COMPILED: list[tuple[str, str, int]] = []


def starting_with(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled behind a look-ahead for `first`, a character-class body holding every character a
    match of it can start with.

    >>> starting_with("到12", r"(?P<lead>到)?(?:19|20)\\d{2}年").findall("到2025年、2030年")
    ['到', '']
    """
    COMPILED.append((first, pattern, flags))
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)
