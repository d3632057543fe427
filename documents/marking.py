"""Mark spans (targets, deadlines, units, task anchors) in a notice's clean text, for the notice page.

Spans may nest or overlap (a deadline inside a target's sentence), so the text is cut at every span
boundary into flat segments; each segment carries the kinds that cover it and the anchors that begin
there. The template wraps a segment in <mark> and puts an empty element with id="target-<pk>" before
it — no HTML is built here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from documents.parsing.layout import Block

MARKED = {"target", "deadline", "unit", "hit"}  # the kinds drawn as <mark>; "task" and "section" are bare anchors
MAX_HITS = 300  # a search word's places marked in one notice (the count says how many there are in all)


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # end == start for a bare anchor (a task heading)
    kind: str  # "target", "deadline", "unit", or "task" / "section" (anchors only)
    anchor: str = ""  # "target-12"; empty for unit mentions, which are not link targets


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...]
    anchors: tuple[str, ...]

    @property
    def css(self) -> str:
        return " ".join(f"mark-{kind}" for kind in self.kinds)

    @property
    def hit(self) -> int:
        """The number of the search hit that begins here (hit-3 → 3), else 0."""
        return next((int(anchor[4:]) for anchor in self.anchors if anchor.startswith("hit-")), 0)


def mark_spans(text: str, spans: list[Span], *, cuts: Iterable[int] = ()) -> list[Segment]:
    """Cut `text` at span boundaries (and at `cuts`); spans out of range are clipped, empty ones keep
    their anchor.

    >>> spans = [Span(0, 6, "deadline", "deadline-1"), Span(0, 15, "target", "target-2")]
    >>> for s in mark_spans("到2025年产值达到100亿元。", spans):
    ...     print((s.text, s.kinds, s.anchors))
    ('到2025年', ('deadline', 'target'), ('deadline-1', 'target-2'))
    ('产值达到100亿元', ('target',), ())
    ('。', (), ())
    """
    length = len(text)
    clipped = [
        Span(max(0, min(s.start, length)), max(0, min(s.end, length)), s.kind, s.anchor)
        for s in spans
        if s.start is not None
    ]
    cuts = sorted(
        {0, length, *(s.start for s in clipped), *(s.end for s in clipped), *(c for c in cuts if 0 < c < length)}
    )
    anchors_at: dict[int, list[str]] = {}
    for span in sorted(clipped, key=lambda s: (s.start, s.kind)):
        if span.anchor:
            anchors_at.setdefault(span.start, []).append(span.anchor)
    segments = []
    for left, right in zip(cuts, cuts[1:] + [length], strict=False):
        if right <= left and left not in anchors_at:
            continue
        kinds = tuple(sorted({s.kind for s in clipped if s.start <= left < s.end and s.kind in MARKED}))
        segments.append(Segment(text[left:right], kinds, tuple(anchors_at.pop(left, ()))))
    return segments


@dataclass(frozen=True)
class MarkedBlock:
    """A paragraph's segments, or a table's rows of cells' segments."""

    segments: tuple[Segment, ...] = ()
    rows: tuple[tuple[tuple[Segment, ...], ...], ...] = ()


def mark_blocks(text: str, spans: list[Span], blocks: list[Block]) -> list[MarkedBlock]:
    """The marked segments of `text` laid out in `blocks` (parsing/layout.py). What lies between blocks
    (line ends, a table's bars) is not shown, but its anchors move to the next block, so no link breaks.

    >>> text = "一、目标。\\n产值 | 100亿元 |"
    >>> blocks = [Block(0, 5), Block(6, 18, (((6, 9), (10, 17)),))]
    >>> for block in mark_blocks(text, [Span(6, 17, "target", "target-1")], blocks):
    ...     print([s.text for s in block.segments], [[[s.text for s in cell] for cell in row] for row in block.rows])
    ['一、目标。'] []
    [] [[['产值 '], [' 100亿元 ']]]
    """
    ranges = [(block, cell) for block in blocks for cell in _ranges(block) if cell[1] > cell[0]]
    bounds = {at for _, (start, end) in ranges for at in (start, end)}
    placed: dict[tuple[int, int], list[Segment]] = {cell: [] for block in blocks for cell in _ranges(block)}
    pending: list[str] = []
    at, index = 0, 0
    for segment in mark_spans(text, spans, cuts=bounds):
        while index < len(ranges) and ranges[index][1][1] <= at:
            index += 1
        if segment.text and index < len(ranges) and ranges[index][1][0] <= at:
            if pending:
                segment = Segment(segment.text, segment.kinds, (*pending, *segment.anchors))
                pending = []
            placed[ranges[index][1]].append(segment)
        else:
            pending += segment.anchors
        at += len(segment.text)
    if pending and ranges:
        placed[ranges[-1][1]].append(Segment("", (), tuple(pending)))
    return [_marked(block, placed) for block in blocks]


def _ranges(block: Block) -> list[tuple[int, int]]:
    return [cell for row in block.rows for cell in row] if block.rows else [(block.start, block.end)]


def _marked(block: Block, placed: dict[tuple[int, int], list[Segment]]) -> MarkedBlock:
    if not block.rows:
        return MarkedBlock(segments=tuple(placed[(block.start, block.end)]))
    return MarkedBlock(rows=tuple(tuple(tuple(placed[cell]) for cell in row) for row in block.rows))


def unit_mentions(text: str, names: list[str], *, limit: int = 500) -> list[Span]:
    """Where each unit name appears (units carry no offsets; their names are found in the text).

    >>> [(s.start, s.end) for s in unit_mentions("由市发改局牵头，市财政局配合", ["市发改局", "市财政局"])]
    [(1, 5), (8, 12)]
    """
    spans = []
    for name in sorted(set(filter(None, names)), key=len, reverse=True):
        at = text.find(name)
        while at != -1 and len(spans) < limit:
            if not any(s.start <= at < s.end for s in spans):  # a longer name already covers it
                spans.append(Span(at, at + len(name), "unit"))
            at = text.find(name, at + len(name))
    return sorted(spans, key=lambda s: s.start)


def query_hits(text: str, words: list[str], *, limit: int = MAX_HITS) -> tuple[list[Span], int]:
    """Where a search's words appear in a notice, in text order, numbered (hit-1, hit-2 …), a longer word
    first where two overlap; at most `limit` marked, and how many there are in all. Latin letters
    match in either case.

    >>> spans, total = query_hits("推进产业集聚区建设，产业兴旺", ["产业", "产业集聚区"])
    >>> [(s.start, s.end, s.anchor) for s in spans], total
    ([(2, 7, 'hit-1'), (10, 12, 'hit-2')], 2)
    """
    lowered = text.lower()
    found: list[tuple[int, int]] = []
    taken = bytearray(len(text))  # each character covered at most once: work linear in the text per word
    for word in sorted({w.lower() for w in words if w and w.strip()}, key=len, reverse=True):
        at = lowered.find(word)
        while at != -1:
            if not any(taken[at : at + len(word)]):
                found.append((at, at + len(word)))
                taken[at : at + len(word)] = b"\x01" * len(word)
            at = lowered.find(word, at + len(word))
    found.sort()
    spans = [Span(start, end, "hit", f"hit-{number}") for number, (start, end) in enumerate(found[:limit], 1)]
    return spans, len(found)
