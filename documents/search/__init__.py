"""Full-text search over the notices: the one package that imports jieba and branches on the database.

    tokenizer.py         jieba (rjieba) with the project's dictionary of policy terms
    query.py             the query language: words, "phrases", -exclusions, OR, 文号, bounds
    folding.py, pieces.py what the index reads of a text, and what each database holds of it
    sqlite.py            the SQLite backend (FTS5)
    postgresql.py        the PostgreSQL backend (GIN over the folded text's bigrams, exact recheck)
    api.py               search(), matching(), unspaced() … : the calls the rest of the project makes
    indexing.py          writing the index: one notice, many, all anew
    django_internals.py  the only use of Django's private API in the project

docs/architecture.md ("The search index") traces a query from the search box to these modules.
"""

from documents.search.api import (
    Unspaced,
    count_is_estimate,
    current_backend,
    in_titles,
    matching,
    parse_query,
    query_words,
    ranks,
    search,
    unspaced,
)
from documents.search.indexing import (
    IndexedText,
    analyze_tables,
    index_document,
    index_documents,
    indexed_in_batches,
    indexed_text,
    rebuild_index,
)
from documents.search.query import ParsedQuery, QueryTooLarge, query_problem
from documents.search.tokenizer import python_jieba, tokenize

__all__ = [
    "IndexedText",
    "ParsedQuery",
    "QueryTooLarge",
    "Unspaced",
    "analyze_tables",
    "count_is_estimate",
    "current_backend",
    "in_titles",
    "index_document",
    "index_documents",
    "indexed_in_batches",
    "indexed_text",
    "matching",
    "parse_query",
    "python_jieba",
    "query_problem",
    "query_words",
    "ranks",
    "rebuild_index",
    "search",
    "tokenize",
    "unspaced",
]
