"""A person annotates a seed article with keys and clicks; the Store and the screen are checked after each step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.model import Status
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span, drag, drag_select, inside

CLAIM_1 = (
    "The importance of Azerbaijan in the system of international relations, which is developing day by day under "
    "the leadership of our head of state Mr. Ilham Aliyev, is constantly increasing"
)
SPEAKER_1 = "Sattar Mohbaliyev"
CUE_1 = "expressed these views"
SPEAKER_2 = "him"
CUE_2 = "According to"
CLAIM_2 = "Azerbaijan has already put an end to the occupation in the war of rights"
CLAIM_3 = "the war of rights: “Our country has always been a supporter of stability and security"


def where(window: MainWindow, phrase: str) -> tuple[int, int]:
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index(phrase)
    return start, start + len(phrase)


def stored(store: Store) -> dict[str, tuple]:
    """The layer on disk as {text: (label, attrs)}, and its relations as (label, head text, child text)."""
    layer = store.layer(FIRST, "alice")
    assert layer is not None
    text = store.document(FIRST).text
    spans = {s.key: s for s in layer.spans}
    return {
        "spans": {(s.label, text[s.start : s.end]): dict(s.attrs) for s in layer.spans},
        "relations": sorted(
            (r.label, text[spans[r.head].start : spans[r.head].end], text[spans[r.child].start : spans[r.child].end])
            for r in layer.relations
        ),
        "status": layer.status,
        "time": layer.time_spent_ms,
    }


def tag(qtbot, window: MainWindow, phrase: str, hotkey: str, *, sloppy: bool = False) -> None:  # type: ignore[no-untyped-def]
    start, end = where(window, phrase)
    if sloppy:  # a selection that starts and ends mid-word: snapping widens it to whole words
        start, end = start + 2, end - 3
    drag_select(qtbot, window, start, end)
    qtbot.keyClick(window.view, hotkey)


def select(qtbot, window: MainWindow, phrase: str) -> None:  # type: ignore[no-untyped-def]
    start, end = where(window, phrase)
    click_span(qtbot, window, start + (end - start) // 2)


def test_annotating_a_seed_article_by_keys_and_clicks(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    assert window.session.doc_id == FIRST, "a new user lands on the first seed article"
    assert window.documents.progress.text() == "0 / 5 done"

    # Claim 1 (in quotation marks: direct), its speaker (a registry name: the canonical speaker is filled in) and
    # its cue, in the next paragraph: nothing links them at once.
    tag(qtbot, window, CLAIM_1, "c", sloppy=True)
    tag(qtbot, window, SPEAKER_1, "s")
    tag(qtbot, window, CUE_1, "v")
    on_disk = stored(store)
    assert on_disk["relations"] == []
    assert on_disk["spans"] == {
        ("CLAIM", CLAIM_1): {"quote_type": "direct"},
        ("SPEAKER", SPEAKER_1): {"speaker": "Sattar Mohbaliyev"},
        ("CUE", CUE_1): {},
    }
    assert on_disk["status"] is Status.IN_PROGRESS

    # Link: select the claim, press the relation's key, click the speaker; then the cue. Stance by number key.
    select(qtbot, window, CLAIM_1)
    assert window.session.selected_span().label == "CLAIM"
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, "a")
    select(qtbot, window, SPEAKER_1)
    select(qtbot, window, CLAIM_1)
    qtbot.keyClick(view, "u")
    select(qtbot, window, CUE_1)
    on_disk = stored(store)
    assert on_disk["spans"][("CLAIM", CLAIM_1)] == {"stance": "FAVOR", "quote_type": "direct"}
    assert on_disk["relations"] == [("ATTRIBUTED_TO", CLAIM_1, SPEAKER_1), ("HAS_CUE", CLAIM_1, CUE_1)]

    # Claim 2 by keyboard selection: click before it, Shift+Right to its end.
    start, end = where(window, CLAIM_2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=inside(window, start))
    cursor = view.textCursor()
    assert cursor.position() in (start, start + 1)
    if cursor.position() != start:
        qtbot.keyClick(view, Qt.Key.Key_Left)
    for _ in range(end - start):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, "c")
    qtbot.keyClick(view, "2")  # the new claim is selected: AGAINST
    # Its speaker is a pronoun, in its sentence: tagged, it is linked to the claim at once; the canonical speaker is
    # chosen with completion (F2).
    tag(qtbot, window, SPEAKER_2, "s")
    assert stored(store)["spans"][("SPEAKER", SPEAKER_2)] == {}
    assert ("ATTRIBUTED_TO", CLAIM_2, SPEAKER_2) in stored(store)["relations"]
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = window.speaker_editor
    assert editor.isVisible()
    qtbot.keyClicks(editor.line, "mohbal")
    popup = editor.line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().data(popup.model().index(0, 0)) == "Sattar Mohbaliyev"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.line.text() == "Sattar Mohbaliyev"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert not editor.isVisible()
    tag(qtbot, window, CUE_2, "v")  # linked at once too
    assert ("HAS_CUE", CLAIM_2, CUE_2) in stored(store)["relations"]

    # Claim 3 overlaps claim 2 (neither holds the other); its stance NONE; its speaker and cue, the same, linked as
    # it is tagged.
    drag(qtbot, window, *where(window, CLAIM_3))  # a drag from inside claim 2 (a click there would select it)
    qtbot.keyClick(view, "c")
    assert (
        window.statusBar()
        .currentMessage()
        .endswith("linked to SPEAKER “him” and CUE “According to”; quote_type indirect")
    )
    qtbot.keyClick(view, "3")

    on_disk = stored(store)
    assert on_disk["spans"] == {
        ("CLAIM", CLAIM_1): {"stance": "FAVOR", "quote_type": "direct"},
        ("SPEAKER", SPEAKER_1): {"speaker": "Sattar Mohbaliyev"},
        ("CUE", CUE_1): {},
        ("CLAIM", CLAIM_2): {"stance": "AGAINST", "quote_type": "indirect"},
        ("SPEAKER", SPEAKER_2): {"speaker": "Sattar Mohbaliyev"},
        ("CUE", CUE_2): {},
        ("CLAIM", CLAIM_3): {"stance": "NONE", "quote_type": "indirect"},
    }
    assert on_disk["relations"] == sorted(
        [
            ("ATTRIBUTED_TO", CLAIM_1, SPEAKER_1),
            ("ATTRIBUTED_TO", CLAIM_2, SPEAKER_2),
            ("ATTRIBUTED_TO", CLAIM_3, SPEAKER_2),
            ("HAS_CUE", CLAIM_1, CUE_1),
            ("HAS_CUE", CLAIM_2, CUE_2),
            ("HAS_CUE", CLAIM_3, CUE_2),
        ]
    )
    c2, c3 = where(window, CLAIM_2), where(window, CLAIM_3)
    assert c2[0] < c3[0] < c2[1] < c3[1], "claims 2 and 3 overlap"

    # The statements panel shows the three claims in text order, each with its speaker, cue and stance.
    model = window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 3)  # the panel follows when the event loop is next idle
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    titles = [c.title for c in model.columns]
    assert titles == ["claim", "speaker", "cue", "stance", "target", "quote type"]
    assert [r[1:4] for r in rows] == [
        ["Sattar Mohbaliyev", CUE_1, "FAVOR"],
        ["Sattar Mohbaliyev (him)", CUE_2, "AGAINST"],
        ["Sattar Mohbaliyev (him)", CUE_2, "NONE"],
    ]

    # The screen: the overlap of claims 2 and 3 is filled deeper than either alone; speakers are underlined.
    assert_painted(window, CLAIM_2, CLAIM_3, SPEAKER_1)

    # Undo the stance, then the tag with its links, then redo both: each step is on disk at once.
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(store)["spans"][("CLAIM", CLAIM_3)] == {"quote_type": "indirect"}
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("CLAIM", CLAIM_3) not in stored(store)["spans"]
    assert ("ATTRIBUTED_TO", CLAIM_3, SPEAKER_2) not in stored(store)["relations"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(store)["spans"][("CLAIM", CLAIM_3)] == {"stance": "NONE", "quote_type": "indirect"}
    assert ("ATTRIBUTED_TO", CLAIM_3, SPEAKER_2) in stored(store)["relations"]

    # Delete removes the selected span and its relations; undo puts both back.
    select(qtbot, window, CUE_1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    on_disk = stored(store)
    assert ("CUE", CUE_1) not in on_disk["spans"]
    assert ("HAS_CUE", CLAIM_1, CUE_1) not in on_disk["relations"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    on_disk = stored(store)
    assert ("CUE", CUE_1) in on_disk["spans"] and ("HAS_CUE", CLAIM_1, CUE_1) in on_disk["relations"]

    # Ctrl+Enter: done, and the next document not done opens.
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    on_disk = stored(store)
    assert on_disk["status"] is Status.DONE
    assert on_disk["time"] > 0
    assert window.session.doc_id == "02-islamic-solidarity-foreign-policy-priority"
    qtbot.waitUntil(lambda: window.documents.progress.text() == "1 / 5 done")
    assert window.documents.model.entries[0].status is Status.DONE
    assert window.documents.model.entries[0].spans == 7
    qtbot.waitUntil(lambda: model.rowCount() == 0)

    # Undoing "done" goes back to the first article and its status.
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc_id == FIRST
    assert stored(store)["status"] is Status.IN_PROGRESS


def assert_painted(window: MainWindow, claim_a: str, claim_b: str, speaker: str) -> None:
    styles = window.styles
    block = window.view.document().findBlock(window.session.positions.to_utf16(where(window, claim_a)[0]))
    formats = block.layout().formats()
    base = block.position()

    def format_at(phrase_start: int):  # type: ignore[no-untyped-def]
        position = window.session.positions.to_utf16(phrase_start) - base
        found = [f.format for f in formats if f.start <= position < f.start + f.length]
        assert found, f"nothing painted at {phrase_start}"
        return found[0]

    a, b = where(window, claim_a), where(window, claim_b)
    only_a, both = format_at(a[0]), format_at(b[0])
    claim = styles["CLAIM"].colour
    assert only_a.background().color().alpha() < both.background().color().alpha()
    assert only_a.background().color().rgb() == QColor(claim.red(), claim.green(), claim.blue()).rgb()
    block = window.view.document().findBlock(window.session.positions.to_utf16(where(window, speaker)[0]))
    formats, base = block.layout().formats(), block.position()
    underlined = format_at(where(window, speaker)[0])
    assert underlined.underlineColor() == styles["SPEAKER"].colour
