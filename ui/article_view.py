"""The article: read-only plain text (never HTML), spans painted by the highlighter, boxes and the selection
outline drawn over it, and the pointer's spans shown on hover."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from ui.highlighter import Mark, SpanHighlighter
from ui.palette import BOX, LabelStyle


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
        self.highlighter = SpanHighlighter(self.document(), styles)
        self.outlined: Mark | None = None
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.describe: Callable[[int], str] | None = None
        self._press: QPoint | None = None
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)

    def show_text(self, text: str, marks: list[Mark]) -> None:
        """The highlighter indexes the marks first, so that ``setPlainText`` paints every block once."""
        self.outlined = None
        self.highlighter.set_marks(text, marks)
        self.setPlainText(text)
        self.highlighter.text_set()

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
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab move between spans (the window's key handler), not out of the article.
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
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
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, bottom = event.rect().top(), event.rect().bottom()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
            if geometry.top() > bottom:
                break
            if geometry.bottom() >= top:
                for mark in self.highlighter.index.in_block(block.blockNumber()):
                    style = self.styles.get(mark.label)
                    if style is not None and style.channel == BOX:
                        self._frame(painter, block, geometry, mark, QPen(style.colour, 1.4))
                if self.outlined is not None and block.blockNumber() in self.highlighter.index.blocks_of(self.outlined):
                    pen = QPen(QColor("#d0103a"), 2.2, Qt.PenStyle.SolidLine)
                    self._frame(painter, block, geometry, self.outlined, pen)
            block = block.next()
        painter.end()

    def _frame(self, painter: QPainter, block, geometry: QRectF, mark: Mark, pen: QPen) -> None:  # type: ignore[no-untyped-def]
        layout = block.layout()
        start = max(mark.start - block.position(), 0)
        end = min(mark.end - block.position(), max(block.length() - 1, 0))
        if end <= start:
            return
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Only the lines the mark is on: a paragraph has many, and each call into Qt costs.
        first, last = layout.lineForTextPosition(start), layout.lineForTextPosition(end)
        lines = range(
            first.lineNumber() if first.isValid() else 0,
            last.lineNumber() + 1 if last.isValid() else layout.lineCount(),
        )
        for number in lines:
            line = layout.lineAt(number)
            left, right = max(start, line.textStart()), min(end, line.textStart() + line.textLength())
            if right <= left:
                continue
            x1, x2 = line.cursorToX(left)[0], line.cursorToX(right)[0]
            rect = QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height()).translated(geometry.topLeft())
            painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
