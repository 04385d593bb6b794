"""The document list: title, the reader's status and span count, a filter, and "n / N done".

The model is lazy: it reads one page of entries at a time from the Store as the view scrolls, so a project of
100,000 documents opens as fast as one of ten.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.model import DocumentEntry, Status
from db.store import Store

PAGE = 200
STATUS_TEXT = {Status.TODO: "todo", Status.IN_PROGRESS: "in progress", Status.DONE: "done"}
STATUS_COLOUR = {Status.TODO: "#888888", Status.IN_PROGRESS: "#b26a00", Status.DONE: "#2e7d32"}
AnyIndex = QModelIndex | QPersistentModelIndex


ASSIGNED_COLOUR = "#1565c0"
"""The small square beside the title of a document assigned to the list's annotator."""


class DocumentListModel(QAbstractTableModel):
    """A page of entries at a time. Assigned documents come first (or alone), as the Store orders them, each with a
    small square before its title; a lead's list has a column naming who has each document."""

    COLUMNS = ("title", "status", "spans")

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store, self.annotator = store, annotator
        self.text = ""
        self.status: Status | None = None
        self.entries: list[DocumentEntry] = []
        self.total = 0
        self.headers: tuple[str, ...] = self.COLUMNS
        self._fetching = False
        self.refresh()

    def set_filter(self, text: str, status: Status | None) -> None:
        self.text, self.status = text, status
        self.refresh()

    def refresh(self) -> None:
        total = self.store.document_entry_count(self.annotator, text=self.text, status=self.status)
        entries = self._page(0)
        headers = self.COLUMNS + (("assigned to",) if self.store.shows_holders() else ())
        self._fetching = True
        try:
            self.beginResetModel()
            self.total, self.entries, self.headers = total, entries, headers
            self.endResetModel()
        finally:
            self._fetching = False

    def update_entry(self, doc_id: str) -> None:
        """Read one document's entry again (its status or span count changed)."""
        for row, entry in enumerate(self.entries):
            if entry.doc_id == doc_id:
                fresh = self._page(row, 1)
                if fresh and fresh[0].doc_id == doc_id:
                    self.entries[row] = fresh[0]
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
                return

    def recount(self, doc_id: str, status: Status, spans: int) -> bool:
        """Show ``spans`` as the span count of ``doc_id``'s entry without reading it again (an edit's count, known
        to the window); False where the entry's status is not ``status`` (then it is to be read again)."""
        for row, entry in enumerate(self.entries):
            if entry.doc_id == doc_id:
                if entry.status != status:
                    return False
                if entry.spans != spans:
                    self.entries[row] = replace(entry, spans=spans)
                    column = self.COLUMNS.index("spans")
                    self.dataChanged.emit(self.index(row, column), self.index(row, column))
                return True
        return True

    def row_of(self, doc_id: str) -> int:
        """The row of ``doc_id``, reading further pages as needed; -1 if the filter hides it."""
        while True:
            for row, entry in enumerate(self.entries):
                if entry.doc_id == doc_id:
                    return row
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())

    def _page(self, offset: int, limit: int = PAGE) -> list[DocumentEntry]:
        return self.store.document_entries(
            self.annotator, offset=offset, limit=limit, text=self.text, status=self.status
        )

    # -- the model ----------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.entries) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching:
            return  # views and testers may ask again while rows are being inserted
        more = self._page(len(self.entries))
        if not more:
            self.total = len(self.entries)
            return
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), len(self.entries), len(self.entries) + len(more) - 1)
            self.entries.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry, column = self.entries[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (entry.title or entry.doc_id, STATUS_TEXT[entry.status], str(entry.spans), ", ".join(entry.holders))
            return cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            assigned = ["assigned to you" if entry.assigned and not entry.holders else ""]
            assigned += [f"assigned to {', '.join(entry.holders)}" if entry.holders else ""]
            return "\n".join([entry.doc_id, entry.title, *filter(None, assigned)])
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and entry.assigned:
            return QColor(ASSIGNED_COLOUR)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == 0 and entry.assigned:
            return "assigned"
        if role == Qt.ItemDataRole.UserRole:
            return entry.doc_id
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(STATUS_COLOUR[entry.status])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class DocumentList(QWidget):
    """The model in a table, with the filter box, the status filter and the progress line."""

    chosen = Signal(str)  # doc_id

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.model = DocumentListModel(store, annotator)
        self.filter = QLineEdit(placeholderText="Filter by title or id (Ctrl+L)")
        self.filter.setClearButtonEnabled(True)
        self.status = QComboBox()
        for text, value in (
            ("all", None),
            ("todo", Status.TODO),
            ("in progress", Status.IN_PROGRESS),
            ("done", Status.DONE),
        ):
            self.status.addItem(text, value)
        self.progress = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # also a lead's "assigned to"
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        self.filter.textChanged.connect(self._refilter)
        self.status.currentIndexChanged.connect(self._refilter)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.filter.returnPressed.connect(self.open_first)
        self.filter.installEventFilter(self)  # Down, too, opens the first
        self.update_progress()

    def _refilter(self) -> None:
        self.model.set_filter(self.filter.text().strip(), self.status.currentData())

    def open_first(self) -> None:
        """Open the first document the filter lets through (Enter or Down in the filter)."""
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
            self.chosen.emit(self.model.entries[0].doc_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        down = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if watched is self.filter and down:
            self.open_first()
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if doc_id:
            self.chosen.emit(doc_id)

    def show_current(self, doc_id: str) -> None:
        row = self.model.row_of(doc_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()

    def update_progress(self) -> None:
        done, total = self.model.store.progress(self.model.annotator)
        self.progress.setText(f"{done} / {total} done")
