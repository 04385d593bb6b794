"""The statements table by keys: F2 edits the current cell (as the README says), the quote type included."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from db.store import Store
from ui.main_window import MainWindow
from ui.statements import Part
from window.conftest import FIRST, drag_select

CLAIM = "represents our country in all the regional and international events he participates in"
CTRL = Qt.KeyboardModifier.ControlModifier


def column_of(window: MainWindow, part: Part) -> int:
    return next(n for n, column in enumerate(window.statements_model.columns) if column.part == part)


def quote_type(store: Store) -> str | None:
    claims = [s for s in store.layer(FIRST, "alice").spans if s.label == "CLAIM"]  # type: ignore[union-attr]
    assert len(claims) == 1
    return claims[0].attrs.get("quote_type")


def test_f2_on_a_cell_opens_that_cells_editor_and_the_quote_type_is_set_by_keys(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store
) -> None:
    text = window.session.document.text  # type: ignore[union-attr]
    speaker = text.index("President Ilham Aliyev")
    drag_select(qtbot, window, speaker, speaker + len("President Ilham Aliyev"))
    qtbot.keyClick(window.view, "s")
    start = text.index(CLAIM)
    drag_select(qtbot, window, start, start + len(CLAIM))
    qtbot.keyClick(window.view, "c")
    table, model = window.statements, window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    quote = column_of(window, Part.QUOTE_TYPE)
    assert model.index(0, quote).data() == "direct"
    # Ctrl+2 goes to the table, on the claim's row; End walks to its last cell, the quote type.
    qtbot.keyClick(window.view, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_End)
    assert table.currentIndex().column() == quote
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and editor.currentData() == "direct"
    assert not window.speaker_editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(0, quote).data() == "indirect")  # Qt commits an editor at the next turn
    assert quote_type(store) == "indirect" and table.hasFocus()
    # F2 on the source cell edits it in the table too (its canonical speaker), not in the popup over the article.
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == column_of(window, Part.SOURCE)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit) and line.text() == "Ilham Aliyev" and not window.speaker_editor.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(table.hasFocus)
    # q in the table steps the quote type of the row's claim, as in the article.
    qtbot.keyClick(table, "q")
    assert quote_type(store) == "mixed"
