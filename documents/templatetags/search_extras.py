"""Formatting for the search pages: highlighted titles and snippets (over documents/snippets.py)."""

from __future__ import annotations

from django import template

from documents import snippets

register = template.Library()


@register.filter
def snippet(text: str, words) -> tuple[snippets.Fragment, ...]:
    """{% for fragment in document.clean_text|snippet:words %}: its pieces rendered, matches in <mark>."""
    return snippets.snippet(text or "", words or ()).fragments


@register.filter
def highlight(text: str, words) -> tuple[snippets.Piece, ...]:
    return snippets.highlight(text or "", words or ())


@register.simple_tag(takes_context=True)
def sort_query(context, key: str) -> str:
    """The target table's query string sorted by `key`, or by `-key` when it is sorted by `key` already."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["sort"] = f"-{key}" if query.get("sort") == key else key
    return query.urlencode()
