"""Edits that wait while another program holds the project's write lock: the window never stops for the database.

The window's Store waits only ``WAIT_MS`` for the lock (``Store.hurry``); an edit that meets a held lock raises
``Busy`` and is kept here, in order, with every edit made after it, and the banner says that the project is busy and
what waits. Every ``RETRY_MS`` the first is tried again (each try holds the event loop ``WAIT_MS`` at most); as soon
as the lock goes, the waiting edits are stored one by one, each built on the layer as the ones before left it
(an edit is kept as the function that makes it, not as a change built on the old version). Undo takes back a
waiting edit, which is then never stored. An undo or redo of a stored edit waits here too (``ui.commands``), shown
at once. After the give-up time (the setting ``waiting/give_up_seconds`` in ``window.ini``, ``GIVE_UP_SECONDS`` by
default) the waiting edits are dropped and the banner says plainly that they were NOT stored; the screen shows what
is stored (a waiting edit was never shown; a waiting undo or redo is taken off it, and ``given_up`` says so).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QElapsedTimer, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.change import LayerChange
from annotator.errors import AnnotatorError, Busy
from annotator.logs import APP
from ui.errors import report

WAIT_MS = 20
"""How long one try holds the event loop waiting for the lock."""
RETRY_MS = 40
"""Between two tries: the window paints and answers keys meanwhile."""
GIVE_UP_SECONDS = 120.0
"""How long edits wait for a busy project before they are dropped (the setting overrides it)."""
GIVE_UP_SETTING = "waiting/give_up_seconds"

Edit = Callable[[], LayerChange]
Where = tuple[str | None, str]
"""The open document and whose layer it is: a waiting edit is made only there."""


class Waiting:
    """One edit that waits: what undo calls it, how to make it, on which layer (document, annotator), and what to
    do if it is given up (``dropped``: an undo shown at once is taken off the screen)."""

    def __init__(
        self,
        text: str,
        edit: Edit,
        stored: Callable[[LayerChange], None],
        layer: Where,
        dropped: Callable[[], None] | None = None,
        back: str = "Ctrl+Z",
    ) -> None:
        self.text, self.edit, self.stored, self.layer, self.dropped = text, edit, stored, layer, dropped
        self.back = back  # the key that takes it back: Ctrl+Y for an undo that waits


def give_up_seconds() -> float:
    """The setting, or ``GIVE_UP_SECONDS``."""
    path = Path(platformdirs.user_config_dir(APP)) / "window.ini"
    value = QSettings(str(path), QSettings.Format.IniFormat).value(GIVE_UP_SETTING, GIVE_UP_SECONDS)
    try:
        return max(float(str(value)), 1.0)
    except ValueError:
        return GIVE_UP_SECONDS


class WaitingEdits(QObject):
    """The queue of waiting edits, its timer and its banner (shown above the article while anything waits).

    ``writable`` asks whether the lock is free before a waiting edit is made again (a tag's edit reads the layer
    and finds its links each time it runs): a try costs the event loop only its wait for the lock."""

    message = Signal(str)  # for the status bar: what was stored, taken back or given up
    given_up = Signal()  # the waiting edits were dropped (after their ``dropped``)

    def __init__(self, writable: Callable[[], bool], where: Callable[[], Where]) -> None:
        super().__init__()
        self.writable, self.where = writable, where
        self.queue: deque[Waiting] = deque()
        self.give_up_after = give_up_seconds()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3b0; color: #3a2f00; padding: 4px; }")
        self.banner.hide()
        self._since = QElapsedTimer()  # since the first waiting edit met the lock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._try)

    @property
    def busy(self) -> bool:
        """Whether edits wait: a new edit queues behind them."""
        return bool(self.queue)

    def add(self, waiting: Waiting) -> None:
        """Keep ``waiting`` until the lock goes (behind any edit that waits already)."""
        if not self.queue:
            self._since.start()
            self._timer.start(RETRY_MS)
        self.queue.append(waiting)
        self._show()

    def take_back(self, waiting: Waiting) -> bool:
        """Drop ``waiting`` if it still waits (an undo): True if it did, and so was never stored."""
        if waiting not in self.queue:
            return False
        self.queue.remove(waiting)
        self.message.emit(f"“{waiting.text}” taken back: it was never stored")
        if not self.queue:
            self._timer.stop()
        self._show()
        return True

    def _try(self) -> None:
        while self.queue:
            first = self.queue[0]
            if first.layer != self.where():  # another document or annotator opened meanwhile: not made elsewhere
                self._give_up("another document or annotator was opened while it waited")
                return
            try:
                if not self.writable():
                    raise Busy
                change = first.edit()
            except Busy:
                if self._since.elapsed() > self.give_up_after * 1000:
                    self._give_up(
                        f"the project stayed busy for {self.give_up_after:.0f} s (another program is writing to it)"
                    )
                else:
                    self._show()
                    self._timer.start(RETRY_MS)
                return
            except AnnotatorError as error:
                self.queue.popleft()
                self.message.emit(f"“{first.text}” not done: {error}")
                continue
            except Exception as error:  # reported as any slot's (logged, a dialog); the edits after it go on
                self.queue.popleft()
                report(error)
                continue
            self.queue.popleft()
            first.stored(change)
            self.message.emit(f"“{first.text}” stored after waiting {self._since.elapsed() / 1000:.1f} s")
            if self.queue:  # one edit a turn: the window paints each before the next is stored
                self._show()
                self._timer.start(0)
                return
        self._show()

    def _give_up(self, why: str) -> None:
        texts = [waiting.text for waiting in self.queue]
        dropped = list(self.queue)
        self.queue.clear()
        for waiting in reversed(dropped):  # the last shown is the first taken off the screen
            if waiting.dropped is not None:
                waiting.dropped()
        self.given_up.emit()
        what = f"“{texts[0]}”" + (f" and {len(texts) - 1} later edit(s)" if len(texts) > 1 else "")
        text = f"NOT stored: {what}. {why[0].upper()}{why[1:]}. The window shows what is stored; make the edit again."
        self.banner.setText(text)
        self.banner.show()
        self.message.emit(text)

    def _show(self) -> None:
        if not self.queue:
            if self.banner.text().startswith("The project is busy"):
                self.banner.hide()
            return
        waited = self._since.elapsed() / 1000
        more = f" and {len(self.queue) - 1} later edit(s)" if len(self.queue) > 1 else ""
        self.banner.setText(
            f"The project is busy: another program is writing to it. “{self.queue[0].text}”{more} wait(s) to be "
            f"stored ({waited:.0f} s; stored as soon as it is free, given up after {self.give_up_after:.0f} s; "
            f"{self.queue[-1].back} takes the last back)."
        )
        self.banner.show()
