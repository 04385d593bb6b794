"""The window on a fresh database with the seed articles, and what a person's hands do to it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from db.store import Store
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.wiring import StoreOpener

FIRST = "01-azerbaijan-islamic-solidarity"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


def put_away(widgets: Iterable[QWidget]) -> None:
    """Close ``widgets`` and delete them now: ``deleteLater`` alone waits for an event loop that, between tests,
    does not run its deferred deletions (a closed window lived on, its timers still running in later tests)."""
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main_windows() -> list[MainWindow]:
    return [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, MainWindow)]


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """Fails a test that leaves a main window alive once it is over (each window a test opens is registered with
    ``qtbot.addWidget``, as ``shown_window`` does, which closes it at teardown); what it left is put away, so that
    the next test starts without it."""
    yield
    put_away(())  # what qtbot closed at teardown, deleted now
    left = main_windows()
    put_away(left)
    assert not left, f"{len(left)} main window(s) left alive after the test: open them with shown_window(qtbot, ...)"


def shown_window(qtbot, opener: StoreOpener, annotator: str, **options: Any) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window of ``annotator`` on ``opener``'s project, shown (``options``: ``build_main_window``'s);
    closed and deleted when the test ends."""
    main = build_main_window(opener, annotator, **options)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def window(qtbot, db: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot, store_opener(db), "alice", prepare=load_seeds)


@pytest.fixture
def store(db: Path, window: MainWindow) -> Iterator[Store]:
    """A second, independent connection: what is on disk, not what the window remembers."""
    with Store.open(db) as other:
        yield other


def point_of(window: MainWindow, cp: int) -> QPoint:
    """Where, in the article's viewport, the gap before code point ``cp`` is drawn; scrolls there first."""
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(window.session.positions.to_utf16(cp))
    rect = view.cursorRect(cursor)
    if not view.viewport().rect().contains(rect.center()):
        line = (
            cursor.block().firstLineNumber()
            + cursor.block().layout().lineForTextPosition(cursor.positionInBlock()).lineNumber()
        )
        view.verticalScrollBar().setValue(max(line - 3, 0))
        rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def inside(window: MainWindow, cp: int) -> QPoint:
    """A point on the character at ``cp`` (for clicking a span)."""
    left = point_of(window, cp)
    right = point_of(window, cp + 1)
    if right.y() != left.y():
        return QPoint(left.x() + 3, left.y())
    return QPoint((left.x() + right.x()) // 2, left.y())


def drag_select(qtbot, window: MainWindow, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Click before ``start`` and Shift+click before ``end``, as a person selects with the mouse."""
    viewport = window.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=point_of(window, end))


def drag(qtbot, window: MainWindow, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Press before ``start``, move to before ``end`` and let go: one drag, as a person selects with the mouse."""
    viewport = window.view.viewport()
    here, there = point_of(window, start), point_of(window, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=here)
    qtbot.mouseMove(viewport, pos=there)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=there)


def click_span(qtbot, window: MainWindow, cp: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=inside(window, cp))


def key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifier)


def keyboard_select(qtbot, window: MainWindow, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Click into the text near ``start``, walk there with the arrow keys, then Shift+Right to ``end``.

    Qt moves the cursor logically (not visually), so this selects right-to-left text as reliably as any.
    """
    view = window.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=inside(window, start))
    to16 = window.session.positions.to_utf16
    for _ in range(20):
        here = view.textCursor().position()
        if here == to16(start):
            break
        qtbot.keyClick(view, Qt.Key.Key_Left if here > to16(start) else Qt.Key.Key_Right)
    assert view.textCursor().position() == to16(start)
    for _ in range(end - start + 5):
        if view.textCursor().position() >= to16(end):
            break
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert (view.textCursor().selectionStart(), view.textCursor().selectionEnd()) == (to16(start), to16(end))


def answer_dialog(seen: list[tuple[str, str]]) -> None:
    """Read the dialog that is about to open and press OK, as a person would."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append((box.text(), box.informativeText()))
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, look)


def answer_loose_ends(qtbot, key: Qt.Key = Qt.Key.Key_D) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Press ``key`` in the list of what a document leaves open, which Ctrl+Enter is about to show (D: done anyway);
    the list shown is added to what this returns. Looks for a few seconds at most: a test that expects the list
    asserts that it came."""
    from ui.done_check import LooseEndsDialog

    shown: list[list[str]] = []

    def look(tries: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LooseEndsDialog):
            if tries:
                QTimer.singleShot(20, lambda: look(tries - 1))
            return
        shown.append([dialog.list.item(n).text() for n in range(dialog.list.count())])
        window = dialog.parentWidget()
        qtbot.keyClick(dialog.list, key)
        window.activateWindow()  # the offscreen platform leaves no window active after a dialog: its shortcuts

    QTimer.singleShot(0, lambda: look(250))
    return shown
