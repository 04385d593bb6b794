"""When the statements table is drawn after a change, and how much of it: its rows kept in place when rows come or go
above them, and only what changed drawn again.

A key's change reaches the screen in the article first: when rows come or go (or the table scrolls to the selected
claim), the table's viewport and its scroll bar (whose range follows the rows) take no updates until a later turn of the
event loop (a timer, not a posted call: the paint comes in a turn of its own, apart from what the change set off to run
when idle, such as the document list's entry); so is a row that changed (a link, a choice), alone. The rows to be shown
get their lines a turn before they are drawn (``StatementsView.warm``). While the panel fills in, it is drawn once, when
it is full.

Rows inserted or removed above the viewport move the scroll bar by as many rows, so that the rows in view stay where
they are (the anchor): nothing in view changed, and nothing is drawn. A change inside the viewport draws the rows from
the changed one down, a change of the selection its rows; a scroll, a resize, a change of focus, or an editor open
draw the viewport whole, as Qt would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ui.statements import StatementsModel


class HeldPaint(QObject):
    """The table's paint held to a later turn, what it is to draw then, and its rows anchored (see the module)."""

    def __init__(self, view: QTableView, model: StatementsModel, warm: Callable[[], bool]) -> None:
        """``warm``: get the rows to be shown ready to be drawn; whether anything was left to do (do it again)."""
        super().__init__(view)
        self.view, self.model, self.warm = view, model, warm
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._release)
        self._dirty = QRegion()  # what is to be drawn at the release (viewport coordinates)
        self._top = -1  # the row at the top of the viewport before rows came or went
        self._bottom = -1
        self._anchoring = False
        self._value = 0  # the scroll bar's value when the first rows came or went while held
        self._shift = 0  # rows the viewport is to move down by at the release (up, if fewer), to keep its rows
        self._bar: tuple[int, int, int, int] = (0, 0, 0, 0)  # the scroll bar as drawn when the paint was held
        self._later: list[Callable[[], None]] = []  # what is to be done to the table at the release, before its paint
        self._releasing = False
        model.reshaping.connect(self._reshaping)
        model.rowsAboutToBeInserted.connect(self._before)
        model.rowsAboutToBeRemoved.connect(self._before)
        # Methods of this object, not lambdas: the connections go with it when the window is deleted (the model,
        # whose filling may go on a turn longer, would otherwise call into a deleted timer).
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._removed)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self.whole)
        selection = view.selectionModel()
        selection.selectionChanged.connect(self._selection)
        selection.currentChanged.connect(self._current)
        view.horizontalHeader().sectionResized.connect(self.whole)

    def _inserted(self, _parent: object, first: int, last: int) -> None:
        self._after(first, last - first + 1)

    def _removed(self, _parent: object, first: int, last: int) -> None:
        self._after(first, -(last - first + 1))

    @property
    def held(self) -> bool:
        return self._timer.isActive() or self._releasing

    @property
    def to_come(self) -> bool:
        """Whether the release is still to come (not under way)."""
        return self._timer.isActive()

    def later(self, call: Callable[[], None]) -> None:
        """While held: do ``call`` at the release, before the table is drawn (the current row following the
        selected claim: its selection and scrolling would cost the key's turn a millisecond for what is not drawn
        before then)."""
        if call not in self._later:
            self._later.append(call)

    def hold(self) -> None:
        """Draw the table at a later turn of the event loop, whole (it scrolls to a row: all it shows changes)."""
        self._hold()
        self.whole()
        self._shift = 0  # nothing to keep in place

    def whole(self, *_args: object) -> None:
        """While held: draw the viewport whole at the release."""
        if self.held:
            self._dirty = QRegion(self.view.viewport().rect())

    def scrolled(self) -> None:
        """The view's contents scrolled: the pixels held do not follow (a scroll other than the anchor's)."""
        if not self._anchoring:
            self.whole()

    def _hold(self) -> None:
        view, viewport = self.view, self.view.viewport()
        if viewport.updatesEnabled() and view.isVisible():
            viewport.setUpdatesEnabled(False)
            bar = view.verticalScrollBar()  # its range follows the rows: drawn again at the release, if it moved
            self._bar = (bar.minimum(), bar.maximum(), bar.value(), bar.pageStep())
            bar.setUpdatesEnabled(False)
            self._dirty, self._shift = QRegion(), 0
            self._timer.start()
            if view.state() == QAbstractItemView.State.EditingState:
                self.whole()

    def _reshaping(self) -> None:
        self._hold()

    def _offset(self) -> int:
        """Pixels the rows are to move up by at the release (the anchor's shift, not made yet)."""
        return self._shift * self.view.rowHeight(0) if self._shift else 0

    def _before(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        view, offset = self.view, self._offset()
        if not self._shift:
            self._value = view.verticalScrollBar().value()
        self._top, self._bottom = view.rowAt(offset), view.rowAt(view.viewport().height() - 1 + offset)

    def _after(self, first: int, count: int) -> None:
        """Rows ``first``... came (``count`` > 0) or went: keep those in view in place, or draw what moved. While
        held, the scroll bar moves at the release: Qt lays the rows out then (moving it now would cost that too)."""
        top, bottom = self._top, self._bottom
        if top < 0:  # nothing was in view
            self.whole()
            return
        if bottom >= 0 and first > bottom:  # below the viewport: nothing in view moved
            return
        if first >= top:  # inside the viewport: its rows from there down changed
            self._from_row(first)
            return
        self._shift += count if count > 0 else -min(-count, top - first)
        if not self.held:
            self._anchor()
        if count < 0 and -count > top - first:  # the top row itself went: what was below it moved up
            self._from_row(first)

    def _anchor(self) -> None:
        """Move the scroll bar by the rows that came or went above the viewport; if it cannot (at an end), the
        rows in view changed."""
        view, shift = self.view, self._shift
        bar, self._shift = view.verticalScrollBar(), 0
        step = 1 if view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem else view.rowHeight(0)
        target = self._value + shift * step
        self._anchoring = True
        try:
            view.updateGeometries()  # the scroll bar's range, for the rows as they are now (it may clamp its value)
            bar.setValue(target)
        finally:
            self._anchoring = False
        if bar.value() != target:
            self.whole()

    def _from_row(self, row: int) -> None:
        viewport = self.view.viewport()
        y = max(self.view.rowViewportPosition(row) - self._offset(), 0) if row < self.view.model().rowCount() else 0
        self._dirty += QRect(0, y, viewport.width(), viewport.height() - y)

    def _rows(self, first: int, last: int | None = None) -> None:
        """While held: draw rows ``first`` to ``last`` at the release."""
        view = self.view
        if not self.held or first < 0:
            return
        last = first if last is None else last
        top = view.rowViewportPosition(first)
        height = view.rowViewportPosition(last) + view.rowHeight(last) - top
        self._dirty += QRect(0, top - self._offset(), view.viewport().width(), height)

    def _changed(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        """A row changed (a link, a choice): it too is drawn a turn after the article, and alone."""
        self._hold()
        self._rows(first.row(), last.row())

    def _current(self, now: QModelIndex, before: QModelIndex) -> None:
        self._rows(now.row())
        self._rows(before.row())

    def _selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        for ranges in (selected, deselected):
            for number in range(ranges.count()):
                part = ranges.at(number)
                if part.bottom() - part.top() < 64:
                    self._rows(part.top(), part.bottom())
                else:
                    self.whole()

    def _release(self) -> None:
        view, viewport = self.view, self.view.viewport()
        calls, self._later = self._later, []
        self._releasing = True  # still held: what the calls change is drawn below
        try:
            for call in calls:
                call()
        finally:
            self._releasing = False
        if self.model.filling or self.warm():
            self._timer.start()  # drawn at a later turn: the panel is full, the rows' lines are ready
            return
        self._anchoring = bool(self._shift)
        try:
            view.executeDelayedItemsLayout()  # Qt's layout of the rows that came, and its update of everything, now
        finally:
            self._anchoring = False
        if self._shift:
            self._anchor()
        # Updates back on without Qt's own update of the whole viewport (``setUpdatesEnabled`` would draw it all).
        bar = view.verticalScrollBar()
        for widget in (viewport, bar):
            widget.setAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled, False)
            widget.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        if (bar.minimum(), bar.maximum(), bar.value(), bar.pageStep()) != self._bar:
            bar.update()
        if view.state() == QAbstractItemView.State.EditingState:
            self._dirty = QRegion(viewport.rect())
        if not self._dirty.isEmpty():
            viewport.update(self._dirty)
        self._dirty = QRegion()
