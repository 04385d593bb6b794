"""One budget of time for the work a turn of the event loop does while the window is idle.

Several parts of the window work in slices when the event loop is idle: the rest of a layer read a part at a time
(``session``), blocks highlighted (``highlighter``), the statements panel filled and its rows' lines cut
(``statements``, ``statements_view``), the work clock's count (``work_clock``). Each is a zero-interval timer, and
Qt fires every timer that is due in the same turn: each slice was short, but together they made turns of 16 to 20
ms at 20,000 spans. (The proposals' indexing, which runs once proposals have come, keeps its own 4 ms slice.)
Here the turn keeps one account: the event dispatcher's ``awake``, emitted once a turn, opens it; a slice asks
whether there is room for it (``room``) in what the turn has taken so far, by the clock, and, if there is none,
waits for the next turn; what it does is counted as idle work (``spending``). The clock counts what came before the
slices too: Qt draws what was updated at the start of a turn, before its timers, so a turn that has drawn the whole
window (5 to 8 ms, after a document opens) has no room left for a part of the layer. The first slice of a turn finds
room unless the turn has drawn the window (``watch_paints``) and is full already; then it waits, for at most
``PASSES`` turns, so every part moves on. (What a key's handler does before is not counted against the first slice:
the panel's first part, in the turn that opens a document, is part of the opening.)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QWidget

BUDGET = 0.006
"""Seconds of a turn that idle work may take it to: the rest of a 16 ms frame is left to the paints the turn ends
with (a whole window, 5 to 7 ms) and to a key that comes."""

PASSES = 2
"""Turns in a row that idle work may wait for, each full before its first slice."""


class _Turn:
    def __init__(self) -> None:
        self.spent = 0.0  # seconds of idle work this turn
        self.began = time.perf_counter()  # when the turn began (the dispatcher woke)
        self.passed = 0  # turns in a row whose first slice found them full already
        self.passing = False  # whether this turn has been counted in ``passed``
        self.painted = False  # whether this turn has drawn a window (``watch_paints``)
        self.watched: QAbstractEventDispatcher | None = None

    def new_turn(self) -> None:
        self.spent, self.began, self.passing, self.painted = 0.0, time.perf_counter(), False, False

    def watch(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None and dispatcher is not self.watched:
            dispatcher.awake.connect(self.new_turn)
            self.watched = dispatcher
            self.new_turn()

    def taken(self) -> float:
        """Seconds this turn has taken so far: idle work and what came before it (a paint, a key)."""
        return time.perf_counter() - self.began


_turn = _Turn()


class _Paints(QObject):
    """Notes that the turn draws the window it watches (Qt sends a window one ``UpdateRequest`` to draw all that
    was updated in it)."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            _turn.painted = True
        return False


def watch_paints(window: QWidget) -> None:
    """Count the paints of ``window`` (a top-level window) in the turns they come in."""
    paints = _Paints(window)
    window.installEventFilter(paints)


def left() -> float:
    """Seconds of this turn's budget not yet taken (negative when it ran over)."""
    _turn.watch()
    return BUDGET - _turn.taken()


def room(needed: float) -> bool:
    """Whether a slice that takes about ``needed`` seconds fits in this turn. The first slice of a turn does,
    unless the turn has drawn a window (``watch_paints``) and that took the budget already: then it waits for the
    next turn, though never for more than ``PASSES`` turns in a row, so every part moves on."""
    _turn.watch()
    if _turn.spent == 0.0:
        if not _turn.painted or _turn.taken() < BUDGET or _turn.passed >= PASSES:
            _turn.passed = 0
            return True
        if not _turn.passing:
            _turn.passing = True
            _turn.passed += 1
        return False
    return BUDGET - _turn.taken() >= needed


@contextmanager
def spending() -> Iterator[None]:
    """Count the block as idle work of this turn."""
    began = time.perf_counter()
    try:
        yield
    finally:
        _turn.spent += max(time.perf_counter() - began, 1e-9)


def run(needed: float, work: Callable[[], object]) -> bool:
    """Do ``work`` now if there is room for about ``needed`` seconds of it in this turn, counted; whether it ran."""
    if not room(needed):
        return False
    with spending():
        work()
    return True
