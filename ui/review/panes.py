"""The layers side by side: each annotator's in a read-only pane of its own, and the gold layer's beside them.

A pane paints spans as the main window does (``ArticleView`` with the project's label styles). The current unit is
outlined in every pane; where a layer has nothing for it, the unit's extent is framed in dashes. A bar beside the
text shows, line by line, where the units are and how they stand.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from annotator.model import GOLD
from ui.article_view import ArticleView
from ui.highlighter import Mark, listed
from ui.palette import LabelStyle

GUTTER = 5  # pixels of the bar beside the text


class LayerPane(ArticleView):
    def __init__(self, name: str, styles: dict[str, LabelStyle]) -> None:
        super().__init__(styles)
        self.name = name
        self.ghost: Mark | None = None  # the current unit, where this layer has no span in it
        self.strips: list[tuple[int, int, QColor]] = []  # (UTF-16 start, end, colour) of the bars beside the text
        self.document().setDocumentMargin(GUTTER + 6)
        self.setObjectName(f"pane-{name}")

    def show_layer(self, text: str, marks: list[Mark], strips: list[tuple[int, int, QColor]]) -> None:
        self.ghost = None
        self.strips = strips
        self.show_text(text, listed(marks))

    def set_strips(self, strips: list[tuple[int, int, QColor]]) -> None:
        self.strips = strips
        self.viewport().update()

    def show_unit(self, mark: Mark | None, ghost: Mark | None, *, scroll: bool = True) -> None:
        """Outline ``mark`` (this layer's span of the current unit), or frame ``ghost`` where there is none; scroll
        there without moving a selection the person is making."""
        self.ghost = ghost if mark is None else None
        self.outline(mark, scroll=False)
        anchor = mark or ghost
        if scroll and anchor is not None and not self.textCursor().hasSelection():
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(anchor.end, self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            cursor.setPosition(anchor.start)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(self.viewport().width(), self.viewport().height())).position()
        cursor = QTextCursor(self.document())
        for start, end, colour in self.strips:
            if end < first or start > last:
                continue
            cursor.setPosition(start)
            top = self.cursorRect(cursor).top()
            cursor.setPosition(max(end - 1, start))
            bottom = self.cursorRect(cursor).bottom()
            painter.fillRect(QRectF(2, top + 1, GUTTER, max(bottom - top - 1, 3)), colour)
        if self.ghost is not None:
            pen = QPen(QColor("#d0103a"), 1.6, Qt.PenStyle.DashLine)
            block = self.document().findBlock(self.ghost.start)
            while block.isValid() and block.position() < self.ghost.end:
                geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
                self._frame(painter, block, geometry.topLeft(), [(self.ghost, pen)])
                block = block.next()
        painter.end()


class LayerPanes(QWidget):
    """The panes in a row, each under a header; rebuilt when a document has other annotators."""

    def __init__(self, styles: dict[str, LabelStyle], setup: Callable[[LayerPane], None]) -> None:
        super().__init__()
        self.styles = styles
        self.setup = setup
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.panes: dict[str, LayerPane] = {}
        self.headers: dict[str, QLabel] = {}

    @property
    def names(self) -> list[str]:
        return list(self.panes)

    def set_layers(self, annotators: list[str]) -> None:
        names = [*annotators, GOLD]
        if names == self.names:
            return
        for index in reversed(range(self.splitter.count())):
            column = self.splitter.widget(index)
            if column is None:
                continue
            column.hide()
            column.setParent(None)
            column.deleteLater()
        self.panes.clear()
        self.headers.clear()
        for name in names:
            column = QWidget()
            box = QVBoxLayout(column)
            box.setContentsMargins(2, 0, 2, 0)
            box.setSpacing(2)
            header = QLabel(name)
            header.setTextFormat(Qt.TextFormat.PlainText)
            header.setObjectName("gold-header" if name == GOLD else "layer-header")
            # A long header must not widen its pane: the panes share the width equally.
            header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            pane = LayerPane(name, self.styles)
            pane.setMinimumWidth(200)
            if name == GOLD:
                pane.setStyleSheet("QPlainTextEdit { background: #fffbea; }")
                header.setStyleSheet("QLabel { font-weight: bold; color: #6a4c00; }")
            box.addWidget(header)
            box.addWidget(pane, 1)
            self.splitter.addWidget(column)
            self.panes[name] = pane
            self.headers[name] = header
            self.setup(pane)
        self.splitter.setSizes([1000] * len(names))

    def gold(self) -> LayerPane:
        return self.panes[GOLD]
