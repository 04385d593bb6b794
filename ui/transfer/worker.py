"""Long work off the GUI thread: a thread with its own Store, which reports by queued signals.

A database connection must not cross threads, so the worker opens the project again with the window's Store opener
(as the same person, held to the same role) and closes it when the work ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from db.store import Store
from ui.wiring import StoreOpener

EVERY = 0.05
"""Seconds between two progress signals: the GUI needs no more, and a flood of signals would slow it."""


class Worker(QThread):
    """Runs ``task(store, worker)`` once, in its own thread.

    The task reports with ``worker.step(count)`` and ``worker.size(total)`` and asks ``worker.cancelled()``; the
    signals reach the GUI thread queued, in the order they were sent, ``succeeded`` or ``failed`` last.
    """

    sized = Signal(object)  # the total the steps count up to
    progressed = Signal(object)  # the steps done so far
    succeeded = Signal(object)  # what the task returned
    failed = Signal(object)  # the exception that ended it (db.transfer.Cancelled after a cancel)

    def __init__(
        self, parent: QObject, open_store: StoreOpener, user: str, task: Callable[[Store, Worker], object]
    ) -> None:
        super().__init__(parent)
        self.open_store, self.user, self.task = open_store, user, task
        self.done = 0
        self._cancel = threading.Event()
        self._shown = 0.0

    def cancel(self) -> None:
        """Ask the task to stop at its next step (called from the GUI thread)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def size(self, total: int) -> None:
        self.sized.emit(total)

    def step(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._shown >= EVERY:
            self._shown = now
            self.progressed.emit(self.done)

    def run(self) -> None:
        try:
            with self.open_store(self.user) as store:
                result = self.task(store, self)
        except Exception as error:
            self.progressed.emit(self.done)
            self.failed.emit(error)
        else:
            self.progressed.emit(self.done)
            self.succeeded.emit(result)
