"""The review's left side: which layers are compared, the documents ranked by disagreement, and the figures of the
project, measured off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from db.store import Store
from ui.review.figures import FiguresPanel
from ui.review.measuring import Measured, Measuring
from ui.review.ranking import GoldState, RankingModel, RankingView


class Sidebar(QSplitter):
    chosen = Signal(str)  # a document to open
    status_chosen = Signal(str)  # compare layers "done" or of "any" status
    measured = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.store = store
        self.status = "done"
        self.job: Measuring | None = None
        self.layers = QComboBox()
        self.layers.addItem("compare layers marked done", "done")
        self.layers.addItem("compare layers of any status", "any")
        self.layers.currentIndexChanged.connect(self._status)
        self.model = RankingModel()
        self.ranking = RankingView(self.model)
        self.ranking.chosen.connect(self.chosen)
        self.figures = FiguresPanel()
        documents = QWidget()
        column = QVBoxLayout(documents)
        column.setContentsMargins(4, 4, 4, 0)
        column.addWidget(QLabel("<b>Documents</b>, the most disagreement first"))
        column.addWidget(self.layers)
        column.addWidget(self.ranking, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.figures)
        self.addWidget(documents)
        self.addWidget(scroll)
        self.setSizes([230, 620])

    def measure(self) -> None:
        """Measure the figures again (a job that is still running is stopped first)."""
        self.stop()
        self.figures.waiting("measuring agreement…")
        job = self.job = Measuring(self.store, self.status, self)
        job.measured.connect(self._measured)
        job.failed.connect(lambda text: self.figures.waiting(f"the figures could not be measured: {text}"))
        job.progressed.connect(lambda n: self.figures.waiting(f"measuring agreement… {n} documents read"))
        job.start()

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()

    def _measured(self, measured: Measured) -> None:
        current = self.model.doc_id(self.ranking.currentIndex().row())
        self.model.set_scores(measured.report.documents, measured.titles, measured.gold)
        self.figures.show_figures(measured, self.status)
        self.select(current, fallback=0)
        self.measured.emit()

    def _status(self) -> None:
        self.status = self.layers.currentData()
        self.status_chosen.emit(self.status)
        self.measure()

    def select(self, doc_id: str | None, *, fallback: int = -1) -> None:
        """Make ``doc_id``'s row the current one (without opening it)."""
        row = self.model.row_of(doc_id)
        row = row if row >= 0 else fallback
        if 0 <= row < self.model.rowCount():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.ranking.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def after(self, doc_id: str | None, delta: int) -> str | None:
        """The document ``delta`` rows from ``doc_id`` in the list."""
        row = self.model.row_of(doc_id)
        return self.model.doc_id(row + delta) if row >= 0 else self.model.doc_id(0 if delta > 0 else -1)

    def title(self, doc_id: str) -> str:
        return self.model.titles.get(doc_id, "")

    def set_gold(self, doc_id: str, state: GoldState) -> None:
        self.model.set_gold(doc_id, state)
