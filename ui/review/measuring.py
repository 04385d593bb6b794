"""The project's agreement figures, measured off the GUI thread: every document's layers are read and compared,
which over a large project takes a while. The window stays usable meanwhile, and closing it stops the job."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from annotator.agreement import DocumentLayers, Report, measure
from annotator.errors import AnnotatorError
from annotator.logs import log_unexpected
from annotator.statement import stance_values
from db.store import Store
from ui.review.ranking import GoldState

PROGRESS_EVERY = 100  # documents between two progress signals


@dataclass(frozen=True, slots=True)
class Measured:
    """The figures, with the titles of the documents and the state of each one's gold layer."""

    report: Report
    titles: dict[str, str]
    gold: dict[str, GoldState]


class _Stopped(Exception):
    pass


class Measuring(QThread):
    measured = Signal(object)  # Measured
    failed = Signal(str)
    progressed = Signal(int)  # documents read so far

    def __init__(self, store: Store, status: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.status = status

    def run(self) -> None:
        gold: dict[str, GoldState] = {}
        try:
            schema = self.store.schema
            report = measure(
                self._documents(gold),
                labels=schema.label_names,
                stance_values=stance_values(schema),
                statement=schema.statement,
            )
            titles = {summary.doc_id: summary.title for summary in self.store.documents()}
        except _Stopped:
            return
        except AnnotatorError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:
            path = log_unexpected(error)
            self.failed.emit(f"unexpected error: {error.__class__.__name__}: {error}; the details are in {path}")
            return
        if not self.isInterruptionRequested():
            self.measured.emit(Measured(report, titles, gold))

    def _documents(self, gold: dict[str, GoldState]) -> Iterator[DocumentLayers]:
        for count, document in enumerate(self.store.agreement_layers(status=self.status, with_gold=True), 1):
            if self.isInterruptionRequested():
                raise _Stopped
            if document.gold is not None:
                gold[document.doc_id] = GoldState(len(document.gold.spans), document.gold.status)
            if count % PROGRESS_EVERY == 0:
                self.progressed.emit(count)
            yield document

    def stop(self) -> None:
        """Ask the job to stop at the next document, and wait for it."""
        self.requestInterruption()
        self.wait()
