"""What each database's index holds of a text, and the expression a query becomes there: pure functions.

- SQLite (FTS5) holds the character bigrams of the folded text in order, with positions. A query word becomes
  the phrase of its bigrams: exact. A one-character word is a bigram prefix (FTS5's prefix index makes that
  one doclist); every text ends in END so that its last character has a bigram too.
- PostgreSQL's GIN index holds each text's distinct characters and bigrams (pg_grams), without positions,
  computed by the database from the folded text it stores: a word is the AND of its lexemes (tsquery_term),
  answered by the index without reading any row; exact up to two characters, a candidate set for longer.
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


# ---- PostgreSQL: characters and bigrams, read by the database itself -----------------------------------

INDEXED_CHARACTERS = 80_000  # the GIN index reads this many folded characters of a notice (see pg_grams)
TRUNCATED = "\ue000\ue000\ue000"  # the lexeme of a notice indexed in part: three characters, never a gram


def pg_grams(folded: str) -> set[str]:
    """What PostgreSQL's function documents_search_grams (migration 0009) makes of a folded text: the lexemes
    of a positionless tsvector, each distinct character and bigram of its first INDEXED_CHARACTERS, and
    TRUNCATED when the text is longer. A tsvector holds at most 1 MB of lexemes: a character and a bigram
    take at most 12 bytes, so 80,000 positions always fit, whatever the text. The database computes them
    from the stored folded text (C functions only), so no copy of the pieces is stored beside it.

    >>> sorted(pg_grams("集聚区"))
    ['区', '聚', '聚区', '集', '集聚']
    """
    head = folded[:INDEXED_CHARACTERS]
    grams = set(head) | set(map(str.__add__, head, head[1:]))
    return grams | {TRUNCATED} if len(folded) > INDEXED_CHARACTERS else grams


def term_lexemes(term: str) -> list[str]:
    """The lexemes a fully indexed notice must hold to contain `term`: its one character, else its bigrams,
    each of which any text containing the word holds (recall is exact).

    >>> term_lexemes("市"), term_lexemes("产业集聚区")
    (['市'], ['业集', '产业', '聚区', '集聚'])
    """
    folded = fold(term)
    if len(folded) < 2:
        return [folded] if folded else []
    return sorted(set(map(str.__add__, folded, folded[1:])))


def exact_lexemes(term: str) -> bool:
    """Whether holding term_lexemes(term) is holding the word: one or two characters. A longer word's
    bigrams can stand apart in a notice (中小企业 … 企业公共 holds every bigram of 中小企业公).

    >>> exact_lexemes("集聚"), exact_lexemes("5%"), exact_lexemes("集聚区")
    (True, True, False)
    """
    return len(fold(term)) <= 2


def tsquery_term(term: str) -> str:
    """One word as a tsquery: a notice indexed in part, or holding each of the word's lexemes (lexemes never
    hold a quote or backslash: fold() widens them). Empty for a word that folds to nothing.

    >>> tsquery_term("集聚区")
    "'\ue000\ue000\ue000' | '聚区' & '集聚'"
    """
    lexemes = term_lexemes(term)
    return f"'{TRUNCATED}' | " + " & ".join(f"'{lexeme}'" for lexeme in lexemes) if lexemes else ""
