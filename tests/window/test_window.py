"""The window's parts, each used as a person uses it: the list, the article, the statements, help, annotators."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.cli.window import store_opener
from annotator.model import Document, LayerRecord, Status
from annotator.text import normalise
from db.store import Store
from samples import TRICKY_TEXT
from ui.app import build_main_window
from ui.document_list import DocumentListModel
from ui.help import HelpOverlay, key_map
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, drag_select, inside, keyboard_select, point_of

SECOND = "02-islamic-solidarity-foreign-policy-priority"


def test_the_item_models_pass_the_model_tester(qtmodeltester, qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.documents.model, force_py=True)
    store.add_span(FIRST, "alice", 3, 10, "CLAIM")
    window.session.document = None
    window.open_document(FIRST)
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 1)
    qtmodeltester.check(window.statements_model, force_py=True)


def test_a_long_list_is_read_a_page_at_a_time(qtmodeltester, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "many.db"
    with Store.open(db) as store:
        records = [(n, LayerRecord(Document(f"doc-{n:05d}", f"text {n}", f"Title {n}"), None)) for n in range(1, 1201)]
        store.import_records(records, source="test")
        store.add_annotator("alice")
        store.set_status("doc-00007", "alice", Status.DONE)
        model = DocumentListModel(store, "alice")
        assert model.total == 1200 and model.rowCount() == 200  # one page, not 1,200 rows
        qtmodeltester.check(model, force_py=True)
        assert model.row_of("doc-01100") == 1099 and model.rowCount() >= 1100
        model.set_filter("title 7", None)
        assert model.total == len([n for n in range(1, 1201) if "7" in str(n) and str(n).startswith("7")])
        model.set_filter("", Status.DONE)
        assert [e.doc_id for e in model.entries] == ["doc-00007"]
        model.set_filter("", Status.TODO)
        assert model.total == 1199


def test_filtering_the_list_by_text_and_status(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    documents = window.documents
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert documents.filter.hasFocus()
    qtbot.keyClicks(documents.filter, "turkic")
    assert [e.doc_id for e in documents.model.entries] == ["03-organization-of-turkic-states"]
    # Enter opens the first match, and the article takes the keys; Down in the filter does the same.
    qtbot.keyClick(documents.filter, Qt.Key.Key_Return)
    assert window.session.doc_id == "03-organization-of-turkic-states" and window.view.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    documents.filter.clear()
    qtbot.keyClicks(documents.filter, "oic")
    qtbot.keyClick(documents.filter, Qt.Key.Key_Down)
    assert window.session.doc_id == documents.model.entries[0].doc_id != "03-organization-of-turkic-states"
    assert window.view.hasFocus()
    documents.filter.clear()
    assert documents.model.rowCount() == 5
    store.set_status(SECOND, "alice", Status.DONE)
    documents.status.setCurrentIndex(documents.status.findText("done"))
    assert [e.doc_id for e in documents.model.entries] == [SECOND]
    documents.update_progress()
    assert documents.progress.text() == "1 / 5 done"
    # A click on a row opens that document.
    documents.status.setCurrentIndex(0)
    rect = documents.table.visualRect(documents.model.index(2, 0))
    qtbot.mouseClick(documents.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.doc_id == "03-organization-of-turkic-states"
    assert window.title.text() == window.session.document.title


def test_an_annotator_sees_only_their_own_layer(qtbot, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.cli.base import load_seeds

    with Store.open(db) as store:
        load_seeds(store)
        store.add_annotator("bob")
        store.add_span(FIRST, "bob", 0, 10, "CLAIM")
        store.set_status(FIRST, "bob", Status.DONE)
    main = build_main_window(store_opener(db), "alice")
    qtbot.addWidget(main)
    assert main.session.doc_id == FIRST
    assert main.session.spans == {}
    qtbot.wait(10)
    assert main.statements_model.rowCount() == 0
    assert main.documents.model.entries[0].status is Status.TODO
    assert main.documents.progress.text() == "0 / 5 done"
    # Switching to bob (File > Switch annotator) shows bob's layer and bob's progress.
    main.switch_annotator("bob")
    assert [s.label for s in main.session.spans.values()] == ["CLAIM"]
    assert main.documents.progress.text() == "1 / 5 done"
    assert "bob" in main.windowTitle()


def test_emoji_and_right_to_left_text_tag_and_paint_at_the_right_places(qtbot, db: Path, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text = normalise(TRICKY_TEXT)
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("tricky", text, "Tricky"), None))], source="test")
    window.documents.model.refresh()
    window.open_document("tricky")
    for phrase, hotkey, label in (("meet", "v", "CUE"), ("قال الرئيس", "s", "SPEAKER"), ("peace", "c", "CLAIM")):
        start = text.index(phrase)
        keyboard_select(qtbot, window, start, start + len(phrase))
        qtbot.keyClick(window.view, hotkey)
        span = window.session.selected_span()
        assert span is not None, window.statusBar().currentMessage()
        assert (span.label, text[span.start : span.end]) == (label, phrase)
    with Store.open(db) as store:
        layer = store.layer("tricky", "alice")
    assert sorted(text[s.start : s.end] for s in layer.spans) == sorted(["meet", "قال الرئيس", "peace"])
    # The painted ranges sit on the same characters, in Qt's UTF-16 positions.
    for span in layer.spans:
        u16 = len(text[: span.start].encode("utf-16-le")) // 2
        block = window.view.document().findBlock(u16)
        painted = [f for f in block.layout().formats() if f.start == u16 - block.position()]
        assert painted, f"{span.label} not painted at {u16}"
        units = block.text().encode("utf-16-le")
        shown = units[2 * painted[0].start : 2 * (painted[0].start + painted[0].length)].decode("utf-16-le")
        assert shown == text[span.start : span.end]
    # A selection that starts inside an emoji never splits it: the span takes the whole grapheme.
    family = text.index("👩")
    drag_select(qtbot, window, family, family + 1)
    qtbot.keyClick(window.view, "s")
    span = window.session.selected_span()
    assert text[span.start : span.end] == "👩\u200d👩\u200d👧"


def test_tab_moves_between_spans_and_clicks_pick_nested_ones(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    outer = text.index("President Ilham Aliyev, who has")
    inner = text.index("Ilham Aliyev, who has")
    made = ((outer, outer + 22, "SPEAKER"), (inner, inner + 12, "SPEAKER"), (outer, outer + 60, "CLAIM"))
    for start, end, label in made:
        store.add_span(FIRST, "alice", start, end, label)
    window.session.document = None
    window.open_document(FIRST)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    order = [window.session.selected_span()]
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        order.append(window.session.selected_span())
    assert [(s.start, s.end) for s in order] == [(outer, outer + 60), (outer, outer + 22), (inner, inner + 12)] * 2
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert (window.session.selected_span().start, window.session.selected_span().end) == (outer, outer + 22)
    assert window.view.outlined is not None and window.view.outlined.start == window.session.positions.to_utf16(outer)
    # A click on "Ilham" picks the smallest span there; clicking again the next larger, then the largest.
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.session.selected is None
    picked = []
    for _ in range(3):
        click_span(qtbot, window, inner + 2)
        picked.append(window.session.selected_span().end - window.session.selected_span().start)
    assert picked == [12, 22, 60]
    # A click outside every span clears the selection; Escape too.
    click_span(qtbot, window, text.index("constantly"))
    assert window.session.selected is None


def test_hovering_lists_the_spans_under_the_pointer(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    start = text.index("Ilham Aliyev, who has")
    store.add_span(FIRST, "alice", start, start + 12, "SPEAKER", {"speaker": "Ilham Aliyev"})
    store.add_span(FIRST, "alice", start - 10, start + 40, "CLAIM", {"stance": "FAVOR"})
    window.session.document = None
    window.open_document(FIRST)
    qtbot.mouseMove(window.view.viewport(), inside(window, start + 3))
    qtbot.waitUntil(QToolTip.isVisible)
    tip = QToolTip.text()
    assert "SPEAKER" in tip and "speaker Ilham Aliyev" in tip and "CLAIM" in tip and "stance FAVOR" in tip
    qtbot.mouseMove(window.view.viewport(), inside(window, text.index("constantly")))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_statements_rows_and_text_select_each_other_and_edit_in_place(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    first = text.index("The importance")
    second = text.index("Our country has always")
    store.add_span(FIRST, "alice", first, first + 30, "CLAIM")
    store.add_span(FIRST, "alice", second, second + 22, "CLAIM")
    window.session.document = None
    window.open_document(FIRST)
    table, model = window.statements, window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    # A click on the second row selects that claim in the text.
    rect = table.visualRect(model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.selected_span().start == second
    # A click on the first claim in the text selects its row.
    click_span(qtbot, window, first + 5)
    qtbot.waitUntil(lambda: table.currentIndex().row() == 0, timeout=2000)  # as the table is drawn next
    # Stance edited in the table: double-click, choose, Enter.
    stance = model.columns.index(next(c for c in model.columns if c.title == "stance"))
    rect = table.visualRect(model.index(0, stance))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findData("AGAINST"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: store.layer(FIRST, "alice").spans[0].attrs == {"stance": "AGAINST"})
    # A new target typed after F3 is stored on the claim and joins the project's list.
    click_span(qtbot, window, first + 5)
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Regional stability")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.layer(FIRST, "alice").spans[0].attrs.get("target") == "Regional stability")
    assert store.layer(FIRST, "alice").spans[0].attrs == {"stance": "AGAINST", "target": "Regional stability"}
    assert "Regional stability" in store.targets()
    # Number keys work from the table too; pressing the same one again clears the stance.
    table.setFocus()
    qtbot.keyClick(table, "2")
    assert "stance" not in store.layer(FIRST, "alice").spans[0].attrs


def test_f1_shows_every_key_and_any_key_closes_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    overlay = window.findChild(HelpOverlay)
    assert overlay.isVisible()
    for key, _what in key_map(window.store.schema):
        assert key.replace("&", "&amp;").replace("<", "&lt;") in overlay.text()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_the_readme_keyboard_table_is_the_windows_key_map() -> None:
    from annotator.schema import default_schema

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for key, what in key_map(default_schema()):
        assert f"| `{key}` | {what} |" in readme, f"README.md lacks the key {key}"


def test_a_refused_edit_leaves_nothing_and_says_why(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    start = text.index("Sattar Mohbaliyev")
    store.add_span(FIRST, "alice", start, start + 17, "SPEAKER")
    window.session.document = None
    window.open_document(FIRST)
    click_span(qtbot, window, start + 3)
    qtbot.keyClick(window.view, "1")  # stance does not apply to a SPEAKER
    assert "select a span this key applies to" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view, "a")  # a SPEAKER cannot be the head of ATTRIBUTED_TO
    assert "select a CLAIM first" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    assert store.layer(FIRST, "alice").spans[0].attrs == {}


@pytest.mark.parametrize("where", ["point", "end"])
def test_point_helpers_land_on_the_text(window: MainWindow, where: str) -> None:
    """The tests' own helpers: a click point maps back to the position it was made for."""
    text = window.session.document.text
    cp = text.index("Sattar") if where == "point" else text.index("mass media") + 4
    point = point_of(window, cp)
    assert window.view.cursorForPosition(point + QPoint(0, 0)).position() == window.session.positions.to_utf16(cp)


def test_every_statements_column_is_in_view_without_scrolling(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    table, header = window.statements, window.statements.horizontalHeader()
    titles = [table.model().headerData(n, Qt.Orientation.Horizontal) for n in range(header.count())]
    assert titles == ["claim", "speaker", "cue", "stance", "target", "quote type"]
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for number in range(1, header.count()):  # each header can be read whole
        assert header.sectionSize(number) >= table.fontMetrics().horizontalAdvance(titles[number])
    assert header.sectionSize(0) >= 100  # the claim keeps room for its first words
