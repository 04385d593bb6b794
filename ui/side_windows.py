"""The windows that the main window opens over or beside itself: File > Import, File > Export, the review and
progress.

Each is loaded when first asked for, to keep start-up short, and is handed what it uses rather than the main
window: the widget it opens over, the Store opener, the session (who is working, with which Store, on which
document) and a sink for the status bar's messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ui.errors import guarded
from ui.session import Session
from ui.wiring import MessageSink, StoreOpener

if TYPE_CHECKING:
    from ui.review.progress_window import ProgressWindow
    from ui.review.window import ReviewWindow


class SideWindows(QObject):
    imported = Signal(object)  # an ImportJob that has ended, whole or in part: what the window shows may be old

    def __init__(self, window: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink) -> None:
        super().__init__(window)
        self.window, self.open_store, self.session, self.tell = window, open_store, session, tell
        self.review: ReviewWindow | None = None  # the review last opened, kept to bring it forward again
        self.progress: ProgressWindow | None = None  # the same for Review > Progress

    @guarded
    def import_files(self) -> None:
        from ui.transfer import import_dialog

        import_dialog(self.window, self.open_store, self.session, self.tell).imported.connect(self.imported)

    @guarded
    def export_files(self) -> None:
        from ui.transfer import export_dialog

        export_dialog(self.window, self.open_store, self.session, self.tell)

    @guarded
    def open_review(self) -> None:
        """The review, for a lead: opened beside the window, or brought forward; refused with a message to others."""
        from ui.review import open_review

        self.review = open_review(self.window, self.open_store, self.session, self.tell, self.review)

    @guarded
    def open_progress(self) -> None:
        """Review > Progress: everyone's figures for a lead, one's own for an annotator (pyqtgraph loads now)."""
        from ui.review.progress_window import open_progress

        self.progress = open_progress(self.window, self.open_store, self.session, self.progress)
