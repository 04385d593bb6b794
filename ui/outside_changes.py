"""Changes made to the open layer from outside this window (another window on the same project, a script, an
import), noticed and shown.

The layer's version is read (one small read: the layer's row) when the window is activated again and once a second
while it is idle; where it differs from the version the session holds, the document is read again, and the span
that was selected (found again by its place in the text and its label) stays selected. The undo history stays: an
undo of an edit the outside change touched is refused by the change model (``Reverts``: a version never seen here
is like no other), with a message, as any conflict is.

On PostgreSQL the changes are pushed as well (``db.notifying``): a connection of the window's own listens, a
``QSocketNotifier`` on its socket says when something came (the GUI thread never waits for it), and a change to the
open document is checked at once; other documents' changes are not read at all. The notification names a document
only: the version is read through the window's own permissions. While changes are pushed the poll runs every
``PUSHED_INTERVAL_MS`` only, as a fallback; where the database sends none (SQLite, or a team whose owner has not
made the trigger) it runs every ``INTERVAL_MS``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from db.notifying import Listener, listen
from db.store import Store
from ui.session import Session
from ui.wiring import MessageSink

INTERVAL_MS = 1000
PUSHED_INTERVAL_MS = 10_000
"""The poll while PostgreSQL pushes the changes: only for one that came while the window could not take it."""


class OutsideChanges(QObject):
    def __init__(self, window: QWidget, session: Session, tell: MessageSink) -> None:
        super().__init__(window)
        self.window, self.session, self.tell = window, session, tell
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._listener: Listener | None = None
        self._notifier: QSocketNotifier | None = None
        self._listening_to: Store | None = None
        self._listen()
        window.installEventFilter(self)

    @property
    def pushed(self) -> bool:
        """Whether the database pushes the changes to this window (PostgreSQL, its trigger made)."""
        return self._listener is not None and self._listener.pushed and self._listener.alive

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self, self.check)  # after the activation is handled: the window is painted first
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self._stop_listening()
        return False

    def _listen(self) -> None:
        """Listen on the session's Store (again, when the window has opened another project or person since)."""
        self._stop_listening()
        self._listener = listen(self.session.store)
        self._listening_to = self.session.store
        if self._listener is not None:
            self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._received)
        self._timer.setInterval(PUSHED_INTERVAL_MS if self.pushed else INTERVAL_MS)

    def _stop_listening(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        self._listening_to = None  # a window whose closing was called off listens again at its next check
        self._timer.setInterval(INTERVAL_MS)

    def _received(self) -> None:
        listener = self._listener
        if listener is None:
            return
        changed = listener.received()
        if not listener.alive:  # the connection is lost: the poll is left, at its full pace
            self._stop_listening()
        if self.session.doc_id in changed:
            if self._ready():
                self.check()
            else:  # pushed while the window cannot take it: checked again in a moment, not at the next slow poll
                QTimer.singleShot(INTERVAL_MS, self, self.check)

    def stored_version(self) -> int | None:
        """The open layer's version as stored (0: no layer yet); None when nothing is open or it cannot be read."""
        session = self.session
        if session.document is None:
            return None
        try:
            # The layer's row and the spans before its first character (none): the cheapest read of its version.
            start = session.store.layer_start(session.document.doc_id, session.annotator, before=0)
        except Exception:  # a poll: busy, gone or closed; the next edit says so, and the next check tries again
            return None
        return 0 if start is None else start.version

    def check(self) -> bool:
        """Read the open document again if its layer was changed from outside; whether it was."""
        session = self.session
        if not self.window.isVisible():  # closed (its Store with it), or not shown yet
            return False
        if session.store is not self._listening_to:  # another project or person opened
            self._listen()
        if not self._ready():
            return False
        stored = self.stored_version()
        if stored is None or stored == session.version:
            return False
        self.reread()
        return True

    def _ready(self) -> bool:
        """Whether the open document may be read again now: not while it is read, nor under the person's hands."""
        if self.session.loading or QApplication.activePopupWidget() is not None or QApplication.activeModalWidget():
            return False
        return not isinstance(QApplication.focusWidget(), QLineEdit | QComboBox)  # an editor open: a cell, a speaker

    def reread(self) -> None:
        session = self.session
        doc_id = session.doc_id
        assert doc_id is not None
        selected = session.selected_span()
        session.document = None
        session.open(doc_id)
        if selected is not None:
            again = session.spans.find(selected.start, selected.end, selected.label)
            session.select(again.key if again is not None else None)
        title = session.document.title if session.document is not None else ""
        self.tell(f"{title or doc_id}: changed elsewhere (another window?); shown as it is now")
