"""Paints spans into the article: a QSyntaxHighlighter fed from an index of spans by text block.

Positions here are Qt's: UTF-16 code units of the whole document, where each ``\\n`` is one position (a block
break). The session converts from stored code points (annotator/text.py) before anything reaches this module.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextFormat

from annotator.text import Utf16Index
from db.heap import spare_the_heap
from ui import idle_turn
from ui.errors import guarded
from ui.palette import BOX, FILL, UNDERLINES, LabelStyle

_BLOCK_BREAK = re.compile("[\n\u2029\ufdd0\ufdd1]")


class Mark(NamedTuple):
    """A span as the view sees it: UTF-16 positions, its label and its key (a tuple: thousands are made at once)."""

    start: int
    end: int
    label: str
    key: str


LABELS = QTextFormat.Property.UserProperty + 1
"""The property of a range's format that names the labels under it."""

MarkSource = Callable[[int, "int | None"], list[Mark]]
"""The marks that start in ``[start, end)``, UTF-16 positions (``end`` None: to the end of the text)."""


def listed(marks: list[Mark]) -> MarkSource:
    """A source of marks already made (found by a search, not a scan: it is asked block by block)."""
    ordered = sorted(marks)
    starts = [mark.start for mark in ordered]

    def source(start: int, end: int | None) -> list[Mark]:
        return ordered[bisect_left(starts, start) : len(ordered) if end is None else bisect_left(starts, end)]

    return source


class BlockIndex:
    """Which marks touch which text block: updated span by span.

    A document's marks are made and indexed as far as its first screen at once (``load`` with ``upto``), and those
    of later blocks when a block past that is first asked for, as far as that block: a long article shows without
    waiting for its end, and is indexed in steps as the highlighter comes to its blocks.
    """

    def __init__(self, text: str, positions: Utf16Index | None = None) -> None:
        """``positions``: the text's own, where the caller has it already."""
        # UTF-16 position where each block starts. Qt breaks blocks at "\n" and at U+2029, U+FDD0 and U+FDD1.
        starts = [0]
        if "\u2029" in text or "\ufdd0" in text or "\ufdd1" in text:
            starts.extend(match.end() for match in _BLOCK_BREAK.finditer(text))
        else:  # a loop of str.find is three times quicker than the expression over a long article
            found = text.find("\n")
            while found >= 0:
                starts.append(found + 1)
                found = text.find("\n", found + 1)
        self.block_starts = (positions or Utf16Index(text)).to_utf16_all(starts)
        self._by_block: dict[int, list[Mark]] = defaultdict(list)
        self._source: MarkSource | None = None  # where the marks not indexed yet come from
        self._whole_below = len(self.block_starts)  # blocks before this one hold all their marks
        # Marks added and removed past ``_whole_below`` since ``load``, for a source that does not know of them.
        self._added: set[Mark] = set()
        self._removed: set[Mark] = set()

    def block_of(self, position: int) -> int:
        return bisect_right(self.block_starts, position) - 1

    def blocks_of(self, mark: Mark) -> range:
        return range(self.block_of(mark.start), self.block_of(max(mark.start, mark.end - 1)) + 1)

    def in_block(self, block: int) -> list[Mark]:
        if block >= self._whole_below:
            self._index_to(block + 1)
        return self._by_block.get(block, [])

    def add(self, mark: Mark) -> range:
        """Index a new mark; one that starts past the blocks indexed so far is indexed with them."""
        blocks = self.blocks_of(mark)
        if blocks.start >= self._whole_below:
            self._removed.discard(mark)
            self._added.add(mark)
            return blocks
        for block in blocks:
            self._by_block[block].append(mark)
        return blocks

    def load(self, source: MarkSource, *, upto: int) -> None:
        """The marks of ``source`` that start before the end of the block holding position ``upto`` now, those of
        each later block when it is first asked for (``source`` is asked again then)."""
        whole_below = self.block_of(upto) + 1
        if whole_below >= len(self.block_starts):
            self.add_all(source(0, None))
            return
        self.add_all(source(0, self.block_starts[whole_below]))
        self._source, self._whole_below = source, whole_below

    def _index_to(self, end: int) -> None:
        """Index the marks that start in the blocks before ``end`` (all of them: ``end`` past the last block)."""
        begin, source = self._whole_below, self._source
        if begin >= end or source is None:
            return
        starts = self.block_starts
        low, high = starts[begin], starts[end] if end < len(starts) else None
        marks = (
            [mark for mark in source(low, high) if mark not in self._removed] if self._removed else source(low, high)
        )
        if self._added:
            made = [m for m in self._added if low <= m.start and (high is None or m.start < high)]
            self._added.difference_update(made)
            known = set(marks)
            marks += [mark for mark in made if mark not in known]
        self.add_all(marks)
        self._whole_below = min(end, len(starts))
        if self._whole_below >= len(starts):
            self._source = None
            self._added.clear()
            self._removed.clear()

    def add_all(self, marks: Iterable[Mark]) -> None:
        """``add`` for many marks in one loop."""
        starts, by_block = self.block_starts, self._by_block
        for mark in marks:
            first = bisect_right(starts, mark.start) - 1
            last = bisect_right(starts, max(mark.start, mark.end - 1)) - 1
            by_block[first].append(mark)
            for block in range(first + 1, last + 1):
                by_block[block].append(mark)

    def complete(self) -> None:
        """Index every mark put off by ``load``."""
        self._index_to(len(self.block_starts))

    def remove(self, mark: Mark) -> range:
        blocks = self.blocks_of(mark)
        if blocks.start >= self._whole_below:
            self._added.discard(mark)
            self._removed.add(mark)
            return blocks
        for block in blocks:
            marks = self._by_block.get(block, [])
            if mark in marks:
                marks.remove(mark)
        return blocks

    def at(self, position: int) -> list[Mark]:
        return [m for m in self.in_block(self.block_of(position)) if m.start <= position < m.end]


class SpanHighlighter(QSyntaxHighlighter):
    """Each label on its own channel (palette.py); where spans overlap, their channels combine.

    A new text goes into the document with the document's signals held (``show``), so that Qt does not call
    ``highlightBlock`` for each of its blocks. The blocks of the first screen are then painted at once, and the
    rest in slices of at most ``SLICE`` seconds when the event loop is idle; blocks that come into view before their
    turn are painted first (``paint_blocks``).
    """

    SLICE = 0.004

    def __init__(self, document: QTextDocument, styles: dict[str, LabelStyle]) -> None:
        super().__init__(document)
        self.styles = styles
        self.index = BlockIndex("")
        self._formats: dict[tuple[tuple[str, int], ...], QTextCharFormat] = {}
        self._deferred: list[int] = []  # block numbers still to paint, the next one last
        self._unpainted: set[int] = set()
        self.repainted: Callable[[Mark], None] | None = None  # told the mark an edit painted anew (its lines)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(guarded(self._paint_deferred))  # the marks may be read from the Store

    def show(
        self,
        text: str,
        marks: MarkSource,
        set_text: Callable[[str], None],
        *,
        screen: int,
        positions: Utf16Index | None = None,
    ) -> None:
        """Index the marks of ``text`` as far as ``screen`` positions, give the document the text through
        ``set_text`` and paint those blocks; the rest follows when idle."""
        self.index = BlockIndex(text, positions)
        self.index.load(marks, upto=screen)
        document = self.document()
        first = self.index.block_of(screen) + 1
        self._deferred = list(range(len(self.index.block_starts) - 1, first - 1, -1))
        self._unpainted = set(self._deferred)
        held = document.blockSignals(True)  # nothing else listens for a new text's formats
        try:
            set_text(text)
            block = document.firstBlock()
            for number in range(first):
                if block.length() > 1 and self.index.in_block(number):  # an empty line has nothing to paint
                    self.rehighlightBlock(block)
                block = block.next()
        finally:
            document.blockSignals(held)
        if self._deferred:
            self._timer.start(0)

    def restyle(self) -> None:
        """Paint every block again with the styles as they are now (a new colour scheme): those in view as they are
        drawn, the rest when idle."""
        self._formats.clear()
        self._deferred = list(range(len(self.index.block_starts) - 1, -1, -1))
        self._unpainted = set(self._deferred)
        if self._deferred:
            self._timer.start(0)

    @property
    def pending(self) -> int:
        return len(self._unpainted)

    def paint_blocks(self, numbers: Iterable[int]) -> None:
        """Paint now those of the blocks ``numbers`` still waiting for their turn (they are coming into view: the
        caller is about to draw them)."""
        if self._unpainted:
            with self._quietly():
                for number in numbers:
                    if number in self._unpainted:
                        self._paint(number)

    def _paint_deferred(self) -> None:
        # The blocks painted here are out of view (a block in view was painted as it was drawn): the view need not
        # be drawn again for them, which at every slice would cost more than the slice.
        if not idle_turn.room(0.001):  # the turn's idle work is done: the next turn
            self._timer.start(0)
            return
        until = time.perf_counter() + min(self.SLICE, max(idle_turn.left(), 0.001))
        with idle_turn.spending(), self._quietly():
            while self._deferred and time.perf_counter() < until:
                number = self._deferred.pop()
                if number in self._unpainted:
                    self._paint(number)
            # The marks indexed live as long as the document: the collector's passes need not walk them (a pass of
            # the middle generation over a few slices' marks took 7 to 8 ms, in a turn that had spent its budget).
            spare_the_heap()
        if self._deferred:
            self._timer.start(0)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """New formats without the layout asking the view to draw again (formats change no block's size)."""
        layout = self.document().documentLayout()
        held = layout.blockSignals(True)
        try:
            yield
        finally:
            layout.blockSignals(held)

    def _paint(self, number: int) -> bool:
        self._unpainted.discard(number)
        if not self.index.in_block(number):  # past the first screen, this indexes the block's marks first
            return False
        block = self.document().findBlockByNumber(number)
        if block.length() > 1:
            self.rehighlightBlock(block)
        return True

    def add(self, mark: Mark) -> None:
        self._repaint(self.index.add(mark), mark)

    def remove(self, mark: Mark) -> None:
        self._repaint(self.index.remove(mark), mark)

    def _repaint(self, blocks: range, mark: Mark) -> None:
        # Quietly: Qt's plain text layout would have the whole viewport drawn again for a block's new formats (it
        # takes them for a change of this block and the next); ``repainted`` has the mark's lines alone drawn
        # again (the formats of the rest of its paragraph are as they were).
        document = self.document()
        with self._quietly():
            for number in blocks:
                block = document.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)
        if self.repainted is not None:
            self.repainted(mark)

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        offset = block.position()
        marks = self.index.in_block(block.blockNumber())
        if not marks:
            return
        length = len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2
        # A sweep over where marks begin and end, each label counted for nesting; runs of one look, one format.
        events = []
        for start, end, label, _ in marks:
            start, end = max(start - offset, 0), min(end - offset, length)
            if end > start:
                events.append((start, 1, label))
                events.append((end, -1, label))
        events.sort()
        depths: dict[str, int] = {}
        run_start = 0
        run_key: tuple[tuple[str, int], ...] = ()
        for position, step, label in events:
            depth = depths.get(label, 0) + step
            if depth:
                depths[label] = depth
            else:
                del depths[label]
            key = tuple(sorted(depths.items()))
            if key != run_key:
                if run_key and position > run_start:
                    self.setFormat(run_start, position - run_start, self._format(run_key))
                run_start, run_key = position, key

    def _format(self, depths: tuple[tuple[str, int], ...]) -> QTextCharFormat:
        """The format of text under ``depths`` (label, how many of its spans), made once."""
        fmt = self._formats.get(depths)
        if fmt is None:
            fmt = self._formats[depths] = self._make_format(depths)
        return fmt

    def _make_format(self, depths: tuple[tuple[str, int], ...]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        # The labels under the text, on every range: a label the view strokes (the thick underline) changes nothing
        # Qt draws, and its range is known all the same.
        fmt.setProperty(LABELS, " ".join(label for label, _ in depths))
        fills: dict[str, int] = {}
        for label, depth in depths:
            style = self.styles.get(label)
            if style is None:
                continue
            if style.channel == FILL:
                fills[label] = depth
            elif style.channel in UNDERLINES:
                fmt.setUnderlineStyle(UNDERLINES[style.channel])
                fmt.setUnderlineColor(style.colour)
            elif style.channel == BOX:
                fmt.setForeground(style.text)
        if fills:
            fmt.setBackground(_blend([self.styles[label].fill(depth) for label, depth in fills.items()]))
        return fmt


def _blend(colours: list[QColor]) -> QColor:
    if len(colours) == 1:
        return colours[0]
    n = len(colours)
    return QColor(
        sum(c.red() for c in colours) // n,
        sum(c.green() for c in colours) // n,
        sum(c.blue() for c in colours) // n,
        min(sum(c.alpha() for c in colours), 220),
    )
