"""What each database's index holds of a text, and the expression a query becomes there: pure functions.

- SQLite (FTS5) holds the character bigrams of the folded text in order, with positions. A query word becomes
  the phrase of its bigrams: exact. A one-character word is a bigram prefix (FTS5's prefix index makes that
  one doclist); every text ends in END so that its last character has a bigram too.
- PostgreSQL holds positionless pieces (ngram_lexemes): a word of up to three characters is one lexeme, a
  longer one the AND of its pieces, answered by the GIN index without reading any tsvector.
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
    read each candidate's tsvector out of TOAST (seconds for a word in most notices),
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
