"""The boxes drawn around spans of the box channel (CUE in the default schema) and the selected span's outline:
on the screen where the span is, gone when it is, and in the right place again at another width."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor

from ui.main_window import MainWindow
from window.conftest import drag_select, point_of


def left_edge(window: MainWindow, cp: int) -> QPoint:
    """Just left of the character at ``cp``, halfway down its line: where a box around a span from ``cp`` runs.
    Scrolls there first."""
    point_of(window, cp)
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.session.positions.to_utf16(cp))
    rect = window.view.cursorRect(cursor)
    return QPoint(rect.left() - 1, rect.center().y())


def shade(window: MainWindow, point: QPoint) -> QColor:
    return QColor(window.view.viewport().grab().toImage().pixel(point))


def near(colour: QColor, other: QColor) -> bool:
    return abs(colour.hue() - other.hue()) < 30 and colour.saturation() > 60


def framed(window: MainWindow, cp: int, colour: QColor) -> bool:
    """Whether a line of ``colour`` runs just left of the character at ``cp`` (antialiased: one of a few pixels)."""
    edge = left_edge(window, cp)
    image = window.view.viewport().grab().toImage()
    return any(near(QColor(image.pixel(QPoint(edge.x() + dx, edge.y()))), colour) for dx in range(-3, 2))


def test_a_box_is_drawn_where_the_cue_is_and_follows_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index("expressed these views")
    end = start + len("expressed")
    background = window.view.palette().base().color()
    cue = window.styles["CUE"].colour
    assert shade(window, left_edge(window, start)) == background
    drag_select(qtbot, window, start, end)
    qtbot.keyClick(window.view, "v")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # no outline: the box alone
    assert framed(window, start, cue)
    # Narrower, the paragraph wraps anew: the box is found again where the word is now.
    window.resize(window.width() - 300, window.height())
    qtbot.waitUntil(lambda: framed(window, start, cue))
    # Undone, the box goes.
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shade(window, left_edge(window, start)) == background)


def test_the_selected_span_is_outlined_and_the_outline_moves_with_the_selection(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    first, second = text.index("expressed these views"), text.index("According to")
    for start, phrase in ((first, "expressed"), (second, "According")):
        drag_select(qtbot, window, start, start + len(phrase))
        qtbot.keyClick(window.view, "c")
    red = QColor("#d0103a")
    assert framed(window, second, red)  # the new span is selected: outlined
    assert not framed(window, first, red)
    qtbot.keyClick(window.view, Qt.Key.Key_Backtab)  # the one before
    qtbot.waitUntil(lambda: framed(window, first, red))
    assert not framed(window, second, red)
