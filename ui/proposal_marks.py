"""The proposals of the open document as the article shows them: ghost marks, a dashed outline in the label's colour
with no fill (a stored span is a fill, an underline or a solid box), the current one in the selection's colour.

A proposal is shown unless it was rejected for this layer, or the layer holds it already (a span of the same label
over the same words: accepted, or tagged by hand). Which are hidden is worked out again only around what a change
touched. Positions here are code points, but for the marks drawn (Qt's UTF-16, as ``highlighter.Mark``).
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from annotator.proposal import Proposals, ProposedSpan
from ui.article_view import OUTLINE
from ui.highlighter import Mark
from ui.palette import LabelStyle
from ui.proposal_changes import Rejection, rejection, stored_as
from ui.span_table import SpanTable

DASHES = [3.0, 2.0]  # in pen widths: clearly broken, still readable as one outline


def ghost_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.CustomDashLine)
    pen.setDashPattern(DASHES)
    return pen


def order_key(span: ProposedSpan) -> tuple[int, int, str, str]:
    """Document order, as ``span_table.order_key`` orders stored spans."""
    return (span.start, -span.end, span.label, span.key)


class Ghosts:
    """The proposals of one document, which of them show, where they are drawn and which one is current."""

    def __init__(self, styles: dict[str, LabelStyle]) -> None:
        self.restyle(styles)
        self._current_pen = ghost_pen(OUTLINE.color(), 2.4)
        self.enabled = True  # the window's toggle
        self.proposals = Proposals()
        self.rejected: set[Rejection] = set()
        self.current: str | None = None
        self._order: list[ProposedSpan] = []
        self._hidden: set[str] = set()  # keys of proposals the layer holds already
        self._longest = 0
        self._marks: dict[str, Mark] = {}
        self._by_key: dict[str, ProposedSpan] = {}
        self._by_block: dict[int, list[Mark]] = defaultdict(list)

    def restyle(self, styles: dict[str, LabelStyle]) -> None:
        self._pens = {label: ghost_pen(style.colour, 1.6) for label, style in styles.items()}

    # -- what there is --------------------------------------------------------------------------------------

    def take(self, proposals: Proposals, rejected: set[Rejection]) -> None:
        """Hold the proposals of the open document, those rejected hidden; none shows until ``index`` comes to it."""
        self.clear()
        self.proposals, self.rejected = proposals, set(rejected)
        self._order = sorted(proposals.spans, key=order_key)
        self._by_key = {p.key: p for p in self._order}
        self._longest = max((p.end - p.start for p in self._order), default=0)

    def index(
        self,
        spans: SpanTable,
        mark_of: Callable[[ProposedSpan], Mark],
        blocks_of: Callable[[Mark], range],
        until: float,
    ) -> bool:
        """Make the marks of the proposals held, in document order, hiding those the layer holds (``spans``), until
        ``time.perf_counter()`` passes ``until``; whether every proposal is indexed (a thousand take tens of ms on a
        busy machine: the window does them in slices)."""
        order, done = self._order, len(self._marks)
        while done < len(order):
            for proposal in order[done : done + 8]:
                mark = self._marks[proposal.key] = mark_of(proposal)
                for block in blocks_of(mark):
                    self._by_block[block].append(mark)
                if stored_as(spans, proposal) is not None:
                    self._hidden.add(proposal.key)
            done = len(self._marks)
            if time.perf_counter() > until:
                break
        return done >= len(order)

    @property
    def indexed(self) -> int:
        """How many of the proposals held are indexed (all of them, once ``index`` says so)."""
        return len(self._marks)

    def clear(self) -> None:
        self.proposals, self.rejected, self.current = Proposals(), set(), None
        self._order, self._hidden, self._marks, self._by_key, self._longest = [], set(), {}, {}, 0
        self._by_block.clear()

    def recheck(self, spans: SpanTable, stretches: Iterable[tuple[int, int]]) -> None:
        """After a change: whether the layer holds the proposals that overlap these stretches (code points) now."""
        for start, end in stretches:
            for proposal in self.overlapping(start, end):
                if stored_as(spans, proposal) is None:
                    self._hidden.discard(proposal.key)
                else:
                    self._hidden.add(proposal.key)
        if self.current is not None and not self.shows(self.current):
            self.current = None

    def overlapping(self, start: int, end: int) -> Iterator[ProposedSpan]:
        """The proposals with a character in ``[start, end)`` (or over ``start``, for an empty stretch)."""
        low = bisect_left(self._order, start - self._longest, key=_start)
        for proposal in self._order[low : bisect_right(self._order, max(end - 1, start), key=_start)]:
            if proposal.end > start:
                yield proposal

    # -- what shows -----------------------------------------------------------------------------------------

    def shows(self, key: str) -> bool:
        proposal = self._by_key.get(key)
        return proposal is not None and self._visible(proposal)

    def _visible(self, proposal: ProposedSpan) -> bool:
        key = proposal.key
        held = key in self._hidden or rejection(proposal) in self.rejected
        return self.enabled and key in self._marks and not held

    def shown(self) -> list[ProposedSpan]:
        """The proposals shown, in document order."""
        return [p for p in self._order if self._visible(p)] if self.enabled else []

    def any_shown(self) -> bool:
        return self.enabled and any(self._visible(p) for p in self._order)

    def at(self, position: int) -> list[ProposedSpan]:
        """The proposals shown over code point ``position``, the shortest first."""
        here = [p for p in self.overlapping(position, position + 1) if self._visible(p)]
        return sorted(here, key=lambda p: (p.end - p.start, p.start))

    def after(self, key: tuple[int, int, str, str], forward: bool) -> ProposedSpan | None:
        """The first proposal shown after ``key`` (a place in document order), or the last one before it."""
        if forward:
            order = self._order[bisect_right(self._order, key, key=order_key) :]
        else:
            order = self._order[: bisect_left(self._order, key, key=order_key)][::-1]
        return next((p for p in order if self._visible(p)), None)

    def mark(self, key: str) -> Mark | None:
        return self._marks.get(key)

    def span(self, key: str | None) -> ProposedSpan | None:
        return self._by_key.get(key) if key is not None else None

    def frames(self, block: int) -> list[tuple[Mark, QPen]]:
        """What the article draws over ``block``: a dashed outline for each proposal shown there."""
        if not self.enabled or block not in self._by_block:
            return []
        frames = []
        for mark in self._by_block[block]:
            proposal = self._by_key.get(mark.key)
            if proposal is not None and self._visible(proposal) and mark.label in self._pens:
                frames.append((mark, self._current_pen if mark.key == self.current else self._pens[mark.label]))
        return frames


def _start(span: ProposedSpan) -> int:
    return span.start
