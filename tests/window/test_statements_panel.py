"""The statements panel follows each edit made by keys row by row: a tag inserts a row, a link or an attribute
changes the row it touches, Delete and undo remove and put back; the model is never reset after it is read."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.rows import key_order
from ui.main_window import MainWindow
from ui.statements import StatementsModel
from window.conftest import click_span, drag_select

CLAIM_1 = (
    "The importance of Azerbaijan in the system of international relations, which is developing day by day under "
    "the leadership of our head of state Mr. Ilham Aliyev, is constantly increasing"
)
SPEAKER_1 = "Sattar Mohbaliyev"
CUE_1 = "expressed these views"
CLAIM_2 = "Azerbaijan has always worked diligently for the sake of Islamic solidarity"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def where(window: MainWindow, phrase: str) -> tuple[int, int]:
    start = window.session.document.text.index(phrase)  # type: ignore[union-attr]
    return start, start + len(phrase)


def tag(qtbot, window: MainWindow, phrase: str, hotkey: str) -> None:  # type: ignore[no-untyped-def]
    drag_select(qtbot, window, *where(window, phrase))
    qtbot.keyClick(window.view, hotkey)


def select(qtbot, window: MainWindow, phrase: str) -> None:  # type: ignore[no-untyped-def]
    start, end = where(window, phrase)
    click_span(qtbot, window, (start + end) // 2)


def contents(model: StatementsModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def excerpt(text: str) -> str:
    return text if len(text) <= 240 else f"{text[:120]} … {text[-120:]}"


def test_each_edit_by_keys_changes_only_its_row(qtmodeltester, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view, model = window.view, window.statements_model
    # The panel fills in when the event loop is idle: filled (with nothing) before the edits begin.
    qtbot.waitUntil(lambda: window.session.document is not None and not model.filling and model.rowCount() == 0)
    qtmodeltester.check(model, force_py=True)  # and keeps checking every change that follows
    seen: dict[str, int] = {"reset": 0, "inserted": 0, "removed": 0, "changed": 0}

    def count(what: str):  # type: ignore[no-untyped-def]
        return lambda *_args: seen.__setitem__(what, seen[what] + 1)

    model.modelReset.connect(count("reset"))
    model.rowsInserted.connect(count("inserted"))
    model.rowsRemoved.connect(count("removed"))
    model.dataChanged.connect(count("changed"))

    def same_as_read_afresh() -> list[list[str]]:
        """The panel as it is, after checking it against one read whole from the session (and the session's index
        of relations against a scan)."""
        for key in window.session.spans:
            scan = [r for r in window.session.relations.values() if key in (r.head, r.child)]
            assert window.session.relations_at(key) == sorted(scan, key=lambda r: key_order(r.key))
        fresh = StatementsModel(window.session, lambda *_args: None)
        fresh.reload()
        assert contents(model) == contents(fresh)
        return contents(model)

    # A tag inserts the claim's row (its quote type set from its quotation marks); its stance key changes that row.
    tag(qtbot, window, CLAIM_1, "c")
    assert seen == {"reset": 0, "inserted": 1, "removed": 0, "changed": 0}
    assert same_as_read_afresh() == [[excerpt(CLAIM_1), "", "", "", "", "direct"]]
    qtbot.keyClick(view, "1")
    assert same_as_read_afresh() == [[excerpt(CLAIM_1), "", "", "FAVOR", "", "direct"]]
    # A speaker and a cue, linked by keys: the claim's row shows them.
    tag(qtbot, window, SPEAKER_1, "s")
    tag(qtbot, window, CUE_1, "v")
    assert seen["inserted"] == 1
    select(qtbot, window, CLAIM_1)
    qtbot.keyClick(view, "a")
    select(qtbot, window, SPEAKER_1)
    select(qtbot, window, CLAIM_1)
    qtbot.keyClick(view, "u")
    select(qtbot, window, CUE_1)
    first = [excerpt(CLAIM_1), SPEAKER_1, CUE_1, "FAVOR", "", "direct"]
    assert same_as_read_afresh() == [first]
    # A second claim, earlier in the text, goes in above the first.
    assert where(window, CLAIM_2)[0] < where(window, CLAIM_1)[0]
    tag(qtbot, window, CLAIM_2, "c")
    second = [excerpt(CLAIM_2), "", "", "", "", "indirect"]
    assert same_as_read_afresh() == [second, first]
    assert model.row_of(window.session.selected) == 0
    # The table's current row follows the selected claim when the table is drawn, a turn after the article.
    qtbot.waitUntil(lambda: window.statements.currentIndex().row() == 0, timeout=2000)

    # The speaker's canonical name, changed with F2, shows in the row of the claim it is linked to; undo restores it.
    select(qtbot, window, SPEAKER_1)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = window.speaker_editor
    editor.line.clear()
    qtbot.keyClicks(editor.line, "ilham ali")
    popup = editor.line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.line.text() == "Ilham Aliyev"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert same_as_read_afresh()[1][1] == f"Ilham Aliyev ({SPEAKER_1})"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert same_as_read_afresh() == [second, first]

    # Delete the cue: the claim loses it; undo brings span and link back.
    select(qtbot, window, CUE_1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert same_as_read_afresh() == [second, [excerpt(CLAIM_1), SPEAKER_1, "", "FAVOR", "", "direct"]]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert same_as_read_afresh() == [second, first]

    # Delete the first claim: its row goes; undo puts it back with its speaker, cue and stance.
    select(qtbot, window, CLAIM_1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert same_as_read_afresh() == [second]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert same_as_read_afresh() == [second, first]

    # Further back through the history: the second claim's tag, the cue link, the speaker link; then a redo.
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the second claim's tag
    assert same_as_read_afresh() == [first]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the cue link
    assert same_as_read_afresh() == [[excerpt(CLAIM_1), SPEAKER_1, "", "FAVOR", "", "direct"]]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the speaker link
    assert same_as_read_afresh() == [[excerpt(CLAIM_1), "", "", "FAVOR", "", "direct"]]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)  # redo the speaker link
    assert same_as_read_afresh() == [[excerpt(CLAIM_1), SPEAKER_1, "", "FAVOR", "", "direct"]]
    assert seen["reset"] == 0, "no edit reads the panel whole again"
    assert seen["inserted"] == 3 and seen["removed"] == 2
