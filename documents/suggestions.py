"""How a query was read, and looser queries to offer when it finds nothing (pure: over search.ParsedQuery).

The query text is rebuilt from its parts (words, "phrases", OR groups, -exclusions) rather than edited
as a string, so that dropping a word never leaves a stray quote or a dangling OR.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.search import ParsedQuery

MAX_SUGGESTIONS = 4  # each one is counted on a zero-hit page: a few, whatever the query's length


@dataclass(frozen=True)
class Looser:
    kind: str  # "drop-word", "any-word", "drop-filters"
    query: str
    dropped: str = ""  # the word left out, for "drop-word"


def _term(term: str) -> str:
    # A term holding a space or an operator's character is a phrase: quoted, so it stays one term.
    return f'"{term}"' if any(c.isspace() for c in term) or term.startswith("-") or term == "OR" else term


def query_text(*, required=(), any_of=(), excluded=()) -> str:
    """A query string for these parts, which parse_query reads back into them.

    >>> query_text(required=("产业集群", "亩均 税收"), any_of=(("平顶山", "衢州"),), excluded=("开发区",))
    '产业集群 "亩均 税收" 平顶山 OR 衢州 -开发区'
    """
    parts = [_term(t) for t in required]
    parts += [" OR ".join(_term(t) for t in group) for group in any_of]
    parts += [f"-{_term(t)}" for t in excluded]
    return " ".join(parts)


def match_words(parsed: ParsedQuery) -> list[str]:
    """The words a result should show marked: every required word and every OR alternative.

    >>> match_words(ParsedQuery(required=("产业集群",), any_of=(("平顶山", "衢州"),), excluded=("开发区",)))
    ['产业集群', '平顶山', '衢州']
    """
    return [*parsed.required, *(term for group in parsed.any_of for term in group)]


def looser_queries(parsed: ParsedQuery, *, filtered: bool) -> list[Looser]:
    """Queries that find at least what `parsed` finds: without one word, any word instead of all, no filters.

    >>> parsed = ParsedQuery(required=("亩均税收", "衢州"), excluded=("2010",))
    >>> for s in looser_queries(parsed, filtered=True):
    ...     print((s.kind, s.query))
    ('drop-filters', '亩均税收 衢州 -2010')
    ('drop-word', '衢州 -2010')
    ('drop-word', '亩均税收 -2010')
    ('any-word', '亩均税收 OR 衢州 -2010')
    """
    found = []
    if filtered:
        found.append(
            Looser("drop-filters", query_text(required=parsed.required, any_of=parsed.any_of, excluded=parsed.excluded))
        )
    words = len(parsed.required) + len(parsed.any_of)
    if words > 1:
        for term in parsed.required:
            rest = tuple(t for t in parsed.required if t != term)
            found.append(
                Looser("drop-word", query_text(required=rest, any_of=parsed.any_of, excluded=parsed.excluded), term)
            )
    if len(parsed.required) > 1 and not parsed.any_of:
        found.append(Looser("any-word", query_text(any_of=(parsed.required,), excluded=parsed.excluded)))
    elif parsed.excluded:
        found.append(Looser("drop-exclusions", query_text(required=parsed.required, any_of=parsed.any_of)))
    return found[:MAX_SUGGESTIONS]
