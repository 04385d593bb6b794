"""What the status bar says: undo and redo name what they did, and spans are named by their text, never by a key."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, drag_select

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
CLAIM = "represents our country in all the regional and international events he participates in"
SPEAKER = "President Ilham Aliyev"


def tag(qtbot, window: MainWindow, phrase: str, key: str) -> int:  # type: ignore[no-untyped-def]
    start = window.session.document.text.index(phrase)  # type: ignore[union-attr]
    drag_select(qtbot, window, start, start + len(phrase))
    qtbot.keyClick(window.view, key)
    return start


def said(window: MainWindow) -> str:
    message = window.statusBar().currentMessage()
    assert not re.search(r"\bs\d+\b", message), f"a key in “{message}”"
    return message


def test_undo_and_redo_say_what_they_did(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    tag(qtbot, window, CLAIM, "c")
    assert said(window).startswith("CLAIM “represents our country")
    qtbot.keyClick(window.view, "1")
    assert said(window) == "stance of CLAIM “represents our country in all the regio…”: FAVOR"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert said(window) == "undone: set stance of CLAIM “represents our country in all the regio…”"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert said(window) == "undone: tag CLAIM “represents our country in all the regio…”"
    assert store.layer(FIRST, "alice").spans == ()  # type: ignore[union-attr]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert said(window) == "redone: tag CLAIM “represents our country in all the regio…”"
    assert [s.label for s in store.layer(FIRST, "alice").spans] == ["CLAIM"]  # type: ignore[union-attr]


def test_a_link_made_twice_names_both_spans_by_their_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    speaker = tag(qtbot, window, SPEAKER, "s")
    claim = tag(qtbot, window, CLAIM, "c")  # linked to the speaker as it is tagged
    assert "linked to SPEAKER “President Ilham Aliyev”" in said(window)
    click_span(qtbot, window, claim + 3)
    qtbot.keyClick(window.view, "a")
    click_span(qtbot, window, speaker + 3)
    assert said(window) == (
        "“represents our country in all the regio…” is already linked to “President Ilham Aliyev” by ATTRIBUTED_TO"
    )


def test_ctrl_r_as_an_annotator_says_why_the_review_is_not_there(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    window.switch_annotator("bea")  # alice, the first, leads; bea annotates
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert window.windows.review is None
    assert said(window).startswith("Only a lead may open the review (bea is an annotator)")
