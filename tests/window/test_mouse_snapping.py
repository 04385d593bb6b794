"""What a drag with the mouse tags: whole words, but not a possessive nor a word barely touched."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, drag, keyboard_select, point_of


def stored(store: Store, label: str) -> list[str]:
    text = store.document(FIRST).text
    layer = store.layer(FIRST, "alice")
    return [text[s.start : s.end] for s in layer.spans if s.label == label] if layer else []


def drag_to(qtbot, window: MainWindow, start: int, there: QPoint) -> None:  # type: ignore[no-untyped-def]
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start))
    qtbot.mouseMove(viewport, pos=there)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=there)


def test_a_drag_over_a_name_before_a_possessive_tags_the_name(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    name = "President Ilham Aliyev"
    start = text.index(name + "’s")
    drag(qtbot, window, start, start + len(name))
    qtbot.keyClick(window.view, "s")
    assert stored(store, "SPEAKER") == [name]
    # The registry's alias fills in the canonical speaker.
    [speaker] = [s for s in store.layer(FIRST, "alice").spans if s.label == "SPEAKER"]  # type: ignore[union-attr]
    assert speaker.attrs.get("speaker") == "Ilham Aliyev"


def test_a_drag_that_touches_the_next_word_leaves_it_out(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index("The chairman of ATUC added")
    added = text.index("added", start)
    # Past the middle of the first letter of "added" (Qt then selects that letter): one letter of five.
    left, right = point_of(window, added), point_of(window, added + 1)
    drag_to(qtbot, window, start, QPoint(left.x() + (right.x() - left.x()) * 3 // 4, left.y()))
    cursor = window.view.textCursor()
    assert text[cursor.selectionStart() : cursor.selectionEnd()] == "The chairman of ATUC a"
    qtbot.keyClick(window.view, "s")
    assert stored(store, "SPEAKER") == ["The chairman of ATUC"]


def test_a_possessive_selected_by_keys_is_kept(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index("Ilham Aliyev’s views")
    keyboard_select(qtbot, window, start, start + len("Ilham Aliyev’s"))
    qtbot.keyClick(window.view, "s")
    assert stored(store, "SPEAKER") == ["Ilham Aliyev’s"]
