"""The unit list: one row per unit of the open document (and per gold span of no unit), with how the annotators
differ, what each of them has there, and what gold has, with the annotators it came from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from annotator.model import Span
from annotator.schema import Schema
from ui.review.colours import kind_colour
from ui.review.document import ReviewDocument
from ui.review.rows import Row

AnyIndex = QModelIndex | QPersistentModelIndex
EXCERPT = 48
KIND, TEXT = 0, 1  # the first columns; then one per annotator, then gold


def excerpt(text: str, size: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def edges(text: str, size: int = 14) -> str:
    """The first and last words of ``text``: enough to tell two boundaries apart."""
    text = " ".join(text.split())
    return text if len(text) <= 2 * size + 3 else f"{text[:size].rstrip()} … {text[-size:].lstrip()}"


class UnitsModel(QAbstractTableModel):
    def __init__(self, review: ReviewDocument, schema: Schema) -> None:
        super().__init__()
        self.review = review
        self.schema = schema
        self.rows: list[Row] = []
        self.annotators: list[str] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = list(self.review.rows)
        self.annotators = list(self.review.annotators)
        self.endResetModel()

    def refresh(self) -> None:
        """Gold changed: the same units, other gold cells (rows of gold spans of no unit may come and go)."""
        if len(self.review.rows) != len(self.rows) or self.review.annotators != self.annotators:
            self.reload()
            return
        self.rows = list(self.review.rows)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))

    def row(self, number: int) -> Row | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    # -- the model --------------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(self.annotators)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == KIND:
                return "unit"
            if section == TEXT:
                return "text"
            if section == self.columnCount() - 1:
                return "gold (from)"
            return f"{section - 1}  {self.annotators[section - 2]}"
        if role == Qt.ItemDataRole.ToolTipRole and TEXT < section < self.columnCount() - 1:
            return f"press {section - 1} to take {self.annotators[section - 2]}'s version of the current unit"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        if column == KIND:
            if role == Qt.ItemDataRole.DisplayRole:
                return ("✓ " if row.decided else "") + row.summary()
            if role == Qt.ItemDataRole.BackgroundRole:
                return kind_colour(row.kind)
            if role == Qt.ItemDataRole.ToolTipRole:
                done = "gold has a span for it" if row.decided else "gold has nothing for it yet"
                return f"{row.summary()}; {done}"
            return None
        if column == TEXT:
            text = self.review.text[row.start : row.end]
            if role == Qt.ItemDataRole.DisplayRole:
                return excerpt(text)
            return text if role == Qt.ItemDataRole.ToolTipRole else None
        if column == self.columnCount() - 1:
            return self._gold(row, role)
        return self._annotator(row, self.annotators[column - 2], role)

    def _annotator(self, row: Row, name: str, role: int) -> Any:
        span = row.unit.spans.get(name) if row.unit else None
        if role == Qt.ItemDataRole.DisplayRole:
            if span is None:
                return "—"
            speaker = row.unit.speakers.get(name) if row.unit else None
            shown = self.describe(span, speaker)
            if row.unit is not None and "boundaries" in row.differences():
                shown += f" “{edges(self.review.text[span.start : span.end])}”"
            return shown
        if role == Qt.ItemDataRole.ToolTipRole:
            if span is None:
                return f"{name} has no span here"
            return self.details(span, row.unit.speakers.get(name) if row.unit else None)
        if role == Qt.ItemDataRole.FontRole and row.taken_from(name):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _gold(self, row: Row, role: int) -> Any:
        span = row.gold
        if role == Qt.ItemDataRole.DisplayRole:
            if span is None:
                return "—"
            return f"{self.describe(span, None)}  ← {', '.join(span.sources) or 'by hand'}"
        if role == Qt.ItemDataRole.ToolTipRole and span is not None:
            return f"{self.details(span, None)}\nfrom: {', '.join(span.sources) or 'made by hand'}"
        return None

    def describe(self, span: Span, speaker: str | None) -> str:
        """The label and the values of its attributes, in the schema's order, and a claim's speaker."""
        values = [span.attrs[a.name] for a in self.schema.attributes_for(span.label) if a.name in span.attrs]
        if speaker and speaker not in values:
            values.append(f"→ {speaker}")
        return " ".join([span.label, *values])

    def details(self, span: Span, speaker: str | None) -> str:
        lines = [f"{span.label} “{self.review.text[span.start : span.end]}” [{span.start}, {span.end})"]
        lines += [f"{name}: {value}" for name, value in sorted(span.attrs.items())]
        if speaker:
            lines.append(f"speaker (through the claim's link): {speaker}")
        return "\n".join(lines)


class UnitsView(QTableView):
    def __init__(self, model: UnitsModel) -> None:
        super().__init__()
        self.setModel(model)
        self.units_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        model.modelReset.connect(self._widths)

    def _widths(self) -> None:
        model = self.model()
        self.setColumnWidth(KIND, 150)
        self.setColumnWidth(TEXT, 220)
        for column in range(TEXT + 1, model.columnCount() - 1):
            self.setColumnWidth(column, 200)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab move between units (the review's key handler), not out of the list.
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
