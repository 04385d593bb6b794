"""A pairwise heatmap for one label: annotator against annotator, each cell the pair's F1, coloured and written.

Rows and columns are the annotators in order; the grid is symmetric (F1 does not depend on the order of the pair);
the diagonal is left blank. An undefined cell is grey, and its tooltip says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from annotator.agreement import Figure
from ui.review.colours import UNDEFINED, heat, ink

CELL = 40
NAMES = 84  # the width of the row names, at most


@dataclass(frozen=True, slots=True)
class Cell:
    figure: Figure
    note: str  # the counts behind it, for the tooltip


class PairHeatmap(QWidget):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.annotators: list[str] = []
        self.cells: dict[tuple[str, str], Cell] = {}
        self.setMouseTracking(True)

    def set_cells(self, annotators: list[str], cells: dict[tuple[str, str], Cell]) -> None:
        self.annotators = list(annotators)
        self.cells = dict(cells)
        self.updateGeometry()
        self.update()

    def cell(self, a: str, b: str) -> Cell | None:
        return self.cells.get((a, b)) or self.cells.get((b, a))

    # -- geometry ---------------------------------------------------------------------------------------------

    def _left(self) -> int:
        widest = max((self.fontMetrics().horizontalAdvance(name) for name in self.annotators), default=0)
        return min(widest + 8, NAMES)

    def _top(self) -> int:
        return 2 * (self.fontMetrics().height() + 2)

    def sizeHint(self) -> QSize:
        n = len(self.annotators)
        return QSize(self._left() + n * CELL + 4, self._top() + n * CELL + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def rect_of(self, row: int, column: int) -> QRect:
        return QRect(self._left() + column * CELL, self._top() + row * CELL, CELL - 2, CELL - 2)

    def pair_at(self, point: QPoint) -> tuple[str, str] | None:
        for row, a in enumerate(self.annotators):
            for column, b in enumerate(self.annotators):
                if row != column and self.rect_of(row, column).contains(point):
                    return a, b
        return None

    # -- painting and tooltips ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = metrics.height() + 2
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRect(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.label)
        painter.setFont(self.font())
        left, top = self._left(), self._top()
        for index, name in enumerate(self.annotators):
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, left - 6)
            painter.drawText(
                QRect(0, top + index * CELL, left - 6, CELL - 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            painter.drawText(
                QRect(left + index * CELL, line, CELL - 2, line),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, CELL - 2),
            )
        for row, a in enumerate(self.annotators):
            for column, b in enumerate(self.annotators):
                rect = self.rect_of(row, column)
                if row == column:
                    painter.fillRect(rect, self.palette().window().color().darker(104))
                    continue
                found = self.cell(a, b)
                if found is None or not found.figure.defined:
                    painter.fillRect(rect, UNDEFINED)
                    painter.setPen(ink(UNDEFINED))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "n/a")
                    continue
                colour = heat(found.figure.value)
                painter.fillRect(rect, colour)
                painter.setPen(ink(colour))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{found.figure.value:.2f}")
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pair = self.pair_at(event.pos())
            found = self.cell(*pair) if pair else None
            if pair is None or found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(pair[0], pair[1]), self)
            return True
        return super().event(event)

    def tooltip(self, a: str, b: str) -> str:
        found = self.cell(a, b)
        if found is None:
            return f"{a} and {b} have no document in common"
        figure = found.figure
        value = f"{figure.value:.3f}" if figure.defined else f"n/a: {figure.reason}"
        return f"{self.label}, {a} – {b}: F1 {value}\n{found.note}"
