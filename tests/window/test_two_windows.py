"""Two windows on one project: what one does, the other shows once it is active again (or within a second), keeping
its selection; an undo there of something the other window changed is refused with a message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.cli.window import store_opener
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, drag_select, shown_window

CLAIM = "represents our country in all the regional and international events he participates in"
SPEAKER = "President Ilham Aliyev"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def other(qtbot, db: Path, window: MainWindow) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A second window on the same file, as the same person, on the same document."""
    second = shown_window(qtbot, store_opener(db), "alice")
    second.open_document(FIRST)
    yield second
    second.close()


def tag(qtbot, window: MainWindow, phrase: str, key: str) -> int:  # type: ignore[no-untyped-def]
    start = window.session.document.text.index(phrase)  # type: ignore[union-attr]
    drag_select(qtbot, window, start, start + len(phrase))
    qtbot.keyClick(window.view, key)
    return start


def activate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def labels(window: MainWindow) -> list[str]:
    return [span.label for span in window.session.ordered()]


def test_a_claim_removed_in_one_window_goes_from_the_other_and_its_keys_say_no_more_about_ids(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, other: MainWindow, store: Store
) -> None:
    activate(qtbot, window)
    speaker = tag(qtbot, window, SPEAKER, "s")
    claim = tag(qtbot, window, CLAIM, "c")
    assert labels(window) == ["SPEAKER", "CLAIM"]
    # B, activated, shows A's claim at once (with its row), and removes it.
    activate(qtbot, other)
    qtbot.waitUntil(lambda: labels(other) == ["SPEAKER", "CLAIM"], timeout=3000)
    qtbot.waitUntil(lambda: other.statements_model.rowCount() == 1)  # filled when idle
    click_span(qtbot, other, claim + 3)
    qtbot.keyClick(other.view, Qt.Key.Key_Delete)
    assert [s.label for s in store.layer(FIRST, "alice").spans] == ["SPEAKER"]  # type: ignore[union-attr]
    # A still had the claim selected; once active again it shows the layer as stored, its selection gone with the
    # claim, and 1 asks for a claim instead of naming a key that is no more.
    activate(qtbot, window)
    qtbot.waitUntil(lambda: labels(window) == ["SPEAKER"], timeout=3000)
    assert window.statusBar().currentMessage().endswith("changed elsewhere (another window?); shown as it is now")
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 0)
    qtbot.keyClick(window.view, "1")
    assert "no span" not in window.statusBar().currentMessage()
    # The selection is kept where the span is still there: select the speaker in A, change the layer in B.
    click_span(qtbot, window, speaker + 3)
    activate(qtbot, other)
    qtbot.waitUntil(lambda: labels(other) == ["SPEAKER"], timeout=3000)
    tag(qtbot, other, "represents our country", "c")
    activate(qtbot, window)
    qtbot.waitUntil(lambda: labels(window) == ["SPEAKER", "CLAIM"], timeout=3000)
    selected = window.session.selected_span()
    assert selected is not None and (selected.start, selected.label) == (speaker, "SPEAKER")
    # A's undo of its tag of the claim that B removed is refused, with a message; nothing changes.
    before = store.layer(FIRST, "alice")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage().startswith("could not undo “tag CLAIM”")
    assert "changed" in window.statusBar().currentMessage()
    assert store.layer(FIRST, "alice") == before


def test_a_window_left_alone_notices_within_a_second_or_so(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, db: Path
) -> None:
    with Store.open(db, user="alice") as elsewhere:
        text = elsewhere.document(FIRST).text
        start = text.index(SPEAKER)
        elsewhere.add_span(FIRST, "alice", start, start + len(SPEAKER), "SPEAKER")
    qtbot.waitUntil(lambda: labels(window) == ["SPEAKER"], timeout=5000)
