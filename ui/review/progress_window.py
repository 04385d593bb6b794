"""Review > Progress: a table per annotator and per document (sortable, filterable), and plots: done per day per
annotator, time per statement, agreement per label by week.

The first paint shows what two queries give (documents assigned, layers by status). After it, a thread reads every
other figure (spans and statements read every span, and are kept by the Store until a layer changes), then, for a
lead, agreement so far (which reads every shared layer, kept until a done layer changes); pyqtgraph is loaded with
the plots (``progress_plots``) when those figures come. Who has each document is read when its tab is first shown.
A lead sees everyone; an annotator their own figures, without agreement (it compares the others' layers).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.logs import log_unexpected
from annotator.model import Role
from annotator.progress import Agreement, Progress
from ui.review.progress_tables import FigureTable, annotator_table, document_table
from ui.session import Session
from ui.wiring import StoreOpener

_RUNNING: set[QThread] = set()  # measurements still running after their window closed: kept until they end


class Measuring(QThread):
    """Every figure counted (spans, statements, times, days), then agreement so far measured (for a lead), on a
    Store of its own."""

    counted = Signal(object)  # Progress: every figure but agreement
    measured = Signal(object)  # Agreement | None
    failed = Signal(str)

    def __init__(self, open_store: StoreOpener, name: str, lead: bool) -> None:
        super().__init__()
        self.open_store, self.name, self.lead = open_store, name, lead
        self.finished.connect(lambda: _RUNNING.discard(self))

    def run(self) -> None:
        try:
            with self.open_store(self.name) as store:
                self.counted.emit(store.progress_figures())
                if self.lead:
                    self.measured.emit(store.agreement_so_far())
        except AnnotatorError as error:
            self.failed.emit(str(error))
        except Exception as error:
            self.failed.emit(f"agreement could not be measured; the details are in {log_unexpected(error)}")


def _table(model: FigureTable[Any], name: str, hint: str) -> tuple[QWidget, QTableView, QLineEdit]:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 4, 0, 0)
    search = QLineEdit()
    search.setObjectName(f"{name}-filter")
    search.setPlaceholderText(hint)
    search.setClearButtonEnabled(True)
    search.textChanged.connect(model.set_filter)
    view = QTableView()
    view.setObjectName(f"{name}-table")
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    column.addWidget(search)
    column.addWidget(view, 1)
    return box, view, search


class ProgressWindow(QMainWindow):
    def __init__(self, parent: QWidget | None, open_store: StoreOpener, name: str) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.open_store, self.name, self.closed = open_store, name, False
        self.store = open_store(name)
        person = self.store.annotator(name)
        self.lead = person is not None and person.role is Role.LEAD
        self.setWindowTitle(f"Progress — {'everyone' if self.lead else name} — annotator")
        self.figures: Progress = self.store.progress_figures(first=True)  # the rest after the first paint
        self.agreement: Agreement | None = None
        self.people = annotator_table()
        self.documents = document_table()
        self.summary = QLabel()
        self.summary.setObjectName("progress-summary")
        self.tabs = QTabWidget()
        people_box, self.people_view, self.people_filter = _table(self.people, "annotators", "Filter annotators")
        documents_box, self.documents_view, self.documents_filter = _table(
            self.documents, "documents", "Filter documents by id, title, status or annotator"
        )
        self.tabs.addTab(people_box, "&Annotators")
        self.tabs.addTab(documents_box, "&Documents")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.plots = QWidget()
        self.plot_row = QHBoxLayout(self.plots)
        self.plot_row.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.plots)
        splitter.setSizes([330, 470])
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.addWidget(self.summary)
        column.addWidget(splitter, 1)
        self.setCentralWidget(centre)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self.people.set_rows(list(self.figures.annotators.values()))
        self._waiting = QLabel("counting spans, statements and time…")
        self._waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plot_row.addWidget(self._waiting)
        self._summarise()
        self.resize(1400, 900)
        self._measuring: Measuring | None = None
        self._painted = False

    # -- figures ---------------------------------------------------------------------------------------------

    def _show_figures(self) -> None:
        from ui.review import progress_plots  # pyqtgraph: loaded after the first paint, with the figures it draws

        people = list(self.figures.annotators.values())
        if self.agreement is not None:
            for person in people:
                person.agreement = self.agreement.by_annotator.get(person.name, {})
        self.people.set_rows(people)
        while self.plot_row.count():
            item = self.plot_row.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        working = [person for person in people if person.layers]  # a lead who annotates nothing has no place
        done = progress_plots.done_per_day(working)
        timing = progress_plots.time_per_statement(working)
        if not any(p.done_per_day for p in people):
            progress_plots.note(done, "no layer marked done yet")
        if not any(p.ms_per_statement for p in people):
            progress_plots.note(timing, "no statements timed yet")
        for plot, name in ((done, "done-plot"), (timing, "time-plot"), (self._agreement_plot(), "agreement-plot")):
            plot.setObjectName(name)
            self.plot_row.addWidget(plot)
        self._summarise()

    def _agreement_plot(self) -> QWidget:
        from ui.review import progress_plots

        colours = {label.name: label.colour for label in self.store.schema.labels}
        by_week = self.agreement.by_week if self.agreement is not None else {}
        plot: QWidget = progress_plots.agreement_by_week(by_week, colours)
        if not by_week:
            progress_plots.note(plot, self._agreement_state())
        return plot

    def _agreement_state(self) -> str:
        if not self.lead:
            return "agreement is a lead's figure"
        if self.agreement is None:
            return "measuring agreement…"
        return "no document is done by two annotators yet"

    def _summarise(self) -> None:
        people = self.figures.annotators.values()
        done = sum(p.done for p in people)
        counted = [p.statements for p in people]
        if None in counted:
            statements = "counting spans, statements and time…"
        else:
            statements = f"{sum(n or 0 for n in counted)} statement(s)"
        shared = f"; agreement on {self.agreement.documents} shared document(s)" if self.agreement else ""
        measuring = "; measuring agreement…" if self.lead and self.agreement is None and None not in counted else ""
        self.summary.setText(
            f"{len(self.figures.annotators)} annotator(s): {done} document(s) done, {statements}"
            f"{shared}{measuring}. Time counts only while the window is active and its annotator not idle."
        )

    def _tab_shown(self, index: int) -> None:
        if index == 1 and self.figures.documents is None:
            self.figures.documents = self.store.progress_figures(by_document=True).documents or []
            self.documents.set_rows(self.figures.documents)

    # -- agreement ----------------------------------------------------------------------------------------------

    def _measure(self) -> None:
        if self.closed:
            return
        self._measuring = Measuring(self.open_store, self.name, self.lead)
        self._measuring.counted.connect(self._counted)
        self._measuring.measured.connect(self._measured)
        self._measuring.failed.connect(self._failed)
        _RUNNING.add(self._measuring)
        self._measuring.start()

    def _counted(self, figures: Progress) -> None:
        if self.closed:
            return
        figures.documents = self.figures.documents
        self.figures = figures
        self._show_figures()

    def _measured(self, agreement: Agreement | None) -> None:
        if self.closed:
            return
        self.agreement = agreement
        for person in self.figures.annotators.values():
            person.agreement = agreement.by_annotator.get(person.name, {}) if agreement else {}
        self.people.set_rows(list(self.figures.annotators.values()))
        old = self.plot_row.itemAt(2)
        if old is not None and old.widget() is not None:
            old.widget().deleteLater()  # type: ignore[union-attr]
            self.plot_row.removeItem(old)
        plot = self._agreement_plot()
        plot.setObjectName("agreement-plot")
        self.plot_row.addWidget(plot)
        self._summarise()

    def _failed(self, text: str) -> None:
        if not self.closed:
            self.summary.setText(f"{self.summary.text()} {text}")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:  # counted and measured after the first paint
            self._painted = True
            QTimer.singleShot(0, self._measure)
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        super().closeEvent(event)
        self.store.close()


def open_progress(
    parent: QWidget, open_store: StoreOpener, session: Session, progress: ProgressWindow | None
) -> ProgressWindow:
    """Open the progress window beside ``parent`` as ``session``'s annotator (or bring the open one forward)."""
    if progress is not None and (progress.closed or progress.name != session.annotator):
        if not progress.closed:
            progress.close()
        progress.deleteLater()
        progress = None
    if progress is None:
        progress = ProgressWindow(parent, open_store, session.annotator)
    progress.show()
    progress.raise_()
    progress.activateWindow()
    return progress
