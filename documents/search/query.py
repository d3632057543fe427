"""The query language: how a search query is read into a ParsedQuery, and the bounds it must keep.

Words (all must match), "exact phrases", -exclusions, A OR B, and 文号 in any bracket style; a query typed as
one run of Chinese (unspaced_runs) may be read as its jieba words. Pure functions: no Django, no jieba.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.search.folding import FOLD_PUNCTUATION, fold

_QUOTES = str.maketrans({"“": '"', "”": '"', "＂": '"', "「": '"', "」": '"'})
# 平政办〔2015〕26号, 平政办[2015]26号, 平政办（2015）26号, 平政办【2015】26号 … all read as 平政办〔2015〕26号.
_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,15})\s*[〔\[(（【［﹝〖]\s*((?:19|20)\d\d)\s*[〕\])）】］﹞〗]\s*第?\s*(\d{1,5})\s*号"
)
_DOC_NUMBER_BRACKETS = ("〔〕", "[]", "()", "【】", "﹝﹞", "〖〗")
_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')

# What one query may hold. Each word is a phrase of bigrams (SQLite) or an AND of lexemes and a recheck of
# the text (PostgreSQL), and each one a probe column: 1,900 words took a minute, 3,500 characters passed
# PostgreSQL's 1,664 columns. Real queries stay far below (the longest in the dev set: 6 words).
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20  # words, "phrases", -exclusions and OR alternatives, all counted
MAX_QUERY_ALTERNATIVES = 12  # words joined by OR, all groups together
QUERY_LIMITS = (
    f"最多 {MAX_QUERY_WORDS} 个词（其中 OR 备选词最多 {MAX_QUERY_ALTERNATIVES} 个）、{MAX_QUERY_CHARS} 个字符"
)


class QueryTooLarge(ValueError):
    """A query past the bounds above; its message says which bound, for the user."""


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[str, ...] = ()  # words and "phrases": every one must match
    any_of: tuple[tuple[str, ...], ...] = ()  # groups joined by OR: one of each group must match
    excluded: tuple[str, ...] = ()  # -word, -"phrase"
    segmentation: tuple[str, ...] = field(default=())  # how the words were cut, shown to the user
    doc_numbers: tuple[str, ...] = ()  # 文号 found in the query, normalised to 〔〕

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.any_of or self.doc_numbers)

    @property
    def positive_terms(self) -> tuple[str, ...]:
        """Every word that can make a notice match (for ranking and highlighting)."""
        return self.required + tuple(term for group in self.any_of for term in group) + self.doc_numbers


def normalize_doc_number(text: str) -> str | None:
    """A 文号 in any bracket style, in the form Document.doc_number keeps.

    >>> normalize_doc_number("平政办[2015] 26号"), normalize_doc_number("产业集聚区")
    ('平政办〔2015〕26号', None)
    """
    found = _DOC_NUMBER.search(text)
    return f"{found[1]}〔{found[2]}〕{found[3]}号" if found else None


def doc_number_forms(doc_number: str) -> list[str]:
    """The ways a normalised 文号 may be written in a notice's text.

    >>> doc_number_forms("平政办〔2015〕26号")[:2]
    ['平政办〔2015〕26号', '平政办[2015]26号']
    """
    found = _DOC_NUMBER.fullmatch(doc_number)
    return [f"{found[1]}{a}{found[2]}{b}{found[3]}号" for a, b in _DOC_NUMBER_BRACKETS]


def query_problem(query: str) -> str | None:
    """Why a query is refused (past a bound above), or None; counted before any work on its words.

    >>> query_problem("产业 " * 21)
    '检索词过多：最多 20 个词（其中 OR 备选词最多 12 个）、200 个字符；此检索式有 21 个词。'
    >>> query_problem("产业集聚区 丽水 OR 衢州") is None
    True
    """
    query = query or ""
    if len(query) > MAX_QUERY_CHARS:
        return f"检索式过长：{QUERY_LIMITS}；此检索式有 {len(query)} 个字符。"
    items = [item for item in _ITEM.findall(query.translate(_QUOTES)) if item[2] not in ("OR", "|")]
    if len(items) > MAX_QUERY_WORDS:
        return f"检索词过多：{QUERY_LIMITS}；此检索式有 {len(items)} 个词。"
    alternatives = _alternatives(query)
    if alternatives > MAX_QUERY_ALTERNATIVES:
        return f"OR 备选词过多：{QUERY_LIMITS}；此检索式有 {alternatives} 个备选词。"
    return None


def _alternatives(query: str) -> int:
    """How many words stand in OR groups (A OR B OR C: 3)."""
    tokens = query.translate(_QUOTES).split()
    joined = [i for i, token in enumerate(tokens) if token in ("OR", "|") and 0 < i < len(tokens) - 1]
    members = {i - 1 for i in joined} | {i + 1 for i in joined}
    return len(members)


def read_query(query: str) -> ParsedQuery:
    """Words (all must match), "exact phrase", -exclusion, A OR B, and 文号 in any bracket style.
    A query past the bounds (query_problem) raises QueryTooLarge, so no caller can run one.

    >>> read_query('平顶山 "产业 集聚区" -煤炭 工业 OR 制造 平政办[2015]26号')
    ParsedQuery(required=('平顶山', '产业 集聚区'), any_of=(('工业', '制造'),), excluded=('煤炭',), \
segmentation=(), doc_numbers=('平政办〔2015〕26号',))
    """
    problem = query_problem(query)
    if problem:
        raise QueryTooLarge(problem)
    text = (query or "").translate(_QUOTES)
    doc_numbers = []
    while (found := _DOC_NUMBER.search(text)) is not None:
        doc_numbers.append(normalize_doc_number(found[0]))
        text = text[: found.start()] + " " + text[found.end() :]
    groups, excluded, joining = [], [], False
    for minus, phrase, word in _ITEM.findall(text):
        if word == "OR" or word == "|":
            joining = bool(groups)
            continue
        term = phrase if phrase or minus else word
        if not phrase and word.startswith("-") and len(word) > 1:
            minus, term = "-", word[1:]
        if not fold(term).strip("－"):  # a lone "-" or "--" is punctuation of the query, not a word
            continue
        if minus:
            excluded.append(term)
        elif joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = False
    return ParsedQuery(
        required=tuple(group[0] for group in groups if len(group) == 1),
        any_of=tuple(tuple(group) for group in groups if len(group) > 1),
        excluded=tuple(excluded),
        doc_numbers=tuple(dict.fromkeys(doc_numbers)),
    )


def positive_groups(parsed: ParsedQuery) -> list[list[str]]:
    """Every alternative list that must match: a required word is a group of one; a 文号 its written forms."""
    groups = [[term] for term in parsed.required] + [list(group) for group in parsed.any_of]
    groups += [doc_number_forms(number) for number in parsed.doc_numbers]
    return groups


# ---- queries typed without spaces ---------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBER = re.compile(r"\d+")
# A number and the character after it are one word for a reader (2017年, 3个, 10%): jieba cuts them apart.
_NUMBER_UNITS = set("年月日号期届批项个条家亿万元%％")
# Function characters a run may hold that say nothing about a notice (加强…的意见): not searched for.
_FUNCTION_WORDS = {"的", "之", "和", "与", "及", "或", "等", "对", "在", "了"}
MIN_RUN = 4  # a shorter run is a word as typed (平顶山, 集聚区): never cut


def unspaced_runs(query: str) -> list[str]:
    """The words of a query typed as one run of Chinese characters (four or more, no quotes, not excluded,
    not an OR alternative, not a 文号): the words a reader may have meant as several.

    >>> unspaced_runs('2017年政府工作报告 "无废城市建设" -煤炭工业基地 平顶山')
    ['2017年政府工作报告']
    """
    text = (query or "").translate(_QUOTES)
    text = _DOC_NUMBER.sub(" ", text)
    items = _ITEM.findall(text)
    runs = []
    for index, (minus, phrase, word) in enumerate(items):
        near_or = any(0 <= i < len(items) and items[i][2] in ("OR", "|") for i in (index - 1, index + 1))
        if minus or phrase or not word or word.startswith("-") or near_or:
            continue
        if len(fold(word)) >= MIN_RUN and _CJK.search(word) and word not in runs:
            runs.append(word)
    return runs


def words_of_run(tokens: list[str]) -> list[str]:
    """A run's jieba tokens as the words to search for: a number joined to its unit, function characters
    and punctuation dropped.

    >>> words_of_run(['2017', '年', '政府工作报告']), words_of_run(['加强', '的', '意见'])
    (['2017年', '政府工作报告'], ['加强', '意见'])
    """
    words = []
    for token in tokens:
        if words and token in _NUMBER_UNITS and _NUMBER.fullmatch(words[-1]):
            words[-1] += token
        elif token not in _FUNCTION_WORDS and fold(token).strip(FOLD_PUNCTUATION):
            words.append(token)
    return list(dict.fromkeys(words))


def respelled_query(query: str, replacements: dict[str, list[str]]) -> str:
    """The query with each run replaced by its words (which a later read takes as separate words).

    >>> respelled_query('2017年政府工作报告 -国务院', {'2017年政府工作报告': ['2017年', '政府工作报告']})
    '2017年 政府工作报告 -国务院'
    """
    text = (query or "").translate(_QUOTES)

    def replace(found):
        return " ".join(replacements[found[3]]) if found[3] in replacements else found[0]

    return re.sub(r'(-?)"([^"]*)"?|(?<!\S)(\S+)', lambda m: replace((m[0], m[1], m[2], m[3])), text).strip()
