"""A key's change is drawn in the article first: the statements table (its rows, its scroll bar, its current row
following the selected claim) and the target list under the article follow in a turn of their own, and then show
the change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.model import Document, LayerRecord
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import click_span, keyboard_select
from window.painted import Painted

SENTENCE = "The minister said that the cooperation between the two countries will grow in the coming years."
TEXT = "\n\n".join(f"{n}. {SENTENCE}" for n in range(80))  # eighty paragraphs, each with a claim


def claim_at(paragraph: int) -> int:
    return TEXT.index("the cooperation", TEXT.index(f"{paragraph}. "))


def key_drawn(qtbot, widget: QWidget, key: str | Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` and draw what it updated, as the turn after a key does (nothing else of the next turns)."""
    qtbot.keyClick(widget, key)
    QApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)


def test_the_table_and_the_target_list_follow_an_edit_a_turn_later(qtbot, db: Path, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("many", TEXT, "Many"), None))], source="test")
        for paragraph in range(1, 80):
            at = claim_at(paragraph)
            store.add_span("many", "alice", at, at + 15, "CLAIM")
        said = TEXT.index("said", TEXT.index("1. "))  # the next paragraph's cue: none in the tagged claim's own
        cue = store.add_span("many", "alice", said, said + 4, "CUE").added[0]
    window.open_document("many")
    view, session, table, model = window.view, window.session, window.statements, window.statements_model
    targets = window.tagging.targets
    qtbot.waitUntil(lambda: not session.loading and not model.filling and model.rowCount() == 79)
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() > 0, timeout=2000)  # laid out as it is drawn
    assert bar.isVisible() and bar.maximum() > 0, "the test needs a table that scrolls"
    qtbot.wait(50)
    article, rows, scroll, target_list = (Painted(w) for w in (view.viewport(), table.viewport(), bar, targets))

    # A tag: the article shows the new claim in the key's turn; the table's new row, its scroll bar's new range and
    # its current row come in a later turn.
    start = claim_at(0)
    keyboard_select(qtbot, window, start, start + 15)
    qtbot.wait(50)
    for painted in (article, rows, scroll, target_list):
        painted.clear()
    maximum = bar.maximum()
    key_drawn(qtbot, view, "c")
    assert article.count >= 1
    assert (rows.count, scroll.count, target_list.count) == (0, 0, 0)
    assert model.rowCount() == 80  # the row is in: only its drawing waits
    new = session.selected_span()
    assert new is not None and new.label == "CLAIM" and new.start == start
    qtbot.waitUntil(lambda: rows.count > 0 and scroll.count > 0 and bar.maximum() > maximum, timeout=2000)
    qtbot.waitUntil(lambda: table.currentIndex().row() == model.row_of(new.key), timeout=2000)
    qtbot.waitUntil(targets.isEnabled, timeout=2000)  # a claim takes a target: its keys are offered

    # A link to the cue (u, Tab to the cue, Enter): the claim's row shows the cue, after the article's paint.
    qtbot.keyClick(view, "u")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert session.selected == cue.key
    qtbot.waitUntil(lambda: not targets.isEnabled(), timeout=2000)  # a cue takes none
    qtbot.wait(50)
    for painted in (article, rows, scroll, target_list):
        painted.clear()
    key_drawn(qtbot, view, Qt.Key.Key_Return)
    assert session.selected == new.key and article.count >= 1
    assert (rows.count, target_list.count) == (0, 0)
    row = model.row_of(new.key)
    qtbot.waitUntil(lambda: rows.count > 0 and target_list.count > 0, timeout=2000)
    assert "said" in [model.index(row, column).data() for column in range(model.columnCount())]
    assert targets.isEnabled()
    click_span(qtbot, window, claim_at(40) + 3)  # a click in the text: the row follows, as after a key
    qtbot.waitUntil(lambda: table.currentIndex().row() == model.row_of(session.selected or ""), timeout=2000)
