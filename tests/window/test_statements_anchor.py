"""The statements table keeps the rows in view where they are when a row goes above them (an undo), draws nothing of
them again then, and draws what the table shows: each row's lines, the selected one in the selection's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.model import Document, Layer, LayerRecord, Span, Status
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import keyboard_select
from window.painted import Painted

SENTENCES = [f"Report {n}: the minister said that cooperation will grow." for n in range(60)]
TEXT = "Opening words of the article.\n\n" + "\n\n".join(SENTENCES)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def reports(db: Path, window: MainWindow) -> MainWindow:
    """The window on "reports": 60 claims, more rows than the table shows at once."""
    spans = [
        Span(f"s{n + 1}", (at := TEXT.index(s) + s.index("cooperation")), at + len("cooperation will grow"), "CLAIM")
        for n, s in enumerate(SENTENCES)
    ]
    with Store.open(db) as store:
        layer = Layer("reports", "alice", Status.IN_PROGRESS, 0, tuple(spans))
        store.import_records([(1, LayerRecord(Document("reports", TEXT, "Reports"), layer))], source="test")
    window.open_document("reports")
    return window


def top_key(window: MainWindow) -> str:
    table = window.statements
    return str(table.model().index(table.rowAt(0), 0).data(Qt.ItemDataRole.UserRole))


def settled(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = window.statements
    qtbot.waitUntil(lambda: not window.statements_model.filling and table.viewport().updatesEnabled())
    for _ in range(5):
        QApplication.processEvents()


def test_rows_in_view_stay_put_when_a_row_above_them_goes(qtbot, reports: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window, table, model = reports, reports.statements, reports.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 60)
    # A claim tagged in the opening words: the first row, selected; then the table's last row, by keys.
    keyboard_select(qtbot, window, 0, len("Opening words"))
    qtbot.keyClick(window.view, "c")
    tagged = window.session.selected
    qtbot.waitUntil(lambda: model.rowCount() == 61 and model.row_of(tagged) == 0)
    qtbot.keyClick(window.view, Qt.Key.Key_2, CTRL)  # to the statements
    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    qtbot.keyClick(table, Qt.Key.Key_PageUp)  # the middle of the table: rows above the viewport and below
    settled(qtbot, window)
    chosen, bar = window.session.selected, table.verticalScrollBar()
    assert chosen is not None and 0 < bar.value() < bar.maximum() and table.rowAt(0) > 0
    before, first = top_key(window), table.rowAt(0)
    paints = Painted(table.viewport())

    # Undo the tag: its row, above the viewport, goes; the rows in view are the same rows, in the same places, and
    # none of them is drawn again.
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: model.rowCount() == 60)
    settled(qtbot, window)
    assert top_key(window) == before and table.rowAt(0) == first - 1
    assert window.session.selected == chosen and model.row_of(chosen) == table.currentIndex().row()
    assert paints.area == 0.0
    # A row that changes in view is drawn again, and only its row: the selected claim's stance, by its key.
    qtbot.keyClick(table, "1")
    settled(qtbot, window)
    assert model.index(model.row_of(chosen), 3).data() == "FAVOR" and top_key(window) == before
    assert 0 < paints.area < 0.2


def test_the_table_draws_each_rows_lines_and_the_selected_row_in_the_selections_colours(  # type: ignore[no-untyped-def]
    qtbot, reports: MainWindow
) -> None:
    window, table, model = reports, reports.statements, reports.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 60)
    qtbot.keyClick(window.view, Qt.Key.Key_2, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the second row: selected, and its claim in the article
    assert window.session.selected == "s2"
    settled(qtbot, window)
    assert table.lines(1)[0] == ("cooperation will grow",)
    image = table.viewport().grab().toImage()
    ratio = table.viewport().devicePixelRatioF()
    palette = table.palette()
    highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)

    def colours(row: int) -> set[int]:
        rect = table.visualRect(model.index(row, 0))
        y = int((rect.top() + 3) * ratio)
        return {image.pixel(int(x * ratio), y) for x in range(rect.left() + 1, rect.right() - 1)}

    assert colours(1) <= {highlight.rgb(), inactive.rgb(), QColor(highlight).rgba(), QColor(inactive).rgba()}
    assert palette.color(QPalette.ColorRole.Base).rgba() in colours(2) | {QColor(image.pixel(2, 2)).rgba()}
    # And its text: the claim's row shows dark pixels (the text) in the first column, none in the empty ones.
    rect = table.visualRect(model.index(2, 0))
    inked = [
        image.pixel(int(x * ratio), int(y * ratio))
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    ]
    assert any(QColor(pixel).lightness() < 128 for pixel in inked)
    empty = table.visualRect(model.index(2, 3))
    blank = {
        image.pixel(int(x * ratio), int((empty.top() + empty.bottom()) / 2 * ratio))
        for x in range(empty.left() + 1, empty.right() - 2)
    }
    assert all(QColor(pixel).lightness() > 128 for pixel in blank)
