"""The article: read-only plain text (never HTML), spans painted by the highlighter, boxes and the selection
outline drawn over it, and the pointer's spans shown on hover."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
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
from ui.palette import BOX, LabelStyle

OUTLINE = QPen(QColor("#d0103a"), 2.2, Qt.PenStyle.SolidLine)  # the selected span


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
        # The box channel is drawn over the text, in each such label's colour.
        self._pens = {label: QPen(style.colour, 1.4) for label, style in styles.items() if style.channel == BOX}
        self.highlighter = SpanHighlighter(self.document(), styles)
        self.outlined: Mark | None = None
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.describe: Callable[[int], str] | None = None
        self.ghosts: Callable[[int], list[tuple[Mark, QPen]]] | None = None  # outlines over a block (proposals)
        self._press: QPoint | None = None
        self.selected_by_mouse = False  # whether the selection was last moved by the mouse (not by keys)
        # The boxes of each block drawn so far (relative to the block), with what they frame and at which width:
        # finding where a mark's lines begin and end costs more than drawing it, and the text never changes.
        self._boxes: dict[int, tuple[tuple[tuple[Mark, QPen], ...], int, list[tuple[QRectF, QPen]]]] = {}
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)

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
        self.outlined = mark
        if mark is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.viewport().update()

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
        index, outlined, width = self.highlighter.index, self.outlined, self.viewport().width()
        outlined_blocks = index.blocks_of(outlined) if outlined is not None else range(0)
        painter: QPainter | None = None
        for block, geometry in self._visible(top, bottom):
            number = block.blockNumber()
            frames = [(mark, self._pens[mark.label]) for mark in index.in_block(number) if mark.label in self._pens]
            if self.ghosts is not None:
                frames += self.ghosts(number)
            if outlined is not None and number in outlined_blocks:
                frames.append((outlined, OUTLINE))
            if not frames:
                continue
            framed = tuple((mark, pen) for mark, pen in frames)  # QPens compare by value
            cached = self._boxes.get(number)
            if cached is None or cached[0] != framed or cached[1] != width:
                cached = self._boxes[number] = (framed, width, self._boxes_of(block, frames))
            if painter is None:
                painter = QPainter(self.viewport())
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            origin = geometry.topLeft()
            for rect, pen in cached[2]:
                painter.setPen(pen)
                painter.drawRoundedRect(rect.translated(origin), 3, 3)
        if painter is not None:
            painter.end()

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
        for rect, pen in ArticleView._boxes_of(block, frames):
            painter.setPen(pen)
            painter.drawRoundedRect(rect.translated(origin), 3, 3)

    @staticmethod
    def _boxes_of(block: QTextBlock, frames: list[tuple[Mark, QPen]]) -> list[tuple[QRectF, QPen]]:
        """A box around each mark, one per line it is on (only those lines: a paragraph has many, and each call
        into Qt costs), relative to the block's top left corner."""
        layout, base = block.layout(), block.position()
        last_character = max(block.length() - 1, 0)
        boxes = []
        for mark, pen in frames:
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
                boxes.append((QRectF(min(x1, x2) - 1, line.y(), abs(x2 - x1) + 2, line.height()), pen))
        return boxes


def _x(line: QTextLine, position: int) -> float:
    """Where ``position`` of ``line``'s block is drawn (PySide6 types ``cursorToX`` as returning an object: it is
    the x and the position)."""
    return cast("tuple[float, int]", line.cursorToX(position))[0]
