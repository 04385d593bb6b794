"""Naming a source by hand: F2 offers the canonical speaker the text gives (the name without its titles, the person
a pronoun refers to), Enter takes it; a registered name that is part of another is taken by one Enter, with the
completion list open. Keys as a person's; then the database (a second connection) and the screen are checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.cli.window import store_opener
from annotator.formats.plaintext import read_text
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import drag, shown_window

DOC = "rivers"
TEXT = (
    "Ministers meet to talk about shared rivers\n\n"
    "Foreign Minister Ana Lopes said on Tuesday that the treaty on shared rivers would be signed in May. "
    "She added that the fund for new reservoirs was ready.\n\n"
    "The envoy of the south, Marco Ruiz, said the talks would go on.\n"
)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    with Store.open(db, user="alice") as store:
        store.import_records(read_text(TEXT.encode(), name=f"{DOC}.txt", source=DOC), source="test")
        store.add_speaker("Ana Lopes and Marco Ruiz")  # a group named before: "Marco Ruiz" is part of it
    window = shown_window(qtbot, store_opener(db), "alice")
    for _ in range(7):
        if window.session.doc_id == DOC:
            break
        qtbot.keyClick(window.view, Qt.Key.Key_PageDown, CTRL)
    assert window.session.doc_id == DOC
    yield window


def _speaker_on_disk(window: MainWindow, mention: str) -> str | None:
    with Store.open(window.store.url, user="alice") as store:
        layer = store.layer(DOC, "alice")
        assert layer is not None
        (span,) = [s for s in layer.spans if TEXT[s.start : s.end] == mention and s.label == "SPEAKER"]
        return span.attrs.get("speaker")


def _tag_source(qtbot, window: MainWindow, mention: str) -> None:  # type: ignore[no-untyped-def]
    start = TEXT.index(mention)
    drag(qtbot, window, start, start + len(mention))
    qtbot.keyClick(window.view, "s")


def test_f2_offers_the_name_without_its_titles_and_enter_takes_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _tag_source(qtbot, window, "Foreign Minister Ana Lopes")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.speaker_editor
    assert editor.isVisible() and editor.line.text() == "Ana Lopes"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert not editor.isVisible()
    assert _speaker_on_disk(window, "Foreign Minister Ana Lopes") == "Ana Lopes"
    assert "Ana Lopes" in [s.name for s in window.store.speakers()]  # taken into the registry with it
    # a pronoun: the person it refers to
    _tag_source(qtbot, window, "She")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert editor.line.text() == "Ana Lopes"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert _speaker_on_disk(window, "She") == "Ana Lopes"


def test_a_registered_name_inside_another_is_taken_by_one_enter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.store.add_speaker("Marco Ruiz")
    _tag_source(qtbot, window, "The envoy of the south")  # a description the text names nobody for in it
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.speaker_editor
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, "Marco Ruiz")
    popup = editor.line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    # the completion offers the group first; nothing is chosen in the list
    assert popup.model().data(popup.model().index(0, 0)) == "Ana Lopes and Marco Ruiz"
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # where the key goes while the list is open
    assert not editor.isVisible() and not popup.isVisible()
    assert _speaker_on_disk(window, "The envoy of the south") == "Marco Ruiz"
