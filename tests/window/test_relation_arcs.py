"""Relations drawn over the article: the selected claim's arcs to its speaker and cue, the arcs of the span under
the pointer, and with Ctrl+Shift+L every link of the paragraph (remembered); read from the pixels that come."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.cli.window import store_opener
from db.store import Store
from ui.app import build_main_window
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, drag_select, inside
from window.painted import came, grab

SENTENCE = "Sattar Mohbaliyev, chairman of the Azerbaijan Trade Unions Confederation (ATUC)"
LINKS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier  # with L


def tagged_statement(qtbot, window: MainWindow, store: Store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A speaker, a cue and a claim of one sentence, tagged by keys (the claim is linked to both as it is tagged)."""
    text = window.session.document.text  # type: ignore[union-attr]
    at = {
        "speaker": text.index("Sattar Mohbaliyev"),
        "cue": text.index("expressed these views"),
        "claim": text.index("the mass media"),
    }
    for name, length, key in (("speaker", 17, "s"), ("cue", 21, "v"), ("claim", 14, "c")):
        drag_select(qtbot, window, at[name], at[name] + length)
        qtbot.keyClick(window.view, key)
    assert len(store.layer(FIRST, "alice").relations) == 2
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # nothing selected
    return at


def test_the_selected_claims_links_are_drawn_and_go_with_the_selection(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    at = tagged_statement(qtbot, window, store)
    speaker, cue = window.styles["SPEAKER"].colour, window.styles["CUE"].colour
    qtbot.mouseMove(window.view.viewport(), QPoint(2, 2))  # the pointer over no span
    plain = grab(window)
    click_span(qtbot, window, at["claim"] + 3)
    assert window.session.selected_span().label == "CLAIM"  # type: ignore[union-attr]
    qtbot.mouseMove(window.view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: came(plain, grab(window), speaker) > 15 and came(plain, grab(window), cue) > 15)
    # Esc: the selection goes, and its arcs with it.
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: came(plain, grab(window), speaker) == 0 and came(plain, grab(window), cue) == 0)
    # Selecting the speaker draws its link to the claim (in the speaker's colour), not the cue's.
    click_span(qtbot, window, at["speaker"] + 3)
    qtbot.mouseMove(window.view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: came(plain, grab(window), speaker) > 15)
    assert came(plain, grab(window), cue) == 0


def test_the_span_under_the_pointer_shows_its_links(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    at = tagged_statement(qtbot, window, store)
    cue = window.styles["CUE"].colour
    viewport = window.view.viewport()
    qtbot.mouseMove(viewport, QPoint(2, 2))
    plain = grab(window)
    qtbot.mouseMove(viewport, inside(window, at["cue"] + 4))
    qtbot.waitUntil(lambda: came(plain, grab(window), cue) > 15)
    qtbot.mouseMove(viewport, QPoint(2, 2))
    qtbot.waitUntil(lambda: came(plain, grab(window), cue) == 0)
    # The pointer leaving the article takes them away too.
    qtbot.mouseMove(viewport, inside(window, at["cue"] + 4))
    qtbot.waitUntil(lambda: came(plain, grab(window), cue) > 15)
    qtbot.mouseMove(window.legend, QPoint(5, 5))
    qtbot.waitUntil(lambda: came(plain, grab(window), cue) == 0)


def test_the_paragraphs_links_show_with_ctrl_shift_l_and_it_is_remembered(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, db: Path
) -> None:
    tagged_statement(qtbot, window, store)
    speaker, cue = window.styles["SPEAKER"].colour, window.styles["CUE"].colour
    viewport = window.view.viewport()
    qtbot.mouseMove(viewport, QPoint(2, 2))
    in_paragraph = window.session.document.text.index(SENTENCE) + 40  # type: ignore[union-attr]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=inside(window, in_paragraph))
    assert window.session.selected is None  # the cursor in the paragraph, on no span
    plain = grab(window)
    qtbot.keyClick(window.view, Qt.Key.Key_L, LINKS)
    qtbot.waitUntil(lambda: came(plain, grab(window), speaker) > 15 and came(plain, grab(window), cue) > 15)
    assert window.options.arcs.toggle.isChecked()
    window.close()
    again = build_main_window(store_opener(db), "alice")
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is again)
    try:
        assert again.options.arcs.toggle.isChecked()
        qtbot.keyClick(again.view, Qt.Key.Key_L, LINKS)
        assert not again.options.arcs.toggle.isChecked()
    finally:
        again.close()
