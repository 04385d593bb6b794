"""Changes in the window: unlinking by keys and clicks, a compound change undone and redone as one step, and an
undo refused when someone else has changed the layer meanwhile. The Store and the screen are checked each time."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.change import LayerChange
from annotator.model import Relation, Span
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, click_span

CLAIM = "The importance of Azerbaijan"
SPEAKER = "Sattar Mohbaliyev"
CUE = "expressed these views"
SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def at(window: MainWindow, phrase: str) -> tuple[int, int]:
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index(phrase)
    return start, start + len(phrase)


def links(store: Store) -> list[tuple[str, str, str]]:
    """The relations on disk as (label, head text, child text)."""
    layer = store.layer(FIRST, "alice")
    assert layer is not None
    text = store.document(FIRST).text
    spans = {s.key: text[s.start : s.end] for s in layer.spans}
    return sorted((r.label, spans[r.head], spans[r.child]) for r in layer.relations)


def statement(window: MainWindow, store: Store) -> None:
    """A claim linked to its speaker and its cue, stored by another connection; the window reads it again."""
    keys = {}
    for phrase, label in ((CLAIM, "CLAIM"), (SPEAKER, "SPEAKER"), (CUE, "CUE")):
        keys[phrase] = store.add_span(FIRST, "alice", *at(window, phrase), label).added[0].key
    store.add_relation(FIRST, "alice", keys[CLAIM], keys[SPEAKER], "ATTRIBUTED_TO")
    store.add_relation(FIRST, "alice", keys[CLAIM], keys[CUE], "HAS_CUE")
    window.session.document = None
    window.open_document(FIRST)


def pick(qtbot, window: MainWindow, phrase: str) -> None:  # type: ignore[no-untyped-def]
    start, end = at(window, phrase)
    click_span(qtbot, window, (start + end) // 2)
    assert window.session.text_of(window.session.selected_span()) == phrase  # type: ignore[arg-type]


BOTH = [("ATTRIBUTED_TO", CLAIM, SPEAKER), ("HAS_CUE", CLAIM, CUE)]


def test_unlinking_by_number_by_click_by_tab_and_all_at_once(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    view, message = window.view, window.statusBar().currentMessage
    statement(window, store)
    # Of several links, Shift+Delete numbers them in the order of their other ends; a number removes that one.
    pick(qtbot, window, CLAIM)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    assert message().startswith("unlink which? 1 ATTRIBUTED_TO → “Sattar Mohbaliyev” · 2 HAS_CUE → “expressed")
    assert links(store) == BOTH, "nothing goes before the choice"
    qtbot.keyClick(view, "2")
    assert links(store) == BOTH[:1]
    assert message() == "unlinked HAS_CUE → “expressed these views” (Ctrl+Z puts it back)"
    assert window.session.text_of(window.session.selected_span()) == CLAIM  # type: ignore[arg-type]
    assert len(window.session.spans) == 3, "the spans stay"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert links(store) == BOTH
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert links(store) == BOTH[:1]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    # A span with one link loses it at once: here the speaker, the link's child.
    pick(qtbot, window, SPEAKER)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    assert links(store) == BOTH[1:]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert links(store) == BOTH
    # A click on the other end chooses; so do Tab and Enter.
    pick(qtbot, window, CLAIM)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    start, end = at(window, SPEAKER)
    click_span(qtbot, window, (start + end) // 2)
    assert links(store) == BOTH[1:]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    pick(qtbot, window, CLAIM)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.session.text_of(window.session.selected_span()) == CUE  # type: ignore[arg-type]
    assert message() == "Enter unlinks HAS_CUE → “expressed these views”; Esc cancels"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert links(store) == BOTH[:1]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    # Esc cancels, and the keys do what they always do again.
    pick(qtbot, window, CLAIM)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert message() == "unlinking cancelled"
    qtbot.keyClick(view, "1")
    assert links(store) == BOTH
    assert store.layer(FIRST, "alice").spans[0].attrs == {"stance": "FAVOR"}
    # A change while the links are on offer (an undo) withdraws the offer.
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, "2")
    assert links(store) == BOTH
    assert store.layer(FIRST, "alice").spans[0].attrs == {"stance": "AGAINST"}
    # Shift+Delete twice: every link of the span, as one change and one undo step.
    steps = window.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    assert links(store) == [] and window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "unlink ATTRIBUTED_TO, HAS_CUE"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert links(store) == BOTH and window.session.relations.keys() == {"r1", "r2"}
    # Without a selected span, the key says what it needs.
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Delete, SHIFT)
    assert message() == "select a span first, then press Shift+Delete to remove its links"


def test_a_compound_change_is_one_undo_step(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    """A claim with its stance and its links to a speaker and a cue, made at once: what accepting a whole proposed
    statement will be."""
    view, session = window.view, window.session
    speaker = store.add_span(FIRST, "alice", *at(window, SPEAKER), "SPEAKER").added[0]
    cue = store.add_span(FIRST, "alice", *at(window, CUE), "CUE").added[0]
    session.document = None
    window.open_document(FIRST)
    keys = session.fresh_keys("s")
    claim = Span(next(keys), *at(window, CLAIM), "CLAIM", {"stance": "AGAINST", "target": "Islamic solidarity"})
    change = LayerChange(
        FIRST,
        "alice",
        session.version,
        session.version,
        added=(claim,),
        linked=(Relation("", claim.key, speaker.key, "ATTRIBUTED_TO"), Relation("", claim.key, cue.key, "HAS_CUE")),
    )
    steps = window.undo_stack.count()
    assert window.tagging.do("accept the statement", lambda: session.apply(change)) is not None
    assert window.undo_stack.count() == steps + 1
    whole = [("ATTRIBUTED_TO", CLAIM, SPEAKER), ("HAS_CUE", CLAIM, CUE)]
    assert links(store) == whole
    assert {s.label: s.attrs for s in store.layer(FIRST, "alice").spans}["CLAIM"] == claim.attrs
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 1)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert links(store) == [] and [s.label for s in store.layer(FIRST, "alice").spans] == ["SPEAKER", "CUE"]
    assert claim.key not in session.spans and session.relations == {}
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 0)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert links(store) == whole
    assert {s.label: s.attrs for s in store.layer(FIRST, "alice").spans}["CLAIM"] == claim.attrs
    assert window.session.selected == claim.key
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 1)
    # The next compound change's keys are fresh after the changes made since the first were given out.
    assert next(session.fresh_keys("s")) not in {s.key for s in store.layer(FIRST, "alice").spans}
    assert next(session.fresh_keys("r")) not in {r.key for r in store.layer(FIRST, "alice").relations}


def test_an_undo_after_someone_else_changed_the_layer_is_refused(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    statement(window, store)
    pick(qtbot, window, CLAIM)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert links(store) == []
    store.add_span(FIRST, "alice", *at(window, "According to"), "CUE")  # the same layer, changed elsewhere
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == (
        "could not undo “remove CLAIM”: alice's layer of 01-azerbaijan-islamic-solidarity was changed by someone "
        "else since you opened it; reload"
    )
    assert links(store) == [], "the claim stays removed"
    # The window read the layer again: the other's cue is there, and the claim is not.
    assert sorted(s.label for s in window.session.spans.values()) == ["CUE", "CUE", "SPEAKER"]
