"""The window's clock for the open document: time that means something.

It runs only while the window is active and its annotator is not idle. No key or mouse input for ``idle_seconds``
(``window.ini``, 120 by default) stops it, and those idle seconds do not count: the stretch ends at the last input.
A stretch of work (``annotator.progress.WorkPeriod``) ends when the annotator goes idle, the window is deactivated,
the document is left or the window closed, or the layer's status is set; the session stores it then, with the
layer's time, in one transaction. The next key or click (or the window active again) begins the next stretch.

Input is seen by an event filter on the application: one comparison per event. The time source is injectable
(``now``: monotonic seconds), so that tests need not wait for two minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from annotator.errors import AnnotatorError
from annotator.model import Relation, Span
from annotator.progress import WorkPeriod, held_statements, held_statements_in_steps
from annotator.schema import Schema
from db.store import Store
from ui import idle_turn
from ui.remembered import settings

IDLE_SETTING = "idle_seconds"
IDLE_SECONDS = 120
CHECK_MS = 1000  # how often a stretch is checked for idleness (the time itself comes from ``now``)
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
_CHANGING = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
"""The input that may change the open layer (``_INPUT``'s other kinds never do)."""


def idle_seconds() -> float:
    """The idle threshold from ``window.ini`` (a positive number of seconds), else the default."""
    value = settings().value(IDLE_SETTING, IDLE_SECONDS)
    try:
        seconds = float(str(value))
    except ValueError:
        return IDLE_SECONDS
    return seconds if seconds > 0 else IDLE_SECONDS


class WorkClock(QObject):
    ended = Signal()  # a stretch ended by itself (idle, window deactivated): ``take`` it and store it

    def __init__(self, parent: QObject, statements: Callable[[], int], whole: SignalInstance | None = None) -> None:
        """``statements``: how many the open layer holds; ``whole``: a signal that the open layer is read whole,
        when a stretch begun by an open counts them (``start``)."""
        super().__init__(parent)
        self.now: Callable[[], float] = time.monotonic
        self.idle = idle_seconds()
        self.statements = statements  # how many the open layer holds: where a stretch's gain is counted from
        self.active = True  # until a window is watched
        self._window: QWidget | None = None
        self._open = False  # a document is open
        self._begun: float | None = None  # when the running stretch began; None: the clock is stopped
        self._wall = datetime.now(UTC)
        self._before: int | None = 0  # None: not counted yet (see ``start``)
        self._armed = False  # a key or a click came while the layer was read: it may be making a change
        self._last_input = 0.0
        self._ended: WorkPeriod | None = None
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self.check)
        self._later = QTimer(self)  # the count, in a turn of its own after the layer's last part
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._count_when_idle)
        self.counting: Callable[[], Iterator[int | None]] | None = None  # the count in parts (None: whole)
        self._counting: Iterator[int | None] | None = None  # the count under way
        if whole is not None:
            whole.connect(self._whole)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    @property
    def running(self) -> bool:
        return self._begun is not None

    def watch(self, window: QWidget) -> None:
        """Count only while ``window`` is the active window."""
        self._window = window
        self.active = window.isActiveWindow()

    def start(self) -> None:
        """A document was opened: its first stretch begins now (if the window is active). Its statements are counted
        once its layer is read whole (every change reads it whole first: see ``_whole``), or when the stretch ends,
        whichever comes first; not in the open, before the first paint (the Store's count read the layer: 5 ms at
        2,000 spans, 33 at 20,000)."""
        self._open, self._ended = True, None
        if self.active:
            self._begin(self.now(), count=False)

    def take(self) -> WorkPeriod | None:
        """The stretch that ended by itself, else the running one ended now (at the last input if the annotator
        has been idle since); None when nothing was counted. The clock stays stopped until the next input."""
        ended, self._ended = self._ended, None
        if ended is not None:
            return ended
        if self._begun is None:
            return None
        at = self.now()
        return self._stop(min(at, self._last_input + self.idle))

    def check(self) -> None:
        """End the running stretch if the annotator has been idle too long."""
        if self._begun is not None and self.now() - self._last_input >= self.idle:
            self._end(self._last_input)

    # -- what the application tells ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT:
            if self._begun is not None and self._before is None:
                self._uncounted_input(kind)
            self._input()
        elif watched is self._window and self._window is not None:
            if kind == QEvent.Type.WindowActivate:
                self._activated(True)
            elif kind == QEvent.Type.WindowDeactivate:
                self._activated(False)
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self._activated(False)

    def _activated(self, active: bool) -> None:
        self.active = active
        if active and self._open and self._begun is None:
            self._begin(self.now())
        elif not active and self._begun is not None:
            self._end(min(self.now(), self._last_input + self.idle))

    def _input(self) -> None:
        at = self.now()
        if self._begun is not None and at - self._last_input >= self.idle:
            self._end(self._last_input)  # idle since then: that stretch is stored, and a new one begins
        if self._begun is None and self.active and self._open:
            self._begin(at)
        self._last_input = at

    # -- stretches ----------------------------------------------------------------------------------------------

    def _begin(self, at: float, *, count: bool = True) -> None:
        self._begun, self._last_input, self._wall, self._before = at, at, datetime.now(UTC), None
        if count:
            self.count()
        self._check.start()

    def _whole(self) -> None:
        # The open layer is read whole. Read in idle turns, it is counted in a turn of its own (the last part's turn
        # is long enough at 20,000 spans); read at once for a change a key or a click is making, now, before it.
        if self._begun is None or self._before is not None:
            return
        if self._armed:
            self.count()
        else:
            self._later.start(0)

    def _uncounted_input(self, kind: QEvent.Type) -> None:
        if self._later.isActive():  # the layer is whole: counted before the input may change it
            self.count()
        elif kind in _CHANGING:  # the layer is still read: a change would read it whole first (``_whole``)
            self._armed = True

    def _count_when_idle(self) -> None:
        """The count, in idle turns with room for it (``idle_turn``): a part of the layer's relations a turn where
        ``counting`` says how (15 to 20 ms in one turn at 60,000 spans), else whole (5 ms at 20,000 spans)."""
        if self.counting is None:
            if not idle_turn.run(0.006, self.count):
                self._later.start(0)
            return
        if self._counting is None:
            self._counting = self.counting()
        if not idle_turn.run(0.003, self._count_step):
            self._later.start(0)

    def _count_step(self) -> None:
        assert self._counting is not None
        try:
            counted = next(self._counting)
        except AnnotatorError:  # the project is busy: counted as ``count`` would
            counted = None
            self.count()
        if counted is None:
            if self._counting is not None:
                self._later.start(0)
            return
        self._counting = None
        self._later.stop()
        self._armed = False
        if self._begun is not None and self._before is None:
            self._before = counted

    def count(self) -> None:
        """Count the statements the running stretch began with, if they are not counted yet."""
        self._later.stop()
        self._armed, self._counting = False, None
        if self._begun is None or self._before is not None:
            return
        try:
            self._before = self.statements()
        except AnnotatorError:  # the project is busy: the gain is counted from none
            self._before = 0

    def _stop(self, at: float) -> WorkPeriod:
        self.count()
        begun = self._begun if self._begun is not None else at
        self._begun = None
        self._check.stop()
        active_ms = max(0, round((at - begun) * 1000))
        return WorkPeriod(self._wall, active_ms, self._before or 0)

    def _end(self, at: float) -> None:
        self._ended = self._stop(at)
        self.ended.emit()


class OpenLayer(Protocol):
    """What ``statements_held`` reads of a ``ui.session.Session`` (which this module may not import: it imports
    this one)."""

    store: Store
    schema: Schema
    annotator: str

    @property
    def doc_id(self) -> str | None: ...
    @property
    def loading(self) -> bool: ...
    @property
    def spans(self) -> Mapping[str, Span]: ...
    @property
    def relations(self) -> Mapping[str, Relation]: ...


def statements_held(session: OpenLayer) -> int:
    """How many statements the session's open layer holds: counted in the layer as read once it is whole, else by
    the Store (which reads the layer's spans for it)."""
    if session.loading:
        return session.store.statement_count(session.doc_id or "", session.annotator)
    return held_statements(session.schema.statement, session.spans, session.relations.values())


def statements_held_in_steps(session: OpenLayer) -> Iterator[int | None]:
    """``statements_held`` a part at a time, once the layer is whole (see ``held_statements_in_steps``)."""
    if session.loading:
        yield statements_held(session)
        return
    yield from held_statements_in_steps(session.schema.statement, session.spans, session.relations.values())
