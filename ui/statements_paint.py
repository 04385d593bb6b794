"""The statements table drawn by its view in one call: each row's lines are cut once for the columns' widths and kept
(``RowLines``), and a paint draws the kept lines of the rows it covers, the selection, the current cell's focus and
the grid. No call into Python per cell and role, no style work per cell, no text measured at paint time.

Qt's own paint of the table asked the model for seven roles and the flags of each of its hundred cells, and laid out
the text of each cell twice (to place it, then to draw it): 13 to 17 ms a screenful, against about 2 for this.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem, QTableView

from ui.claim_cells import cut
from ui.statements import Cells, Part, StatementsModel

Lines = tuple[tuple[str, ...], ...]
"""A row as it is drawn: the lines of each of its cells, column by column."""

KEPT = 2000
"""Rows whose lines are kept (those shown last): a screenful is about twenty."""


class RowLines:
    """Each row's lines as drawn at the columns' widths: a claim on two lines, its end elided in the middle; any
    other cell on one line, or on two with the rest elided at its end. Kept while the row's cells (the model builds
    them again when the row changes) and the widths and font stay the same."""

    def __init__(self, view: QTableView, model: StatementsModel) -> None:
        self.view, self.model = view, model
        self._kept: dict[str, tuple[Cells, tuple[int, ...], Lines]] = {}
        self._font = view.font()
        self._metrics = QFontMetrics(self._font)

    def margin(self) -> int:
        """Pixels between a cell's edge and its text, as Qt's item views leave."""
        return self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1

    def widths(self) -> tuple[int, ...]:
        """The width of each column's text: its cell, less the grid line and the margins (asked once per paint: the
        lines kept are forgotten if the font changed)."""
        view, less = self.view, 2 * self.margin() + (1 if self.view.showGrid() else 0)
        if view.font() != self._font:
            self._kept.clear()
            self._font = view.font()
            self._metrics = QFontMetrics(self._font)
        return tuple(view.columnWidth(column) - less for column in range(self.model.columnCount()))

    def lines(self, row: int, widths: tuple[int, ...]) -> Lines:
        """Row ``row``'s lines at ``widths`` (cut now if they are not kept)."""
        model = self.model
        cells, key = model.cells(row), model.claims[row].key
        kept = self._kept.get(key)
        if kept is not None and kept[0] is cells and kept[1] == widths:
            return kept[2]
        font, metrics = self._font, self._metrics
        middle, right = Qt.TextElideMode.ElideMiddle, Qt.TextElideMode.ElideRight
        lines = tuple(
            cut(text, metrics, font, width, middle if column.part == Part.CONTENT else right)
            for text, width, column in zip(cells[0], widths, model.columns, strict=True)
        )
        if len(self._kept) >= KEPT:
            self._kept.clear()
        self._kept[key] = (cells, widths, lines)
        return lines

    def ready(self, row: int, widths: tuple[int, ...]) -> bool:
        """Whether row ``row``'s lines are kept for ``widths`` (a paint of it measures nothing)."""
        model = self.model
        kept = self._kept.get(model.claims[row].key)
        return kept is not None and model.built(row) and kept[0] is model.cells(row) and kept[1] == widths

    def forget(self) -> None:
        self._kept.clear()

    def paint(self, painter: QPainter, area: QRect) -> None:
        """Draw the rows that ``area`` (of the viewport) covers."""
        view, model = self.view, self.model
        count = model.rowCount()
        first = view.rowAt(area.top())
        if count == 0 or first < 0:
            return
        last = view.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        columns = range(model.columnCount())
        lefts = [view.columnViewportPosition(column) for column in columns]
        sizes = [view.columnWidth(column) for column in columns]
        widths, margin = self.widths(), self.margin()
        grid = 1 if view.showGrid() else 0
        height, top = view.rowHeight(first), view.rowViewportPosition(first)
        metrics = view.fontMetrics()
        spacing, ascent = metrics.lineSpacing(), metrics.ascent()
        palette = view.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if not view.isEnabled()
            else QPalette.ColorGroup.Active
            if view.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        text, chosen = (
            palette.color(group, QPalette.ColorRole.Text),
            palette.color(group, QPalette.ColorRole.HighlightedText),
        )
        highlight = palette.brush(group, QPalette.ColorRole.Highlight)
        selected = _selected_rows(view, first, last)
        painter.setFont(view.font())
        for row in range(first, last + 1):
            y = top + (row - first) * height
            on = row in selected
            if on:
                for left, size in zip(lefts, sizes, strict=True):
                    painter.fillRect(left, y, size - grid, height - grid, highlight)
            painter.setPen(chosen if on else text)
            for left, cell in zip(lefts, self.lines(row, widths), strict=True):
                if cell:
                    baseline = y + (height - grid - len(cell) * spacing) // 2 + ascent
                    for number, line in enumerate(cell):
                        painter.drawText(left + margin, baseline + number * spacing, line)
        bottom = top + (last - first + 1) * height
        if grid:
            option = QStyleOptionViewItem()
            option.initFrom(view)
            colour = view.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
            pen = QPen(palette.color(group, QPalette.ColorRole.Mid) if colour == 0 else _rgb(colour))
            pen.setStyle(view.gridStyle())
            painter.setPen(pen)
            for row in range(first, last + 1):
                y = top + (row - first + 1) * height - 1
                painter.drawLine(area.left(), y, area.right(), y)
            for left, size in zip(lefts, sizes, strict=True):
                painter.drawLine(left + size - 1, top, left + size - 1, bottom - 1)
        self._focus(painter, first, last, grid, selected)

    def _focus(self, painter: QPainter, first: int, last: int, grid: int, selected: set[int]) -> None:
        """The current cell's focus frame, where the style draws one (Fusion: after keys moved the focus)."""
        view = self.view
        current = view.currentIndex()
        if not view.hasFocus() or not current.isValid() or not first <= current.row() <= last:
            return
        option = QStyleOptionFocusRect()
        option.initFrom(view)
        option.rect = view.visualRect(current).adjusted(0, 0, -grid, -grid)
        option.state |= QStyle.StateFlag.State_HasFocus
        if view.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            option.state |= QStyle.StateFlag.State_KeyboardFocusChange
        role = QPalette.ColorRole.Highlight if current.row() in selected else QPalette.ColorRole.Base
        option.backgroundColor = view.palette().color(role)
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, view)


def _selected_rows(view: QTableView, first: int, last: int) -> set[int]:
    """The selected rows among ``first`` to ``last`` (the table selects whole rows, one at a time)."""
    rows: set[int] = set()
    selection = view.selectionModel()
    if selection is None:
        return rows
    ranges = selection.selection()
    for number in range(ranges.count()):
        part = ranges.at(number)
        rows.update(range(max(part.top(), first), min(part.bottom(), last) + 1))
    return rows


def _rgb(value: int) -> QColor:
    return QColor.fromRgba(value & 0xFFFFFFFF)
