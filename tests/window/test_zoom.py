"""The article's text larger and smaller by keys and Ctrl+wheel, back to the default with Ctrl+0, remembered when
the window opens again; the strokes and arcs follow the new size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.cli.window import store_opener
from ui.app import build_main_window
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def size(window: MainWindow) -> float:
    return window.view.font().pointSizeF()


def ctrl_wheel(window: MainWindow, steps: int) -> None:
    viewport = window.view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(viewport.rect().center())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        CTRL,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_zoom_keys_change_the_articles_text_and_the_size_is_remembered(qtbot, window: MainWindow, db: Path) -> None:  # type: ignore[no-untyped-def]
    default = size(window)
    line = window.view.fontMetrics().lineSpacing()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    assert size(window) == default + 2
    assert window.view.fontMetrics().lineSpacing() > line  # the text is laid out anew, larger
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, CTRL)
    assert size(window) == default + 1
    ctrl_wheel(window, 1)  # Ctrl+wheel goes the same way, and is remembered the same
    ctrl_wheel(window, 1)
    assert size(window) == default + 3
    qtbot.keyClick(window.view, Qt.Key.Key_0, CTRL)
    assert size(window) == default
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    window.close()
    again = build_main_window(store_opener(db), "alice")
    qtbot.addWidget(again)
    try:
        assert size(again) == default + 2
        assert again.view.stroke >= window.view.stroke  # the strokes are sized to the text
    finally:
        again.close()


def test_zoom_is_in_the_view_menu_with_its_keys(window: MainWindow) -> None:
    menu = window.options.menu
    shortcuts = {action.text(): [key.toString() for key in action.shortcuts()] for action in menu.actions()}
    assert shortcuts["Zoom in"][0] == "Ctrl+="
    assert shortcuts["Zoom out"] == ["Ctrl+-"]
    assert shortcuts["Actual size"] == ["Ctrl+0"]
    assert shortcuts["Show the paragraph's links"] == ["Ctrl+Shift+L"]
    assert menu.menuAction() in window.menuBar().actions()
