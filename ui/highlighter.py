"""Paints spans into the article: a QSyntaxHighlighter fed from an index of spans by text block.

Positions here are Qt's: UTF-16 code units of the whole document, where each ``\\n`` is one position (a block
break). The session converts from stored code points (annotator/text.py) before anything reaches this module.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ui.palette import BOX, FILL, UNDERLINES, LabelStyle

_BLOCK_BREAK = re.compile("[\n\u2029\ufdd0\ufdd1]")


class Mark(NamedTuple):
    """A span as the view sees it: UTF-16 positions, its label and its key (a tuple: thousands are made at once)."""

    start: int
    end: int
    label: str
    key: str


class BlockIndex:
    """Which marks touch which text block: updated span by span.

    A document's marks are indexed as far as its first screen at once (``add_all`` with ``upto``) and the rest
    the first time anything past that is asked for, so that a long article shows without waiting for its end.
    """

    def __init__(self, text: str) -> None:
        # UTF-16 position where each block starts. Qt breaks blocks at "\n" and at U+2029, U+FDD0 and U+FDD1.
        starts = [0]
        position = 0
        for line in _BLOCK_BREAK.split(text):
            position += (len(line) if line.isascii() else len(line.encode("utf-16-le")) // 2) + 1
            starts.append(position)
        self.block_starts = starts[:-1]
        self._by_block: dict[int, list[Mark]] = defaultdict(list)
        self._rest: list[Mark] = []  # marks not indexed yet
        self._whole_below = len(self.block_starts)  # blocks before this one hold all their marks

    def block_of(self, position: int) -> int:
        return bisect_right(self.block_starts, position) - 1

    def blocks_of(self, mark: Mark) -> range:
        return range(self.block_of(mark.start), self.block_of(max(mark.start, mark.end - 1)) + 1)

    def in_block(self, block: int) -> list[Mark]:
        if block >= self._whole_below:
            self.complete()
        return self._by_block.get(block, [])

    def add(self, mark: Mark) -> range:
        self.complete()
        blocks = self.blocks_of(mark)
        for block in blocks:
            self._by_block[block].append(mark)
        return blocks

    def add_all(self, marks: Iterable[Mark], *, upto: int | None = None) -> None:
        """``add`` for many marks in one loop; with ``upto``, only those that start before the end of the block
        holding position ``upto``, the rest when first needed."""
        starts, by_block = self.block_starts, self._by_block
        if upto is not None and self.block_of(upto) + 1 < len(starts):
            self._whole_below = self.block_of(upto) + 1
            limit = starts[self._whole_below]
            rest = self._rest
        else:
            limit = None
        for mark in marks:
            if limit is not None and mark.start >= limit:
                rest.append(mark)
                continue
            first = bisect_right(starts, mark.start) - 1
            last = bisect_right(starts, max(mark.start, mark.end - 1)) - 1
            by_block[first].append(mark)
            for block in range(first + 1, last + 1):
                by_block[block].append(mark)

    def complete(self) -> None:
        """Index the marks put off by ``add_all``."""
        if self._rest:
            rest, self._rest = self._rest, []
            self.add_all(rest)
        self._whole_below = len(self.block_starts)

    def remove(self, mark: Mark) -> range:
        self.complete()
        blocks = self.blocks_of(mark)
        for block in blocks:
            marks = self._by_block.get(block, [])
            if mark in marks:
                marks.remove(mark)
        return blocks

    def at(self, position: int) -> list[Mark]:
        return [m for m in self.in_block(self.block_of(position)) if m.start <= position < m.end]


class SpanHighlighter(QSyntaxHighlighter):
    """Each label on its own channel (palette.py); where spans overlap, their channels combine.

    A new text is painted at once only as far as a screen reaches (``FIRST_SCREEN`` positions); the blocks
    after it are painted in slices of ``SLICE`` when the event loop is idle, so that a long article shows at once.
    """

    FIRST_SCREEN = 6000
    SLICE = 40

    def __init__(self, document: QTextDocument, styles: dict[str, LabelStyle]) -> None:
        super().__init__(document)
        self.styles = styles
        self.index = BlockIndex("")
        self._formats: dict[tuple[tuple[str, int], ...], QTextCharFormat] = {}
        self._deferred: list[int] = []
        self._limit: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._paint_deferred)

    def set_marks(self, text: str, marks: Iterable[Mark]) -> None:
        """Index ``marks`` for ``text``; call just before the document gets the text (see the class)."""
        self.index = BlockIndex(text)
        self.index.add_all(marks, upto=self.FIRST_SCREEN)
        self._deferred = []
        self._limit = self.FIRST_SCREEN

    def text_set(self) -> None:
        """The document has its text: paint what was put off, bit by bit."""
        self._limit = None
        self._deferred.reverse()
        if self._deferred:
            self._timer.start(0)

    @property
    def pending(self) -> int:
        return len(self._deferred)

    def _paint_deferred(self) -> None:
        document = self.document()
        painted = 0
        while self._deferred and painted < self.SLICE:
            number = self._deferred.pop()
            if self.index.in_block(number):  # the first call indexes the marks past the first screen
                block = document.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)
                    painted += 1
        if self._deferred:
            self._timer.start(0)

    def add(self, mark: Mark) -> None:
        self._repaint(self.index.add(mark))

    def remove(self, mark: Mark) -> None:
        self._repaint(self.index.remove(mark))

    def _repaint(self, blocks: range) -> None:
        document = self.document()
        for number in blocks:
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        offset = block.position()
        if self._limit is not None and offset > self._limit:
            self._deferred.append(block.blockNumber())
            return
        marks = self.index.in_block(block.blockNumber())
        if not marks:
            return
        length = len(text.encode("utf-16-le")) // 2 if not text.isascii() else len(text)
        cuts = {0, length}
        for mark in marks:
            cuts.add(min(max(mark.start - offset, 0), length))
            cuts.add(min(max(mark.end - offset, 0), length))
        edges = sorted(cuts)
        for left, right in pairwise(edges):
            here = [m for m in marks if m.start - offset < right and m.end - offset > left]
            if here:
                self.setFormat(left, right - left, self._format(here))

    def _format(self, marks: list[Mark]) -> QTextCharFormat:
        depths: dict[str, int] = {}
        for mark in marks:
            depths[mark.label] = depths.get(mark.label, 0) + 1
        key = tuple(sorted(depths.items()))
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(key)
        return fmt

    def _make_format(self, depths: tuple[tuple[str, int], ...]) -> QTextCharFormat:
        fmt = QTextCharFormat()
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
                fmt.setForeground(style.colour.darker(160))
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
