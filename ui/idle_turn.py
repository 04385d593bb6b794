"""One budget of time for the work a turn of the event loop does while the window is idle.

Several parts of the window work in slices when the event loop is idle: the rest of a layer read a part at a time
(``session``), blocks highlighted (``highlighter``), the statements panel filled and its rows' lines cut
(``statements``, ``statements_view``), the work clock's count (``work_clock``). Each is a zero-interval timer, and
Qt fires every timer that is due in the same turn: each slice was short, but together they made turns of 16 to 20
ms at 20,000 spans. (The proposals' indexing, which runs once proposals have come, keeps its own 4 ms slice.)
Here the turn keeps one account: the event dispatcher's ``awake``, emitted once a turn, opens it; a slice asks
whether there is room for it (``room``) and, if there is none, waits for the next turn; what it does is counted
(``spending``). The first slice of a turn always finds room, so every part moves on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractEventDispatcher

BUDGET = 0.006
"""Seconds of idle work in one turn: the rest of a 16 ms frame is left to the paints the turn ends with (a
whole window, 5 to 7 ms) and to a key that comes."""


class _Turn:
    def __init__(self) -> None:
        self.spent = 0.0
        self.watched: QAbstractEventDispatcher | None = None

    def new_turn(self) -> None:
        self.spent = 0.0

    def watch(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None and dispatcher is not self.watched:
            dispatcher.awake.connect(self.new_turn)
            self.watched, self.spent = dispatcher, 0.0


_turn = _Turn()


def left() -> float:
    """Seconds of this turn's budget not yet spent (negative when a slice ran over)."""
    _turn.watch()
    return BUDGET - _turn.spent


def room(needed: float) -> bool:
    """Whether a slice that takes about ``needed`` seconds fits in this turn: it does if nothing ran before it."""
    _turn.watch()
    return _turn.spent == 0.0 or BUDGET - _turn.spent >= needed


@contextmanager
def spending() -> Iterator[None]:
    """Count the time of the block against this turn."""
    began = time.perf_counter()
    try:
        yield
    finally:
        _turn.spent += time.perf_counter() - began


def run(needed: float, work: Callable[[], object]) -> bool:
    """Do ``work`` now if there is room for about ``needed`` seconds of it in this turn, counted; whether it ran."""
    if not room(needed):
        return False
    with spending():
        work()
    return True
