"""Idle work that falls in one turn of the event loop shares one budget: what does not fit waits for the next turn."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

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
