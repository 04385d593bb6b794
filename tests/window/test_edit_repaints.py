"""What an edit draws again: the article's rows of the paragraph it changed (not the whole viewport), and the document
list's span count without a read of the layer; what shows is the edit all the same (its pixels, the disk)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, drag_select
from window.painted import Painted, stroked

WORDS = "the mass media"  # in a paragraph of the first seed article, with other paragraphs in view


def block_rows(window: MainWindow, cp: int) -> tuple[int, int]:
    """The rows of the viewport the paragraph holding code point ``cp`` is drawn over."""
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(window.session.positions.to_utf16(cp))
    geometry = view.blockBoundingGeometry(cursor.block()).translated(view.contentOffset())
    return int(geometry.top()), int(geometry.bottom())


def test_a_tag_draws_again_only_its_paragraph(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    at = window.session.document.text.index(WORDS)  # type: ignore[union-attr]
    drag_select(qtbot, window, at, at + len(WORDS))
    top, bottom = block_rows(window, at)
    height = view.viewport().height()
    assert bottom - top < height / 2, "the paragraph is a part of what the viewport shows"
    qtbot.wait(50)
    painted = Painted(view.viewport())
    qtbot.keyClick(view, "c")
    qtbot.waitUntil(lambda: bool(painted.rects))
    qtbot.wait(50)  # and whatever else the edit set off
    assert [
        (s.label, window.session.text_of(s))
        for s in store.layer(FIRST, "alice").spans  # type: ignore[union-attr]
    ] == [("CLAIM", WORDS)]
    assert all(top - 8 <= rect.top() and rect.bottom() <= bottom + 8 for rect in painted.rects), (
        f"the paragraph is rows {top} to {bottom}; drawn again: {[(r.top(), r.bottom()) for r in painted.rects]}"
    )
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the new claim's outline goes: its bar shows
    assert stroked(window, at + 4, window.styles["CLAIM"].colour, "top")

    # Undone: the same rows, and the fill is gone.
    painted.clear()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(painted.rects))
    qtbot.wait(50)
    assert store.layer(FIRST, "alice").spans == ()  # type: ignore[union-attr]
    assert all(top - 8 <= rect.top() and rect.bottom() <= bottom + 8 for rect in painted.rects)
    assert not stroked(window, at + 4, window.styles["CLAIM"].colour, "top")


def test_the_lists_span_count_follows_edits_unread(qtbot, window: MainWindow, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    model, view = window.documents.model, window.view
    reads: list[str] = []
    read = model.store.document_entries
    monkeypatch.setattr(model.store, "document_entries", lambda *a, **k: reads.append("entry") or read(*a, **k))
    text = window.session.document.text  # type: ignore[union-attr]
    row = model.row_of(FIRST)
    shown = model.index(row, model.COLUMNS.index("spans"))

    def tag(words: str, key: str) -> None:
        at = text.index(words)
        drag_select(qtbot, window, at, at + len(words))
        qtbot.keyClick(view, key)

    tag(WORDS, "c")  # the first: the status moves to in progress, the entry is read again
    qtbot.waitUntil(lambda: model.data(shown) == "1")
    assert model.entries[row].status.value == "in_progress" and reads
    reads.clear()
    tag("Sattar Mohbaliyev", "s")
    qtbot.waitUntil(lambda: model.data(shown) == "2")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.data(shown) == "1")
    assert reads == [], "a span count known to the window is not read again"
    entries = {e.doc_id: e for e in store.document_entries("alice")}
    assert entries[FIRST].spans == 1 == len(store.layer(FIRST, "alice").spans)  # type: ignore[union-attr]
