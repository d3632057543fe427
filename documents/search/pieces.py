"""What each database's index holds of a text, and the expression a query becomes there: pure functions.

- SQLite (FTS5) holds the character bigrams of the folded text in order, with positions. A query word becomes
  the phrase of its bigrams: exact. A one-character word is a bigram prefix (FTS5's prefix index makes that
  one doclist); every text ends in END so that its last character has a bigram too.
- PostgreSQL's GIN index holds each text's distinct characters and bigrams (pg_grams), without positions,
  computed by the database from the folded text it stores: a word is the AND of its lexemes (tsquery_term),
  answered by the index without reading any row; exact for a word that is one of its lexemes (up to two
  characters, 2025年), a candidate set for a longer one.
"""

from __future__ import annotations

import re

from documents.search.folding import END, fold
from documents.search.query import ParsedQuery, positive_groups, read_query  # noqa: F401  (read_query: doctests)


def index_terms(text: str) -> list[str]:
    """The bigrams stored for a text, in order (the last one pairs the last character with END).

    >>> index_terms("集聚区")
    ['集聚', '聚区', '区\\ue000']
    """
    return folded_bigrams(fold(text))


def folded_bigrams(folded: str) -> list[str]:
    """index_terms() of a text already folded, for a caller that needs the folded text for more than this."""
    if not folded:
        return []
    folded += END
    return list(map(str.__add__, folded, folded[1:]))


def spaced_bigrams(folded: str) -> str:
    """ " ".join(folded_bigrams(folded)), built without a string per bigram: the SQLite index's body, written for
    every notice ingested, where the bigrams one by one cost four times as much.

    Each character is one 32-bit code in UTF-32, so the text's codes, the same codes one further on and spaces
    are laid side by side in one pass of three strided copies, and read back as text.

    >>> spaced_bigrams("集聚区")
    '集聚 聚区 区\ue000'
    """
    if not folded:
        return ""
    # surrogatepass: a lone surrogate (from a file's undecodable bytes) is a character here as anywhere else
    codes = memoryview((folded + END).encode("utf-32-le", "surrogatepass")).cast("I")
    count = len(codes) - 1
    spaced = memoryview(bytearray(12 * count)).cast("I")
    spaced[0::3] = codes[:-1]
    spaced[1::3] = codes[1:]
    spaced[2::3] = memoryview(_SPACE_CODE * count).cast("I")
    return spaced.tobytes()[:-4].decode("utf-32-le", "surrogatepass")  # without the last space


_SPACE_CODE = " ".encode("utf-32-le")


def term_grams(term: str) -> list[str]:
    """The bigram chain a query word must match; one character stays alone (matched as a prefix).

    >>> term_grams("产业集聚区"), term_grams("市")
    (['产业', '业集', '集聚', '聚区'], ['市'])
    """
    folded = fold(term)
    if len(folded) < 2:
        return [folded] if folded else []
    return list(map(str.__add__, folded, folded[1:]))


def is_character(term: str) -> bool:
    """Whether a word is one character once folded: SQLite finds it in the characters table, not the bigrams.

    >>> is_character("市"), is_character(" ５ "), is_character("产业")
    (True, True, False)
    """
    return len(fold(term)) == 1


def fts5_term(term: str) -> str:
    """One word as an FTS5 phrase of its bigrams; a one-character word as the prefix of its bigrams.

    >>> fts5_term("集聚区"), fts5_term("5")
    ('"集聚 聚区"', '"5"*')
    """
    grams = term_grams(term)
    return f'"{grams[0]}"*' if len(grams[0]) == 1 else '"' + " ".join(grams) + '"'


def fts5_expression(parsed: ParsedQuery, *, positive_only: bool = False) -> str:
    """The MATCH expression over the bigram table: every group holding a word of two or more characters (a
    one-character alternative in such a group is a bigram prefix), less the excluded longer words. Groups and
    exclusions of single characters are read from the characters table (characters_expression); '' when
    the bigram table has nothing to match.

    >>> fts5_expression(read_query("平顶山 -煤炭 -市 县"))
    '("平顶 顶山") NOT ("煤炭")'
    """
    groups = [group for group in positive_groups(parsed) if not all(map(is_character, group))]
    positive = " AND ".join("(" + " OR ".join(map(fts5_term, group)) + ")" for group in groups)
    excluded = [term for term in parsed.excluded if not is_character(term)]
    if positive_only or not excluded or not positive:
        return positive
    return f"{positive} NOT (" + " OR ".join(map(fts5_term, excluded)) + ")"


def characters_expression(parsed: ParsedQuery) -> str:
    """The MATCH expression over the characters table (each notice's distinct characters): the groups made
    only of one-character words; '' when there are none.

    >>> characters_expression(read_query("平顶山 市 县 OR 区"))
    '("市") AND ("县" OR "区")'
    """
    groups = [group for group in positive_groups(parsed) if all(map(is_character, group))]
    return " AND ".join("(" + " OR ".join(f'"{fold(term)}"' for term in group) + ")" for group in groups)


def excluded_expressions(parsed: ParsedQuery) -> tuple[str, str]:
    """The excluded words as (an expression over the bigram table, one over the characters table).

    >>> excluded_expressions(read_query("产业 -煤炭 -市"))
    ('"煤炭"', '"市"')
    """
    longer = [fts5_term(term) for term in parsed.excluded if not is_character(term)]
    single = [f'"{fold(term)}"' for term in parsed.excluded if is_character(term)]
    return " OR ".join(longer), " OR ".join(single)


# ---- PostgreSQL: characters and bigrams, read by the database itself -----------------------------------

# The GIN index reads this many folded characters of a notice (see pg_grams). A tsvector holds at most 1 MB of
# lexemes: a position adds at most 12 bytes of character and bigram, and runs' contexts at most 10 more (six
# lexemes of up to 8 bytes for each run of four or more, which with its neighbour spans five positions).
INDEXED_CHARACTERS = 45_000
TRUNCATED = "\ue000\ue000\ue000"  # the lexeme of a notice indexed in part: three characters, never a gram
CONTEXT = (2, 3, 4)  # lengths of a run's end and start taken with the character beside it
_RUN = re.compile(r"[0-9a-z]+")  # ASCII letters and digits: folded text is lower case, its digits ASCII


def pg_grams(folded: str) -> set[str]:
    """What PostgreSQL's function documents_search_grams (migration 0010) makes of a folded text: the lexemes
    of a positionless tsvector of its first INDEXED_CHARACTERS, and TRUNCATED when the text is longer.

    Each distinct character and bigram; and for each run of ASCII letters and digits, its last two to four
    characters with the character after it and its first two to four with the character before it. Digits
    come from a small alphabet, so their bigrams say little (0亿 and 00 are in most notices holding any sum):
    the contexts make 200亿元 ask for 200亿, not for 20, 00, 0亿 and 亿元 anywhere. The database computes
    the lexemes from the stored folded text, so no copy of them is stored beside it.

    >>> sorted(pg_grams("集聚区"))
    ['区', '聚', '聚区', '集', '集聚']
    >>> sorted(gram for gram in pg_grams("达1200亿元") if len(gram) > 2)
    ['00亿', '1200亿', '200亿', '达12', '达120', '达1200']
    """
    head = folded[:INDEXED_CHARACTERS]
    grams = set(head) | set(map(str.__add__, head, head[1:]))
    for run in _RUN.finditer(head):
        start, end = run.span()
        if end < len(head):
            grams.update(head[max(start, end - length) : end + 1] for length in CONTEXT)
        if start:
            grams.update(head[start - 1 : min(end, start + length)] for length in CONTEXT)
    return grams | {TRUNCATED} if len(folded) > INDEXED_CHARACTERS else grams


def term_lexemes(term: str) -> list[str]:
    """The lexemes a fully indexed notice must hold to contain `term`: its one character, else its bigrams
    and the contexts of its runs of ASCII letters and digits that the word bounds (a run at the word's start
    may go on to the left in the text, one at its end to the right: only the side the word closes counts).
    Each is a lexeme of any text containing the word (recall is exact).

    >>> term_lexemes("市"), term_lexemes("产业集聚区")
    (['市'], ['业集', '产业', '聚区', '集聚'])
    >>> term_lexemes("200亿元")
    ['00', '0亿', '20', '200亿', '亿元']
    """
    folded = fold(term)
    if len(folded) < 2:
        return [folded] if folded else []
    lexemes = set(map(str.__add__, folded, folded[1:]))
    for run in _RUN.finditer(folded):
        start, end = run.span()
        length = min(end - start, CONTEXT[-1])
        if length >= CONTEXT[0] and end < len(folded):
            lexemes.add(folded[end - length : end + 1])
        if length >= CONTEXT[0] and start:
            lexemes.add(folded[start - 1 : start + length])
    return sorted(lexemes)


def exact_lexemes(term: str) -> bool:
    """Whether holding term_lexemes(term) is holding the word: the word is one of its lexemes (one or two
    characters, or a number's digits with the character after them: 2025年, 40%). A longer word's bigrams
    can stand apart in a notice (中小企业 … 企业公共 holds every bigram of 中小企业公).

    >>> exact_lexemes("集聚"), exact_lexemes("5%"), exact_lexemes("2025年"), exact_lexemes("集聚区")
    (True, True, True, False)
    """
    folded = fold(term)
    return not folded or folded in term_lexemes(term)


def tsquery_term(term: str) -> str:
    """One word as a tsquery: a notice indexed in part, or holding each of the word's lexemes (lexemes never
    hold a quote or backslash: fold() widens them). Empty for a word that folds to nothing.

    >>> tsquery_term("集聚区")
    "'\ue000\ue000\ue000' | '聚区' & '集聚'"
    """
    lexemes = term_lexemes(term)
    return f"'{TRUNCATED}' | " + " & ".join(f"'{lexeme}'" for lexeme in lexemes) if lexemes else ""
