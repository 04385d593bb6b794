"""Idle work that falls in one turn of the event loop shares one budget: what does not fit waits for the next turn."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from ui import idle_turn


def busy(seconds: float) -> None:
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass


def test_a_slice_that_does_not_fit_in_its_turn_runs_in_the_next(qtbot) -> None:  # type: ignore[no-untyped-def]
    ran: list[tuple[str, int]] = []
    turns = [0]
    beat = QTimer()
    beat.setInterval(0)
    beat.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    first, second = QTimer(), QTimer()
    for timer in (first, second):
        timer.setSingleShot(True)
        timer.setInterval(0)

    def long_slice() -> None:
        idle_turn.run(0.001, lambda: busy(idle_turn.BUDGET * 0.9))
        ran.append(("long", turns[0]))

    def short_slice() -> None:
        if idle_turn.run(idle_turn.BUDGET / 2, lambda: None):
            ran.append(("short", turns[0]))
        else:
            second.start()  # as the window's slices do: again at the next turn

    first.timeout.connect(long_slice)
    second.timeout.connect(short_slice)
    beat.start()
    qtbot.wait(20)  # the beat counts turns from here
    first.start()
    second.start()  # due in the same turn as the long slice
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=2000)
    beat.stop()
    (long_name, long_turn), (short_name, short_turn) = ran
    assert (long_name, short_name) == ("long", "short")
    assert short_turn > long_turn  # it waited: the long slice had spent most of that turn's budget


def test_the_first_slice_of_a_turn_always_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    ran: list[bool] = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: ran.append(idle_turn.run(idle_turn.BUDGET * 10, lambda: None)))
    qtbot.wait(10)
    timer.start(0)
    qtbot.waitUntil(lambda: ran != [], timeout=2000)
    assert ran == [True]  # even one that asks for more than a whole budget: nothing ran before it


class Slow(QWidget):
    """A window whose paint takes more than a turn's budget, as the whole window's does after a document opens."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log
        self.after: QTimer | None = None  # started by the next paint

    def paintEvent(self, _event: QPaintEvent) -> None:
        busy(idle_turn.BUDGET * 1.5)
        self.log.append("paint")
        if self.after is not None:
            self.after.start()
            self.after = None


def test_a_turn_that_drew_the_window_past_the_budget_leaves_its_slices_to_the_next(qtbot) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    window = Slow(log)
    qtbot.addWidget(window)
    idle_turn.watch_paints(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    waits = [0]
    slice_timer = QTimer()
    slice_timer.setSingleShot(True)
    slice_timer.setInterval(0)

    def a_slice() -> None:
        if idle_turn.run(0.001, lambda: None):
            log.append(f"slice after {waits[0]} waits")
        else:
            waits[0] += 1
            slice_timer.start()

    slice_timer.timeout.connect(a_slice)
    log.clear()
    window.update()  # drawn at the start of the next turn, before its timers
    slice_timer.start()
    qtbot.waitUntil(lambda: any(entry.startswith("slice") for entry in log), timeout=2000)
    assert log[0] == "paint"
    assert log[-1] == "slice after 1 waits"  # not in the turn the paint filled: in the next one

    # Turns that each draw past the budget hold idle work back for at most PASSES turns in a row.
    log.clear()
    waits[0] = 0
    drawing = QTimer()
    drawing.setInterval(0)
    drawing.timeout.connect(window.update)
    window.after = slice_timer  # the first slice comes after a paint, and every turn after draws again
    drawing.start()
    qtbot.waitUntil(lambda: any(entry.startswith("slice") for entry in log), timeout=2000)
    drawing.stop()
    assert waits[0] == idle_turn.PASSES
