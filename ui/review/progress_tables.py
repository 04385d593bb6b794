"""The progress window's tables: one row per annotator, one per document. Each model sorts and filters its own list
in Python (a proxy model would call back into Python for every comparison: seconds over 100,000 documents)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.progress import AnnotatorProgress, DocumentProgress, format_ms, mean_rate

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], Any], Callable[[Any], str]]
"""A column: its title, the value of a row it sorts by, and the text of a row it shows."""


def _agreement(person: AnnotatorProgress) -> str:
    shown = [f"{label} {value:.2f}" for label, value in person.agreement.items() if value is not None]
    return ", ".join(shown) or "-"


def _mean_agreement(person: AnnotatorProgress) -> float:
    values = [value for value in person.agreement.values() if value is not None]
    return sum(values) / len(values) if values else -1.0


def _figure(value: Callable[[AnnotatorProgress], Any], text: Callable[[Any], str] = str) -> tuple[Any, Any]:
    return value, lambda person: text(value(person))


def _ms(value: float | None) -> str:
    return format_ms(value or None)


ANNOTATOR_COLUMNS: tuple[Column, ...] = (
    ("annotator", *_figure(lambda p: p.name)),
    ("assigned", *_figure(lambda p: p.assigned)),
    ("in progress", *_figure(lambda p: p.in_progress)),
    ("done", *_figure(lambda p: p.done)),
    ("spans", lambda p: p.spans or 0, lambda p: "…" if p.spans is None else str(p.spans)),
    ("statements", lambda p: p.statements or 0, lambda p: "…" if p.statements is None else str(p.statements)),
    ("time", *_figure(lambda p: p.time_ms, _ms)),
    ("per document", *_figure(lambda p: p.median_ms_per_document or 0.0, _ms)),
    ("per statement", *_figure(lambda p: p.median_ms_per_statement or 0.0, _ms)),
    ("done / day", *_figure(lambda p: mean_rate(p.done_per_day), lambda v: f"{v:.1f}")),
    ("statements / day", *_figure(lambda p: mean_rate(p.statements_per_day), lambda v: f"{v:.1f}")),
    ("agreement (F1)", _mean_agreement, _agreement),
)


def _holders(document: DocumentProgress) -> str:
    return ", ".join(
        f"{name} ({status or 'no layer'}{', assigned' if given else ''})" for name, given, status in document.holders
    )


DOCUMENT_COLUMNS: tuple[Column, ...] = (
    ("document", lambda d: d.doc_id, lambda d: d.doc_id),
    ("title", lambda d: d.title, lambda d: d.title),
    ("status", lambda d: d.status, lambda d: d.status),
    ("who has it", _holders, _holders),
)


class FigureTable(QAbstractTableModel, Generic[Row]):
    """Rows of figures under ``columns``; ``filter`` keeps the rows whose text holds a term."""

    def __init__(self, columns: Sequence[Column], text_of: Callable[[Row], str]) -> None:
        super().__init__()
        self.columns = list(columns)
        self._text_of = text_of
        self._all: list[Row] = []
        self.rows: list[Row] = []
        self._term = ""
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self.rows = self._chosen()
        self.endResetModel()
        if self._order is not None:
            self.sort(*self._order)

    def set_filter(self, term: str) -> None:
        self.beginResetModel()
        self._term = term.strip().lower()
        self.rows = self._chosen()
        self.endResetModel()
        if self._order is not None:
            self.sort(*self._order)

    def _chosen(self) -> list[Row]:
        if not self._term:
            return list(self._all)
        return [row for row in self._all if self._term in self._text_of(row).lower()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        _title, value, shown = self.columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value(row), int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        value = self.columns[column][1]
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=value, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def annotator_table() -> FigureTable[AnnotatorProgress]:
    return FigureTable(ANNOTATOR_COLUMNS, lambda p: p.name)


def document_table() -> FigureTable[DocumentProgress]:
    return FigureTable(DOCUMENT_COLUMNS, lambda d: f"{d.doc_id} {d.title} {d.status} {_holders(d)}")
