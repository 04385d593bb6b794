"""The current unit: chosen in the unit list, by keys, or by a click on a span in any pane, and shown in every pane.

It is remembered by its row's key, so that it stays the current one while gold changes around it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex

from ui.review.document import ReviewDocument
from ui.review.rows import Row
from ui.review.sync import PaneSync
from ui.review.units import UnitsModel, UnitsView


class UnitCursor:
    def __init__(self, review: ReviewDocument, view: UnitsView, sync: PaneSync, message: Callable[[str], None]) -> None:
        self.review, self.view, self.sync, self.message = review, view, sync, message
        self.model: UnitsModel = view.units_model
        self.key: tuple[str, str] | None = None
        self.clicked_in: str | None = None  # the pane a click chose the unit in: its cursor stays where it was put
        view.selectionModel().currentRowChanged.connect(self.chosen)

    def row(self) -> Row | None:
        return self.model.row(self.view.currentIndex().row())

    def select(self, number: int, *, fallback: int = -1) -> None:
        """Make row ``number`` current (``fallback`` where there is no such row) and show it in the panes."""
        count = self.model.rowCount()
        if not 0 <= number < count:
            number = fallback
        if not 0 <= number < count:
            self.key = None
            self.sync.show_unit(None)
            return
        index = self.model.index(number, 0)
        if self.view.currentIndex().row() == number:
            self.chosen(index)  # the same row, with new contents: show it again
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def restore(self, made: str | None = None) -> None:
        """After a change: the row of the gold span just made, else the same unit as before, else the first."""
        rows = self.review.rows
        at = next((i for i, row in enumerate(rows) if row.gold and row.gold.key == made), -1) if made else -1
        self.select(at if at >= 0 else self.review.row_of(self.key), fallback=0)

    def chosen(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = self.model.row(current.row()) if current.isValid() else None
        self.key = row.key if row else None
        self.sync.show_unit(row, still=self.clicked_in)

    def step(self, delta: int) -> None:
        count = self.model.rowCount()
        if count:
            here = self.view.currentIndex().row()
            self.select(min(max(here + delta, 0), count - 1) if here >= 0 else 0)

    def step_open(self, *, forward: bool) -> None:
        """To the next (or previous) unit that gold has nothing for, going round the end of the list."""
        rows = self.review.rows
        here, count = self.view.currentIndex().row(), len(rows)
        order = [(here + k if forward else here - k) % count for k in range(1, count + 1)] if count else []
        found = next((i for i in order if rows[i].unit is not None and not rows[i].decided), None)
        if found is None:
            self.message("gold has a span for every unit: Ctrl+Enter marks it done")
        else:
            self.select(found)

    def clicked(self, name: str, position: int, selecting: bool) -> None:
        """A click on a span of layer ``name`` chooses its unit; a second click, the next of nested ones."""
        if selecting:
            return
        found = self.review.rows_at(name, position)
        if found:
            here = self.view.currentIndex().row()
            self.clicked_in = name
            try:
                self.select(found[(found.index(here) + 1) % len(found)] if here in found else found[0])
            finally:
                self.clicked_in = None
