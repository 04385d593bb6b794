"""The article: read-only plain text (never HTML), spans painted by the highlighter, boxes and the selection
outline drawn over it, and the pointer's spans shown on hover."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from annotator.text import Utf16Index
from ui.highlighter import Mark, MarkSource, SpanHighlighter
from ui.palette import BOX, FILL, UNDERLINE, LabelStyle

OUTLINE = QPen(QColor("#d0103a"), 2.2, Qt.PenStyle.SolidLine)  # the selected span
MARGIN = 4.0
"""Pixels beyond a block that its strokes may cover (a box's pen over the line's edge)."""
BAR, UNDER = "bar", "under"  # how a mark is stroked, besides a box (palette.BOX)
Frame = tuple[Mark, str, QPen]
"""A mark to stroke over the text: how (BAR, UNDER or BOX) and with which pen."""
Strokes = tuple[tuple[Frame, ...], int, dict[Mark, list[QRectF]], list[tuple[QPen, QPainterPath, bool]]]
"""A block's strokes as last drawn: what was framed, at which width, the rectangle of each mark's lines (the text
never changes: they hold until the width or the font does), the paths."""


class ArticleView(QPlainTextEdit):
    clicked = Signal(int, bool)  # UTF-16 position clicked; whether the click made a selection
    hovered = Signal(int)  # UTF-16 position under the pointer, -1 outside the text

    def __init__(self, styles: dict[str, LabelStyle]) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMouseTracking(True)
        self.setCenterOnScroll(False)
        self.styles = styles
        # The stroked channels (palette.STROKED) are drawn over the text in each label's colour, sized to the font.
        self._pens: dict[str, tuple[str, QPen]] = {}
        self.highlighter = SpanHighlighter(self.document(), styles)
        self.highlighter.repainted = lambda mark: self.update_marks([mark])
        self.outlined: Mark | None = None
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.describe: Callable[[int], str] | None = None
        self.ghosts: Callable[[int], list[tuple[Mark, QPen]]] | None = None  # outlines over a block (proposals)
        self.overlay: Callable[[], None] | None = None  # drawn last, with a painter of its own (relations)
        self._press: QPoint | None = None
        self.selected_by_mouse = False  # whether the selection was last moved by the mouse (not by keys)
        # The strokes of each block drawn so far (relative to the block), with what they frame and at which width:
        # finding where a mark's lines begin and end costs more than drawing it, and the text never changes.
        self._boxes: dict[int, Strokes] = {}
        self.stroke = 2.0  # the width of a bar or underline, from the font
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.restyle()

    def restyle(self) -> None:
        """Take the styles (changed in place: a new colour scheme) and the font (zoom) into the strokes."""
        spacing = self.fontMetrics().lineSpacing()
        self.stroke = max(2.0, round(spacing / 8))
        box = max(1.5, spacing / 14)
        kinds = {FILL: BAR, UNDERLINE: UNDER, BOX: BOX}
        self._pens = {
            label: (kinds[style.channel], QPen(style.colour, box))
            for label, style in self.styles.items()
            if style.channel in kinds
        }
        self._boxes.clear()
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_boxes"):  # not while Qt builds the widget
            self.restyle()

    def show_text(self, text: str, marks: MarkSource, positions: Utf16Index | None = None) -> None:
        """``positions``: the text's, where the caller has them."""
        self.outlined = None
        self._boxes.clear()
        self.highlighter.show(text, marks, self.setPlainText, screen=self.screenful(), positions=positions)

    def screenful(self) -> int:
        """About how many characters the viewport shows, and a little more: the highlighter paints those before the
        text shows (a block that comes into view unpainted all the same is painted as it is drawn)."""
        metrics = self.fontMetrics()
        viewport = self.viewport()
        per_line = viewport.width() / max(metrics.averageCharWidth(), 1)
        lines = viewport.height() / max(metrics.lineSpacing(), 1)
        return int(per_line * lines * 1.1) + 100

    def outline(self, mark: Mark | None, *, scroll: bool = True) -> None:
        before, self.outlined = self.outlined, mark
        if mark is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.update_marks([m for m in (before, mark) if m is not None])

    def update_marks(self, marks: Iterable[Mark]) -> None:
        """Draw again, at the next paint, the lines of the viewport that ``marks`` are on, each mark's from its first
        line to its last (a new outline or a tag changes those alone: the rest of the viewport, and the rest of a long
        paragraph, is not drawn again)."""
        shown = self.visible_blocks()
        width = self.viewport().width()
        for mark in marks:
            rows = self.mark_rows(mark, shown)
            if rows is not None:
                top, bottom = max(rows[0] - MARGIN, 0.0), rows[1] + MARGIN
                self.viewport().update(QRect(0, int(top), width, int(bottom - top) + 1))

    def mark_rows(self, mark: Mark, shown: list[tuple[QTextBlock, QRectF]]) -> tuple[float, float] | None:
        """The rows of the viewport that ``mark``'s lines in the blocks ``shown`` cover: from the top of the first to
        the bottom of the last (its line's edges found by two calls into Qt per block: no measure of the text);
        None if no line of it is in view."""
        rows: list[float] = []
        for block, geometry in shown:
            base, length = block.position(), block.length()
            if mark.end <= base:
                break
            if mark.start >= base + length:
                continue
            layout = block.layout()
            first = layout.lineForTextPosition(max(mark.start - base, 0))
            last = layout.lineForTextPosition(min(max(mark.end - base - 1, 0), max(length - 1, 0)))
            rows.append(geometry.top() + (first.y() if first.isValid() else 0.0))
            rows.append(geometry.top() + (last.y() + last.height() if last.isValid() else geometry.height()))
        return (min(rows), max(rows)) if rows else None

    # -- input ----------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        before = self.textCursor()
        super().keyPressEvent(event)
        after = self.textCursor()
        if (before.selectionStart(), before.selectionEnd()) != (after.selectionStart(), after.selectionEnd()):
            self.selected_by_mouse = False  # Shift+arrows and the like: the selection is now the keys'

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab move between spans (the window's key handler), not out of the article.
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        self.selected_by_mouse = True
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.clicked.emit(position, self.textCursor().hasSelection())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        point = event.position().toPoint()
        position = self.position_at(point)
        self.hovered.emit(position)
        if self.describe is not None and position >= 0:
            description = self.describe(position)
            if description:
                QToolTip.showText(event.globalPosition().toPoint(), description, self.viewport())
            else:
                QToolTip.hideText()

    def position_at(self, point: QPoint) -> int:
        """The text position under ``point``, or -1 when the point is past the end of its line."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if point.x() > rect.right() + 2 and cursor.atBlockEnd():
            return -1
        position = cursor.position()
        # cursorForPosition gives the nearest gap between characters: take the character on the pointer's side.
        if point.x() < rect.left() and position > 0:
            position -= 1
        return position

    # -- painting ---------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        top, bottom = event.rect().top(), event.rect().bottom()
        if self.highlighter.pending:  # blocks scrolled into view before the highlighter came to them
            self.highlighter.paint_blocks([block.blockNumber() for block, _ in self._visible(top, bottom)])
        super().paintEvent(event)
        width = self.viewport().width()
        painter: QPainter | None = None
        for block, geometry in self._visible(top, bottom):
            cached = self._strokes(block, width)
            if cached is None:
                continue
            if painter is None:
                painter = QPainter(self.viewport())
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            origin = geometry.topLeft()
            painter.translate(origin)
            for pen, path, filled in cached[3]:
                if filled:
                    painter.fillPath(path, pen.color())
                elif pen.style() != Qt.PenStyle.SolidLine:  # dashes (proposals) antialiased: 20 times the cost
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                    painter.strokePath(path, pen)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                else:
                    painter.strokePath(path, pen)
            painter.translate(-origin)
        if painter is not None:
            painter.end()
        if self.overlay is not None:
            self.overlay()

    def measure(self, until: float) -> bool:
        """Find the strokes of the blocks in view that are not known yet (new ghost marks, above all), block by block
        until ``time.perf_counter()`` passes ``until``, so that the paint that shows them need not; whether every
        block in view is ready."""
        width = self.viewport().width()
        for block, _ in self._visible(0, self.viewport().height()):
            if time.perf_counter() > until:
                return False
            self._strokes(block, width)
        return True

    def _strokes(self, block: QTextBlock, width: int) -> Strokes | None:
        """The strokes of ``block`` (laid out) at ``width``: cached, or found now (measuring only the marks new to
        the block: an edit adds or takes one of many); None where nothing is stroked."""
        index, outlined, pens, number = self.highlighter.index, self.outlined, self._pens, block.blockNumber()
        frames: list[Frame] = [(mark, *pens[mark.label]) for mark in index.in_block(number) if mark.label in pens]
        if self.ghosts is not None:
            frames += [(mark, BOX, pen) for mark, pen in self.ghosts(number)]
        if outlined is not None and number in index.blocks_of(outlined):
            frames.append((outlined, BOX, OUTLINE))
        if not frames:
            return None
        framed = tuple(frames)  # QPens compare by value
        cached = self._boxes.get(number)
        if cached is None or cached[0] != framed or cached[1] != width:
            marks = {frame[0] for frame in frames}
            held = cached[2] if cached is not None and cached[1] == width else {}
            known = {mark: rects for mark, rects in held.items() if mark in marks}
            # Each mark once (a selected mark is framed twice: measured twice, its bar's rectangles came twice into
            # one path, whose even-odd fill then left them out).
            new = list({frame[0]: frame for frame in frames if frame[0] not in known}.values())
            for rect, (mark, _, _) in self._boxes_of(block, new):
                known.setdefault(mark, []).append(rect)
            boxes = [(rect, frame) for frame in frames for rect in known.get(frame[0], ())]
            cached = self._boxes[number] = (framed, width, known, self._paths(boxes))
        return cached

    def _paths(self, boxes: list[tuple[QRectF, Frame]]) -> list[tuple[QPen, QPainterPath, bool]]:
        """A block's strokes as a few paths, one per pen: bars and underlines first (filled, inside the boxes'
        lines), then the boxes (sharp over them). Drawing a path costs a call where each rectangle would cost one."""
        thick = self.stroke
        fills: dict[int, tuple[QPen, QPainterPath, bool]] = {}
        lines: dict[int, tuple[QPen, QPainterPath, bool]] = {}
        for rect, (_, kind, pen) in boxes:
            if kind == BOX:
                lines.setdefault(id(pen), (pen, QPainterPath(), False))[1].addRoundedRect(rect, 3, 3)
            else:
                inset = pen.widthF() + 0.5
                y = rect.top() + inset if kind == BAR else rect.bottom() - inset - thick
                path = fills.setdefault(id(pen), (pen, QPainterPath(), True))[1]
                path.addRect(QRectF(rect.left() + 1.5, y, rect.width() - 3, thick))
        return [*fills.values(), *lines.values()]

    def visible_blocks(self) -> list[tuple[QTextBlock, QRectF]]:
        """The blocks the viewport shows, with where each is drawn."""
        return list(self._visible(0, self.viewport().height()))

    def rects_of(self, mark: Mark, blocks: list[tuple[QTextBlock, QRectF]]) -> list[QRectF]:
        """Where ``mark`` is drawn in the viewport, a rectangle per line, in those of ``blocks`` it is in."""
        rects = []
        width = self.viewport().width()
        for block, geometry in blocks:
            if block.position() < mark.end and mark.start < block.position() + block.length():
                cached = self._boxes.get(block.blockNumber())  # the lines of a stroked label are there already
                found = cached[2].get(mark, []) if cached and cached[1] == width else []
                found = found or [rect for rect, _ in self._boxes_of(block, [(mark, BOX, OUTLINE)])]
                rects += [rect.translated(geometry.topLeft()) for rect in found]
        return rects

    def _visible(self, top: int, bottom: int) -> Iterator[tuple[QTextBlock, QRectF]]:
        """The blocks between ``top`` and ``bottom`` of the viewport, with where each is drawn."""
        block, offset = self.firstVisibleBlock(), self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                return
            if geometry.bottom() >= top:
                yield block, geometry
            block = block.next()

    @staticmethod
    def _frame(painter: QPainter, block: QTextBlock, origin: QPointF, frames: list[tuple[Mark, QPen]]) -> None:
        """Draw a box around each mark, as ``_boxes_of`` finds them, with ``block`` drawn at ``origin``."""
        for rect, (_, _, pen) in ArticleView._boxes_of(block, [(mark, BOX, pen) for mark, pen in frames]):
            painter.setPen(pen)
            painter.drawRoundedRect(rect.translated(origin), 3, 3)

    @staticmethod
    def _boxes_of(block: QTextBlock, frames: list[Frame]) -> list[tuple[QRectF, Frame]]:
        """A box around each mark, one per line it is on (only those lines: a paragraph has many, and each call
        into Qt costs), relative to the block's top left corner."""
        layout, base = block.layout(), block.position()
        last_character = max(block.length() - 1, 0)
        boxes = []
        for frame in frames:
            mark = frame[0]
            start, end = max(mark.start - base, 0), min(mark.end - base, last_character)
            if end <= start:
                continue
            first, last = layout.lineForTextPosition(start), layout.lineForTextPosition(end)
            lines = range(
                first.lineNumber() if first.isValid() else 0,
                last.lineNumber() + 1 if last.isValid() else layout.lineCount(),
            )
            for number in lines:
                line = layout.lineAt(number)
                line_start = line.textStart()
                left, right = max(start, line_start), min(end, line_start + line.textLength())
                if right <= left:
                    continue
                x1, x2 = _x(line, left), _x(line, right)
                boxes.append((QRectF(min(x1, x2) - 1, line.y(), abs(x2 - x1) + 2, line.height()), frame))
        return boxes


def _x(line: QTextLine, position: int) -> float:
    """Where ``position`` of ``line``'s block is drawn (PySide6 types ``cursorToX`` as returning an object: it is
    the x and the position)."""
    return cast("tuple[float, int]", line.cursorToX(position))[0]
