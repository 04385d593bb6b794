"""A first start that teaches: an empty panel says how to fill it, and the F1 help is a sheet nothing shows
through."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from annotator.cli.window import store_opener
from annotator.model import Document, LayerRecord
from db.store import Store
from ui.empty_hints import EmptyHint
from ui.help import SHEET, HelpOverlay
from ui.main_window import MainWindow
from window.conftest import FIRST, drag, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


def hint_of(widget) -> EmptyHint:  # type: ignore[no-untyped-def]
    hints = widget.findChildren(EmptyHint)
    assert len(hints) == 1
    return hints[0]


def test_an_empty_project_says_how_to_import(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, store_opener(tmp_path / "empty.db"), "alice")  # no seed articles
    try:
        documents, article = hint_of(window.documents.table), hint_of(window.view)
        assert documents.isVisible() and article.isVisible()
        assert "No documents yet" in documents.text() and "Ctrl+I" in documents.text()
        assert "annotator import" in documents.text()
        assert "No document is open" in article.text()
        assert not hint_of(window.statements).isVisible()  # nothing to tag yet
        # The hint is on the screen, over the list: its words are drawn there (dark on the list's background).
        image = window.documents.table.viewport().grab().toImage()
        background = window.documents.table.palette().base().color()
        assert any(
            QColor(image.pixel(x, y)) != background
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        # Articles come in (File > Import): the list fills and the hint goes.
        with Store.open(tmp_path / "empty.db") as store:
            document = Document("one", "A title\n\nSomeone said something.", "A title")
            store.import_records([(1, LayerRecord(document, None))], source="test")
        window.documents.model.refresh()  # as File > Import does when it is done
        qtbot.waitUntil(lambda: not documents.isVisible())
    finally:
        window.close()


def test_an_empty_layer_says_how_to_tag_and_the_filter_says_when_nothing_matches(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    statements = hint_of(window.statements)
    qtbot.waitUntil(statements.isVisible)
    assert "No statements yet" in statements.text()
    assert "press c to tag a CLAIM" in statements.text()
    assert "SPEAKER (s)" in statements.text() and "CUE (v)" in statements.text()
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index("expressed these views")
    drag(qtbot, window, start, start + len("expressed these views"))
    qtbot.keyClick(window.view, "c")
    qtbot.waitUntil(lambda: not statements.isVisible())
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(statements.isVisible)
    # A filter that matches nothing says so (not "no documents").
    documents = hint_of(window.documents.table)
    assert not documents.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.documents.filter, "no such article anywhere")
    qtbot.waitUntil(documents.isVisible)
    assert documents.text() == "No document matches the filter."
    assert window.session.doc_id == FIRST


def test_the_help_is_an_opaque_sheet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    overlay = window.findChild(HelpOverlay)
    assert overlay.isVisible()
    sheet = QColor(*(int(part) for part in SHEET[4:-1].split(",")))
    # Over the article, most pixels are exactly the sheet's colour (the rest the help's own text): the article's
    # white page would show through a translucent sheet as a lighter shade everywhere.
    image = window.grab().toImage()
    corner = window.view.viewport().mapTo(window, QPoint(0, 0))
    ratio = image.devicePixelRatio()
    seen = [
        QColor(image.pixel(int((corner.x() + x) * ratio), int((corner.y() + y) * ratio)))
        for x in range(4, 200, 5)
        for y in range(4, 120, 5)
    ]
    assert sum(pixel == sheet for pixel in seen) > len(seen) // 2
    assert overlay.heightForWidth(overlay.width()) <= overlay.height()  # every key fits on the sheet
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
