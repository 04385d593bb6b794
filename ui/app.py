"""Starting the window: open the Store, show the main window, and turn failures into dialogs.

``build_main_window`` is the seam for tests: it returns the window without starting the event loop.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.errors import AnnotatorError
from annotator.logs import log_unexpected
from db.store import Store
from ui.main_window import MainWindow

WHAT_TO_DO = [
    ("locked", "Another program is writing to it. Wait a moment and start again, or close the other program."),
    ("newer", "It was made by a newer annotator: install that version to open it."),
    ("not a database", "Choose another file with --db, or move this one aside."),
    ("readonly", "You may not write to this file: check its permissions, or copy it somewhere you can write."),
    ("read-only", "You may not write to this file: check its permissions, or copy it somewhere you can write."),
    ("does not exist", "Create the folder first, or choose another place with --db."),
    ("connection", "Check that the server is running and that the URL, user name and password are right."),
]


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("annotator")
        app.setOrganizationName("annotator")
    return app  # type: ignore[return-value]


def build_main_window(
    db: str | Path, annotator: str, *, prepare: Callable[[Store], object] | None = None
) -> MainWindow:
    """The main window on the database ``db`` (a path or URL), as ``annotator``, at their first open document.

    ``annotator`` is registered on first use; ``prepare`` runs on the Store before the window reads it (the
    command line fills a new default database with the seed articles there).
    """
    application()
    store = Store.open(db)
    try:
        if prepare is not None:
            prepare(store)
        if store.annotator(annotator) is None:
            store.add_annotator(annotator)
        window = MainWindow(store, annotator)
        window.open_first()
    except BaseException:
        store.close()
        raise
    window.destroyed.connect(store.close)
    return window


def what_to_do(message: str) -> str:
    lowered = message.lower()
    return next((advice for needle, advice in WHAT_TO_DO if needle in lowered), "")


def run(db: str | Path, annotator: str, *, prepare: Callable[[Store], object] | None = None) -> int:
    """Open the window and run until it closes; the exit status."""
    app = application()
    sys.excepthook = _report_unexpected
    try:
        window = build_main_window(db, annotator, prepare=prepare)
    except AnnotatorError as error:
        _dialog("The project cannot be opened", str(error), what_to_do(str(error)))
        return 1
    except Exception as error:
        path = log_unexpected(error)
        _dialog(
            "annotator stopped", f"Unexpected error: {error.__class__.__name__}: {error}", f"The details are in {path}."
        )
        return 3
    window.show()
    status = app.exec()
    window.store.close()
    return status


def _dialog(title: str, text: str, advice: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if advice:
        box.setInformativeText(advice)
    box.exec()


def _report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Errors escaping a Qt slot: logged with the traceback; the person is told where, and work goes on."""
    if isinstance(error, KeyboardInterrupt):
        QApplication.quit()
        return
    path = log_unexpected(error.with_traceback(trace))
    if isinstance(error, AnnotatorError):
        _dialog("Not done", str(error), what_to_do(str(error)))
        return
    _dialog(
        "Something went wrong",
        f"Unexpected error: {kind.__name__}: {error}",
        f"The details are in {path}. What you saved before is safe: every edit is stored as you make it.",
    )
