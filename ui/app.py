"""Starting the window: open the Store, show the main window, and turn failures into dialogs.

``build_main_window`` is the seam for tests: it returns the window without starting the event loop. It and ``run``
take the ``StoreOpener`` that the composition root (``annotator.cli``) made for the project.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import cast

from PySide6.QtWidgets import QApplication

from annotator.errors import AnnotatorError
from annotator.logs import log_unexpected
from annotator.proposal import Proposer
from db.store import Store
from ui.errors import dialog, excepthook, what_to_do
from ui.main_window import MainWindow
from ui.read_only_banner import add_read_only_banner
from ui.wiring import StoreOpener


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("annotator")
        app.setOrganizationName("annotator")
    return cast(QApplication, app)  # instance() is typed as the base class; here it is always a QApplication


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
    store = open_store(annotator)
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
