"""How a search query is read, and the index terms both sides share: pure functions, no Django, no jieba.

Both indexes read a notice's text folded (fold(): every non-space character, NFKC, lower case), so a word
matches the notices whose text contains it as a substring, whatever jieba would cut around it (平顶山
inside 平顶山市, 集聚区 inside 产业集聚区, 5% inside 2.5%):

- SQLite (FTS5) holds the character bigrams in order, with positions. A query word becomes the phrase of
  its bigrams: exact. A one-character word is a bigram prefix (FTS5's prefix index makes that one
  doclist); every text ends in END so that its last character has a bigram too.
- PostgreSQL holds positionless pieces (ngram_lexemes): a word of up to three characters is one lexeme,
  a longer one the AND of its pieces, answered by the GIN index without reading any tsvector.

documents/search.py chooses the database dialect; the expressions for both are built here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

END = "\ue000"  # a private-use character after the last one: its bigram lets a last character be found
# ASCII punctuation becomes its full-width twin so that FTS5's ascii tokenizer and PostgreSQL's tsquery
# syntax see only token characters; spaces and controls are dropped (a word matches across a line break).
_WIDENED = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_DROPPED = [chr(c) for c in range(0x21)] + ["\x7f", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028", "\u2029"]
_FOLD = str.maketrans({character: None for character in _DROPPED} | _WIDENED)
# The same as PostgreSQL's translate(text, from, to): the characters of `from` past the end of `to` go.
# NUL cannot be in a PostgreSQL text, so it is left out there.
FOLD_TRANSLATE = ("".join(_WIDENED) + "".join(_DROPPED[1:]), "".join(_WIDENED.values()))
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


def fold(text: str) -> str:
    """The characters the index sees: NFKC, lower case, no spaces, ASCII punctuation widened.

    >>> fold("到2025年 产值达到1000亿元,增长5%")
    '到2025年产值达到1000亿元，增长5％'
    """
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD)


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


LONG_GRAMS = (4, 5)  # also indexed where a window holds an ASCII letter or digit (see ngram_lexemes)
TSVECTOR_BYTES = 1_000_000  # PostgreSQL refuses a tsvector whose lexemes take more than 1 MB


_ASCII_ALNUM = re.compile(r"[0-9a-z]+")  # folded text is lower case, its full-width digits ASCII


def _long_windows(folded: str, length: int):
    """The `length`-character windows of a folded text that hold an ASCII letter or digit."""
    starts = set()
    for run in _ASCII_ALNUM.finditer(folded):
        starts.update(range(max(0, run.start() - length + 1), min(run.end(), len(folded) - length + 1)))
    return (folded[start : start + length] for start in starts)


def ngram_lexemes(text: str) -> set[str]:
    """The PostgreSQL index terms of a text, positionless: every 1-, 2- and 3-character piece of it, and
    the 4- and 5-character pieces that hold an ASCII letter or digit.

    Exact pieces, not positions, are what keep a common word cheap: a phrase query over positions must
    read each candidate's tsvector out of TOAST (34 µs a notice, seconds for a word in most notices),
    while a word of up to three characters is one lexeme here and a longer one the AND of its
    three-character pieces, answered by the GIN index alone. Digits and Latin letters come from small
    alphabets, so their short pieces say little (000 and 00亿 are in most notices that hold any sum):
    their longer pieces are kept too, which makes 1000亿元 exact in practice instead of 3.8× over.

    >>> sorted(ngram_lexemes("集聚区"))
    ['区', '聚', '聚区', '集', '集聚', '集聚区']
    """
    folded = fold(text)
    lexemes = set(folded)
    lexemes.update(map(str.__add__, folded, folded[1:]))
    lexemes.update(map("".join, zip(folded, folded[1:], folded[2:], strict=False)))
    for length in LONG_GRAMS:
        lexemes.update(_long_windows(folded, length))
    return lexemes


def term_lexemes(term: str) -> list[str]:
    """The lexemes a notice must hold to contain `term`: the word itself up to three characters, else its
    three-character pieces and (where they hold an ASCII letter or digit) its 4- and 5-character pieces.
    Each is a piece of the word, so every notice containing the word holds them all (recall is exact);
    the bench measures how rarely a notice holds them all apart.

    >>> term_lexemes("产业集聚区"), term_lexemes("市")
    (['业集聚', '产业集', '集聚区'], ['市'])
    """
    folded = fold(term)
    if len(folded) <= 3:
        return [folded] if folded else []
    lexemes = {folded[start : start + 3] for start in range(len(folded) - 2)}
    for length in LONG_GRAMS:
        lexemes.update(_long_windows(folded, length))
    return sorted(lexemes)


def tsquery_term(term: str) -> str:
    """One word as a PostgreSQL tsquery: the AND of its lexemes.

    >>> tsquery_term("集聚区"), tsquery_term("产业集聚区")
    ("'集聚区'", "'业集聚' & '产业集' & '集聚区'")
    """
    return " & ".join(f"'{lexeme}'" for lexeme in term_lexemes(term))


def tsquery_expression(parsed: ParsedQuery, *, positive_only: bool = False) -> str:
    """The tsquery text of a query (lexemes never hold a quote or backslash: fold() widens them).

    >>> tsquery_expression(read_query("平顶山 -煤炭"))
    "(('平顶山')) & !(('煤炭'))"
    """

    def either(terms):
        return "(" + " | ".join(f"({tsquery_term(term)})" for term in terms) + ")"

    parts = [either(group) for group in positive_groups(parsed)]
    if parsed.excluded and not positive_only:
        parts.append("!" + either(parsed.excluded))
    return " & ".join(parts)


def tsvector_literal(text: str, *, max_bytes: int = TSVECTOR_BYTES) -> str:
    """A PostgreSQL tsvector of a text's n-gram lexemes (ngram_lexemes), without positions.

    A tsvector holds at most 1 MB of lexemes, reached only by a notice of ~100,000 characters or more:
    such a notice is indexed from its start (title, 文号, opening) until the tsvector is full, every piece
    of each position in turn, so a word there is found whole; a word only past that point is not.

    >>> sorted(tsvector_literal("产业").split())
    ["'业'", "'产'", "'产业'"]
    """
    lexemes = ngram_lexemes(text)
    if sum(len(lexeme.encode()) + 4 for lexeme in lexemes) > max_bytes:
        lexemes = _leading_lexemes(fold(text), max_bytes)
    return "'" + "' '".join(lexemes) + "'" if lexemes else ""  # PostgreSQL sorts them itself


def _leading_lexemes(folded: str, max_bytes: int) -> set[str]:
    """The pieces ngram_lexemes would give, taken position by position from the start while they fit."""
    kept, total = set(), 0
    for start in range(len(folded)):
        for length in (1, 2, 3, *LONG_GRAMS):
            piece = folded[start : start + length]
            if len(piece) < length:
                break
            if piece in kept or (length > 3 and not _ASCII_ALNUM.search(piece)):
                continue
            total += len(piece.encode()) + 4
            if total > max_bytes:
                return kept
            kept.add(piece)
    return kept


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


FOLD_PUNCTUATION = "".join(_WIDENED.values()) + "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·"


def respelled_query(query: str, replacements: dict[str, list[str]]) -> str:
    """The query with each run replaced by its words (which a later read takes as separate words).

    >>> respelled_query('2017年政府工作报告 -国务院', {'2017年政府工作报告': ['2017年', '政府工作报告']})
    '2017年 政府工作报告 -国务院'
    """
    text = (query or "").translate(_QUOTES)

    def replace(found):
        return " ".join(replacements[found[3]]) if found[3] in replacements else found[0]

    return re.sub(r'(-?)"([^"]*)"?|(?<!\S)(\S+)', lambda m: replace((m[0], m[1], m[2], m[3])), text).strip()
