"""Find in the article, the guidelines and the legend's tooltips, and the checks before a document is done: each
used by keys and clicks, then checked on the screen and in the database."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.model import Document, LayerRecord, Status
from db.store import Store
from ui.done_check import LooseEndsDialog
from ui.find_bar import SHOWN
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, keyboard_select

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def selected_text(window: MainWindow) -> str:
    return window.view.textCursor().selectedText()


def test_ctrl_f_finds_highlights_and_steps_through_matches_and_esc_leaves_the_match_to_tag(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    store: Store,
) -> None:
    text = window.session.document.text
    count = len(re.findall("ALIYEV", text, re.IGNORECASE))
    assert count >= 3
    find = window.find_bar
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    assert find.isVisible() and find.field.hasFocus()
    qtbot.keyClicks(find.field, "ALIYEV")  # no case: "Aliyev" is found
    qtbot.waitUntil(lambda: find.count.text() == f"1 of {count}")
    assert selected_text(window) == "Aliyev"
    first = window.view.textCursor().selectionStart()
    highlighted = window.view.extraSelections()
    assert highlighted and all(s.cursor.selectedText().lower() == "aliyev" for s in highlighted)
    assert len({s.format.background().color().name() for s in highlighted}) == 2  # the current one stands out
    qtbot.keyClick(find.field, Qt.Key.Key_F3)
    assert find.count.text() == f"2 of {count}" and window.view.textCursor().selectionStart() > first
    qtbot.keyClick(find.field, Qt.Key.Key_Return, SHIFT)
    assert find.count.text() == f"1 of {count}" and window.view.textCursor().selectionStart() == first
    qtbot.keyClick(find.field, Qt.Key.Key_F3, SHIFT)  # round from the first to the last
    assert find.count.text() == f"{count} of {count}"
    qtbot.keyClick(find.field, Qt.Key.Key_Return)
    assert find.count.text() == f"1 of {count}"
    # Aa: the case counts.
    qtbot.mouseClick(find.case, Qt.MouseButton.LeftButton, pos=QPoint(4, find.case.height() // 2))
    assert find.case.isChecked() and find.count.text() == "no matches"
    assert window.view.extraSelections() == []
    qtbot.mouseClick(find.case, Qt.MouseButton.LeftButton, pos=QPoint(4, find.case.height() // 2))
    qtbot.waitUntil(lambda: find.count.text() == f"1 of {count}")
    # Esc closes the bar, takes the highlights away and leaves the match selected: a label's key tags it.
    qtbot.keyClick(find.field, Qt.Key.Key_Escape)
    assert not find.isVisible() and window.view.hasFocus() and window.view.extraSelections() == []
    qtbot.keyClick(window.view, "s")
    spans = store.layer(FIRST, "alice").spans
    assert [(s.label, text[s.start : s.end]) for s in spans] == [("SPEAKER", "Aliyev")]
    # Closed, F3 is the target's key again: it opens the target editor of a selected claim.
    start = text.index("Islamic solidarity")
    keyboard_select(qtbot, window, start, start + 18)
    qtbot.keyClick(window.view, "c")
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert window.statements.state() == window.statements.State.EditingState


def test_a_search_through_a_long_article_is_counted_while_the_window_stays_free(
    qtbot, db: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    line = "the minister said that cooperation will grow, and the peace process there will be seen as a success."
    text = "\n".join(f"Paragraph {n}: {line}" for n in range(10_000))
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("long", text, "Long"), None))], source="test")
    window.open_document("long")
    find = window.find_bar
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClick(find.field, "m")
    # The first slice is searched as the key is typed: the first match is current, the count still growing.
    assert find.count.text().startswith("1 of ") and find.count.text().endswith("…")
    assert selected_text(window) == "m"
    qtbot.waitUntil(lambda: not find.count.text().endswith("…"), timeout=20_000)
    assert find.count.text() == f"1 of {len(re.findall('m', text, re.IGNORECASE))}"
    # Only what is in view is highlighted; where that is more than SHOWN (a letter), only the current match.
    in_view = len(window.view.extraSelections())
    assert 0 < in_view <= SHOWN and in_view < len(find.search.starts)
    qtbot.keyClick(find.field, Qt.Key.Key_Backspace)
    qtbot.keyClick(find.field, "e")
    qtbot.waitUntil(lambda: not find.count.text().endswith("…"), timeout=20_000)
    assert [s.cursor.selectedText() for s in window.view.extraSelections()] == [selected_text(window)] == ["e"]


def test_the_legend_says_what_a_label_means_and_shift_f1_shows_the_guidelines(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    legend = window.legend
    # The pointer moved along the legend comes over CLAIM: its tooltip is the schema's description.
    for x in range(2, legend.width(), 4):
        qtbot.mouseMove(legend, QPoint(x, legend.height() // 2))
        if legend.tip:
            break
    assert legend.tip.startswith("CLAIM (key c): The attributed content")
    assert "stance: The speaker's stance towards the target" in legend.tip
    pane = window.guidelines
    assert not pane.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F1, SHIFT)
    assert pane.isVisible()
    shown = pane.text.toPlainText()
    for part in (*window.store.schema.labels, *window.store.schema.relations, *window.store.schema.attributes):
        assert part.description.split(":")[0] in shown
    assert "How we tag" in shown and "Headlines, breadcrumbs, captions and bylines" in shown
    assert window.view.hasFocus()  # the article keeps the keys
    qtbot.keyClick(window.view, Qt.Key.Key_F1, SHIFT)
    assert not pane.isVisible()
    # A click on a label in the legend opens the guidelines there.
    legend.linkActivated.emit("CUE")
    assert pane.isVisible() and pane.text.textCursor().selectedText() == "CUE (key "
    # F1 shows the same descriptions beside the keys.
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    overlay = window.help
    assert overlay.isVisible()
    for part in (*window.store.schema.labels, *window.store.schema.relations, *window.store.schema.attributes):
        assert escape(part.description) in overlay.text()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)


def test_ctrl_enter_lists_what_is_open_and_goes_to_it_or_marks_done_anyway(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    claim = text.index("Islamic solidarity")
    speaker = text.index("Sattar Mohbaliyev")
    keyboard_select(qtbot, window, claim, claim + 18)
    qtbot.keyClick(window.view, "c")
    keyboard_select(qtbot, window, speaker, speaker + 17)
    qtbot.keyClick(window.view, "s")
    click_span(qtbot, window, speaker + 3)  # not the first: Enter goes to the first, the claim
    shown: list[list[str]] = []

    def answer(key: Qt.Key) -> None:
        """Read the list in the dialog that is about to open, and press ``key`` in it."""
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LooseEndsDialog):
            QTimer.singleShot(20, lambda: answer(key))
            return
        shown.append([dialog.list.item(n).text() for n in range(dialog.list.count())])
        qtbot.keyClick(dialog.list, key)

    def done_key() -> None:
        window.activateWindow()  # Ctrl+Enter is the window's shortcut: the offscreen platform needs the nudge
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)

    # Enter: go to the first of them; nothing is marked done.
    QTimer.singleShot(0, lambda: answer(Qt.Key.Key_Return))
    done_key()
    assert shown[0] == [
        "CLAIM “Islamic solidarity”: no SPEAKER, no CUE, no stance",
        "SPEAKER “Sattar Mohbaliyev”: no CLAIM is linked to it",
    ]
    assert window.session.doc_id == FIRST
    assert store.layer(FIRST, "alice").status is not Status.DONE
    assert window.session.selected_span().start == claim
    # Esc: back, nothing marked.
    QTimer.singleShot(0, lambda: answer(Qt.Key.Key_Escape))
    done_key()
    assert window.session.doc_id == FIRST and store.layer(FIRST, "alice").status is not Status.DONE
    # D: done anyway, and the next document opens.
    QTimer.singleShot(0, lambda: answer(Qt.Key.Key_D))
    done_key()
    qtbot.waitUntil(lambda: window.session.doc_id != FIRST)
    assert store.layer(FIRST, "alice").status is Status.DONE
    assert len(shown) == 3
