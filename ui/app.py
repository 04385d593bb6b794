"""Starting the window: open the Store, show the main window, and turn failures into dialogs.

``build_main_window`` is the seam for tests: it returns the window without starting the event loop. It and ``run``
take the ``StoreOpener`` that the composition root (``annotator.cli``) made for the project.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QProgressDialog

from annotator.errors import AnnotatorError, Busy
from annotator.logs import log_unexpected
from annotator.proposal import Proposer
from db.store import Store
from ui.errors import dialog, excepthook, what_to_do
from ui.main_window import MainWindow
from ui.read_only_banner import add_read_only_banner
from ui.waiting import give_up_seconds
from ui.wiring import StoreOpener

WAITING_TEXT = (
    "Opening the project… The project is busy: another program is writing to it (or it is being brought up to "
    "date). annotator waits, and opens it as soon as it is free."
)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("annotator")
        app.setOrganizationName("annotator")
    return cast(QApplication, app)  # instance() is typed as the base class; here it is always a QApplication


def opened_visibly(open_store: StoreOpener, annotator: str) -> Store:
    """``open_store(annotator)``, showing a window that says why as long as it waits for another program (opening
    writes only for a new person or a migration, and then waits for another program's write). It is opened in a
    thread, tried again on ``Busy`` up to the give-up time, and handed to the window's thread (SQLAlchemy lets a
    SQLite connection of its pool move between threads)."""
    outcome: list[Store | BaseException] = []

    def opening() -> None:
        deadline = time.monotonic() + give_up_seconds()
        while True:
            try:
                outcome.append(open_store(annotator))
                return
            except Busy as error:
                if time.monotonic() > deadline:
                    outcome.append(error)
                    return
            except BaseException as error:  # raised below, in the window's thread
                outcome.append(error)
                return

    thread = threading.Thread(target=opening, name="opening the project", daemon=True)
    thread.start()
    began, box = time.monotonic(), None
    while thread.is_alive():
        if box is None and time.monotonic() - began > 0.3:  # not for an opening that is merely not instant
            box = QProgressDialog(WAITING_TEXT, "", 0, 0)
            box.setWindowTitle("annotator")
            box.setCancelButton(None)  # no button: it opens, or says why not
            box.show()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
        thread.join(0.01)
    if box is not None:
        box.close()
    (opened,) = outcome
    if isinstance(opened, BaseException):
        raise opened
    return opened


def build_main_window(
    open_store: StoreOpener,
    annotator: str,
    *,
    prepare: Callable[[Store], object] | None = None,
    propose: Proposer | None = None,
) -> MainWindow:
    """The main window on the project that ``open_store`` opens, as ``annotator``, at their first open document.

    ``annotator`` is registered on first use; ``prepare`` runs on the Store before the window reads it (the
    command line fills a new default database with the seed articles there). ``propose`` makes the proposals the
    window shows (None: it shows none).
    """
    application()
    store = opened_visibly(open_store, annotator)
    try:
        if prepare is not None:
            prepare(store)
        window = MainWindow(store, annotator, open_store, propose)
        add_read_only_banner(window, store)
        window.open_first()
    except BaseException:
        store.close()
        raise
    return window


def run(
    open_store: StoreOpener,
    annotator: str,
    *,
    prepare: Callable[[Store], object] | None = None,
    propose: Proposer | None = None,
) -> int:
    """Open the window and run until it closes; the exit status."""
    app = application()
    sys.excepthook = excepthook
    try:
        window = build_main_window(open_store, annotator, prepare=prepare, propose=propose)
    except AnnotatorError as error:
        dialog("The project cannot be opened", str(error), what_to_do(str(error)))
        return 1
    except Exception as error:
        path = log_unexpected(error)
        dialog(
            "annotator stopped", f"Unexpected error: {error.__class__.__name__}: {error}", f"The details are in {path}."
        )
        return 3
    window.show()
    status = app.exec()
    window.store.close()
    return status
