"""The statements panel at the window's default size: a long claim is shown by how it begins and how it ends, on
two lines that fit its column; the target editor opens with the project's targets listed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QComboBox

from db.store import Store
from ui.claim_cells import CLAIM_SHARE
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, keyboard_select

CLAIM = (
    "The importance of Azerbaijan in the system of international relations, which is developing day by day under "
    "the leadership of our head of state Mr. Ilham Aliyev, is constantly increasing."
)


def test_a_long_claim_shows_its_beginning_and_its_end_in_its_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert (window.width(), window.height()) == (1360, 860)  # the default size
    text = window.session.document.text
    start = text.index(CLAIM)
    keyboard_select(qtbot, window, start, start + len(CLAIM))
    qtbot.keyClick(window.view, "c")
    table, model = window.statements, window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    index = model.index(0, 0)
    width = table.columnWidth(0)
    assert width >= CLAIM_SHARE * table.viewport().width() - 1
    # What the cell draws: two lines, each as wide as the column at most, the first the claim's beginning and the
    # second its end, the middle elided; the whole claim is the cell's tooltip.
    first, second = table.lines(0)[0]
    assert CLAIM.startswith(first) and len(first) > 15
    assert "…" in second and CLAIM.endswith(second.split("…")[-1])
    metrics = QFontMetrics(table.font())
    assert max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second)) <= width
    assert table.rowHeight(0) >= 2 * metrics.lineSpacing()
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == CLAIM
    # The stance and the quote type keep their width: their values are shown whole.
    qtbot.keyClick(window.view, "2")
    stance = next(n for n, c in enumerate(model.columns) if c.title == "stance")
    assert table.columnWidth(stance) >= QFontMetrics(table.font()).horizontalAdvance("AGAINST")


def test_the_target_editor_opens_with_its_list_and_a_choice_from_it_is_stored(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    start = text.index("Islamic solidarity")
    keyboard_select(qtbot, window, start, start + 18)
    qtbot.keyClick(window.view, "c")
    click_span(qtbot, window, start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    editor = QApplication.focusWidget()
    box = editor if isinstance(editor, QComboBox) else editor.parentWidget()
    assert isinstance(box, QComboBox)
    completer = box.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())  # listed at once: no key to open the list
    assert completer.completionCount() == len(store.targets())
    qtbot.keyClicks(box.lineEdit(), "caucas")  # typing narrows the list
    qtbot.waitUntil(lambda: completer.completionCount() == 1)
    popup = completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.layer(FIRST, "alice").spans[0].attrs.get("target") == "Peace in the South Caucasus")
    qtbot.waitUntil(lambda: window.statements.state() != window.statements.State.EditingState)
