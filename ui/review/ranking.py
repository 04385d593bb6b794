"""The documents, the most disagreement first: each with its share of units not agreed, and how far its gold is.

Choosing one (a click, or Enter) opens it in the review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from annotator.agreement import DocumentScore, Kind
from annotator.model import Status
from ui.review.colours import UNDEFINED, heat

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("document", "disagreement", "units", "differ", "gold")


@dataclass(frozen=True, slots=True)
class GoldState:
    """What a document's gold layer holds: its span count and status."""

    spans: int
    status: Status

    def __str__(self) -> str:
        return "done" if self.status is Status.DONE else f"{self.spans} span{'s' if self.spans != 1 else ''}"


class RankingModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.scores: list[DocumentScore] = []
        self.titles: dict[str, str] = {}
        self.gold: dict[str, GoldState] = {}

    def set_scores(self, scores: list[DocumentScore], titles: dict[str, str], gold: dict[str, GoldState]) -> None:
        self.beginResetModel()
        self.scores, self.titles, self.gold = list(scores), dict(titles), dict(gold)
        self.endResetModel()

    def set_gold(self, doc_id: str, state: GoldState) -> None:
        self.gold[doc_id] = state
        row = self.row_of(doc_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, len(COLUMNS) - 1), self.index(row, len(COLUMNS) - 1))

    def row_of(self, doc_id: str | None) -> int:
        return next((row for row, score in enumerate(self.scores) if score.doc_id == doc_id), -1)

    def doc_id(self, row: int) -> str | None:
        return self.scores[row].doc_id if 0 <= row < len(self.scores) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's names
        return 0 if parent.isValid() else len(self.scores)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.scores):
            return None
        score, column = self.scores[index.row()], index.column()
        figure = score.disagreement
        if role == Qt.ItemDataRole.UserRole:
            return score.doc_id
        if role == Qt.ItemDataRole.DisplayRole:
            differ = score.units - score.kinds.get(Kind.AGREED.value, 0)
            gold = self.gold.get(score.doc_id)
            return (
                self.titles.get(score.doc_id) or score.doc_id,
                f"{figure.value:.2f}" if figure.defined else "n/a",
                str(score.units),
                str(differ),
                str(gold) if gold else "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and not figure.defined:
                return f"undefined: {figure.reason}"
            kinds = ", ".join(f"{count} {kind}" for kind, count in score.kinds.items())
            return f"{score.doc_id}\nannotators: {', '.join(score.annotators)}\nunits: {kinds or 'none'}"
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return heat(1 - figure.value) if figure.defined else UNDEFINED
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RankingView(QTableView):
    chosen = Signal(str)  # a document to open

    def __init__(self, model: RankingModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.clicked.connect(self._choose)

    def _choose(self, index: QModelIndex) -> None:
        doc_id = self.model().data(index, Qt.ItemDataRole.UserRole)
        if doc_id:
            self.chosen.emit(doc_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.currentIndex().isValid():
                self._choose(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
