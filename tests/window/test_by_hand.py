"""A statement by hand in a few actions: a tag links what its attribution makes plain and sets the quote type, in one
undo step; targets by one key from the list under the article; the quote type by its key; a span's ends moved by a
word. Keys and clicks as a person's; then the database (a second connection) and the screen are checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.schema import parse_schema
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import click_span, drag, shown_window

SECOND = "02-islamic-solidarity-foreign-policy-priority"
FOURTH = "04-aliyev-receives-oic-secretary-general"
CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def open_doc(qtbot, window: MainWindow, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+PgDown until ``doc_id`` is open, as a person steps through the list."""
    for _ in range(5):
        if window.session.doc_id == doc_id:
            break
        qtbot.keyClick(window.view, Qt.Key.Key_PageDown, CTRL)
    assert window.session.doc_id == doc_id


def at(window: MainWindow, phrase: str, after: str = "") -> tuple[int, int]:
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index(phrase, text.index(after) if after else 0)
    return start, start + len(phrase)


def tag(qtbot, window: MainWindow, phrase: str, key: str, after: str = "") -> None:  # type: ignore[no-untyped-def]
    drag(qtbot, window, *at(window, phrase, after))
    qtbot.keyClick(window.view, key)


def on_disk(store: Store, doc_id: str) -> dict[str, object]:
    """The layer as stored: {(label, text): attrs} and sorted (relation, head text, child text)."""
    layer = store.layer(doc_id, "alice")
    text = store.document(doc_id).text
    if layer is None:
        return {"spans": {}, "relations": []}
    spans = {s.key: s for s in layer.spans}

    def said(key: str) -> str:
        return text[spans[key].start : spans[key].end]

    return {
        "spans": {(s.label, text[s.start : s.end]): dict(s.attrs) for s in layer.spans},
        "relations": sorted((r.label, said(r.head), said(r.child)) for r in layer.relations),
    }


STRESSED = (
    "Azerbaijan provides support in international organizations for decisions and resolutions that protect the "
    "interests of all Muslim countries, and initiated many of them"
)


def test_a_claim_is_linked_at_once_to_its_one_speaker_and_cue_and_one_undo_takes_it_all(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    tag(qtbot, window, "He", "s", after="He stressed")
    tag(qtbot, window, "stressed", "v", after="He stressed")
    tag(qtbot, window, STRESSED, "c")
    assert (
        window.statusBar().currentMessage().endswith("linked to SPEAKER “He” and CUE “stressed”; quote_type indirect")
    )
    stored = on_disk(store, SECOND)
    assert stored["spans"][("CLAIM", STRESSED)] == {"quote_type": "indirect"}
    assert stored["relations"] == [("ATTRIBUTED_TO", STRESSED, "He"), ("HAS_CUE", STRESSED, "stressed")]
    model = window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert [model.index(0, c).data() for c in range(1, 6)] == ["He", "stressed", "", "", "indirect"]

    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one undo: the claim, both links and its quote type
    stored = on_disk(store, SECOND)
    assert stored["relations"] == [] and set(stored["spans"]) == {("SPEAKER", "He"), ("CUE", "stressed")}
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(on_disk(store, SECOND)["relations"]) == 2


def test_a_cue_on_each_side_is_two_candidates_and_links_none(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, FOURTH)
    tag(qtbot, window, "Emphasizing", "v")
    tag(qtbot, window, "the head of state", "s", after="Emphasizing")
    tag(qtbot, window, "noted", "v", after="Emphasizing")
    claim = "Azerbaijan’s fruitful cooperation with the OIC"
    tag(qtbot, window, claim, "c")
    assert window.statusBar().currentMessage().endswith("linked to SPEAKER “the head of state”; quote_type indirect")
    assert on_disk(store, FOURTH)["relations"] == [("ATTRIBUTED_TO", claim, "the head of state")]
    # The second claim has both cues before it: the nearer, its own, is the one.
    second = "the country is actively involved in strengthening Islamic solidarity"
    tag(qtbot, window, second, "c")
    assert ("HAS_CUE", second, "noted") in on_disk(store, FOURTH)["relations"]
    assert ("ATTRIBUTED_TO", second, "the head of state") in on_disk(store, FOURTH)["relations"]


def test_a_speaker_and_cue_tagged_after_their_claim_link_it(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    claim = "Strengthening of Islamic solidarity is one of the main priority issues of foreign policy for Azerbaijan"
    tag(qtbot, window, claim, "c", after="policy\n")
    tag(qtbot, window, "said", "v")
    assert window.statusBar().currentMessage().endswith("linked to CLAIM “Strengthening of Islamic soli…”")
    tag(qtbot, window, "President Ilham Aliyev", "s")
    stored = on_disk(store, SECOND)
    assert stored["relations"] == [("ATTRIBUTED_TO", claim, "President Ilham Aliyev"), ("HAS_CUE", claim, "said")]
    assert stored["spans"][("SPEAKER", "President Ilham Aliyev")] == {"speaker": "Ilham Aliyev"}
    # "Mr. President" begins the next sentence (the title's full stop ends none): no claim there, no link.
    tag(qtbot, window, "Mr. President", "s")
    assert len(on_disk(store, SECOND)["relations"]) == 2


def test_quoted_claims_are_direct_continue_the_quote_and_q_steps_the_quote_type(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    first = "The first time this title was awarded to Baku."
    tag(qtbot, window, "Ilham Aliyev", "s", after="honorary title")
    tag(qtbot, window, "noted", "v", after="honorary title")
    tag(qtbot, window, "This is the second time that an Azerbaijani city is awarded this honorary title", "c")
    tag(qtbot, window, first, "c")  # its sentence has no speaker: the quotation before it goes on
    stored = on_disk(store, SECOND)
    assert stored["spans"][("CLAIM", first)] == {"quote_type": "direct"}
    assert ("ATTRIBUTED_TO", first, "Ilham Aliyev") in stored["relations"]
    assert ("HAS_CUE", first, "noted") in stored["relations"]
    qtbot.keyClick(window.view, "q")
    assert on_disk(store, SECOND)["spans"][("CLAIM", first)] == {"quote_type": "indirect"}
    assert window.statusBar().currentMessage() == f"quote_type of CLAIM “{first[:39]}…”: indirect (q again: the next)"
    qtbot.keyClick(window.view, "q")
    qtbot.keyClick(window.view, "q")
    assert on_disk(store, SECOND)["spans"][("CLAIM", first)] == {"quote_type": "direct"}
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert on_disk(store, SECOND)["spans"][("CLAIM", first)] == {"quote_type": "mixed"}


def test_a_target_by_one_key_from_the_list_the_last_used_first(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    targets = window.tagging.targets
    assert targets.isVisible() and not targets.isEnabled()
    shown = targets.text().replace("&nbsp;", " ").replace("</b>", "").replace("<b style='color:#b5121b'>", "")
    assert "6 Islamic solidarity · 7 Islamophobia" in shown, "the project's targets, a key beside each"
    keys = dict(targets.offered())
    assert keys["4"] == "Azerbaijan's foreign policy" and keys["b"] == "Peace in the South Caucasus"
    tag(qtbot, window, STRESSED, "c")
    qtbot.waitUntil(targets.isEnabled, timeout=2000)  # the list follows a turn after the article is drawn
    qtbot.keyClick(window.view, "7")
    assert on_disk(store, SECOND)["spans"][("CLAIM", STRESSED)] == {"quote_type": "indirect", "target": "Islamophobia"}
    assert dict(targets.offered())["4"] == "Islamophobia", "the last used comes first, under the first key"
    qtbot.waitUntil(lambda: "Islamophobia</u>" in targets.text(), timeout=2000)  # the claim's target is marked
    assert targets.text().count("<u>") == 1
    qtbot.keyClick(window.view, "7")  # now Islamic solidarity (Islamophobia went first)
    assert on_disk(store, SECOND)["spans"][("CLAIM", STRESSED)]["target"] == "Islamic solidarity"
    qtbot.keyClick(window.view, "2")  # stance keys as before
    assert on_disk(store, SECOND)["spans"][("CLAIM", STRESSED)]["stance"] == "AGAINST"
    tag(qtbot, window, "stressed", "v", after="He stressed")  # a cue takes no target: the key does nothing
    qtbot.waitUntil(lambda: not targets.isEnabled(), timeout=2000)
    qtbot.keyClick(window.view, "4")
    assert on_disk(store, SECOND)["spans"][("CUE", "stressed")] == {}


def test_moving_a_boundary_keeps_links_and_attributes_and_undoes_in_one_step(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    tag(qtbot, window, "He", "s", after="He stressed")
    tag(qtbot, window, "stressed", "v", after="He stressed")
    short = STRESSED[: STRESSED.index(", and initiated")]
    tag(qtbot, window, short, "c")
    qtbot.keyClick(window.view, "1")
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT)  # the end: over the comma
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT)  # and "and"
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT)  # back to the comma
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT | SHIFT)  # the start: past "Azerbaijan"
    moved = short[len("Azerbaijan ") :] + ","
    stored = on_disk(store, SECOND)
    assert stored["spans"][("CLAIM", moved)] == {"stance": "FAVOR", "quote_type": "indirect"}
    assert stored["relations"] == [("ATTRIBUTED_TO", moved, "He"), ("HAS_CUE", moved, "stressed")]
    assert window.statusBar().currentMessage().startswith("CLAIM now “provides support")
    assert window.session.selected_span().key == "s3"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one step back: the start
    assert ("CLAIM", short + ",") in on_disk(store, SECOND)["spans"]
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT | SHIFT)  # the start before "that"
    assert ("CLAIM", "that " + short + ",") in on_disk(store, SECOND)["spans"]
    # A one-word span cannot lose its word.
    click_span(qtbot, window, at(window, "stressed", "He stressed")[0] + 2)
    before = on_disk(store, SECOND)
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ALT)
    assert window.statusBar().currentMessage() == (
        "the end of CUE “stressed” cannot move past its other end: a span holds a word at least"
    )
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT | SHIFT)
    assert on_disk(store, SECOND) == before


def test_an_armed_label_tags_each_drag(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, FOURTH)
    qtbot.keyClick(window.view, "v")  # nothing selected: every drag is a CUE now
    drag(qtbot, window, *at(window, "Emphasizing"))
    drag(qtbot, window, *at(window, "noted", "Emphasizing"))
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    drag(qtbot, window, *at(window, "the head of state", "Emphasizing"))
    assert set(on_disk(store, FOURTH)["spans"]) == {("CUE", "Emphasizing"), ("CUE", "noted")}


@pytest.fixture
def renamed_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from window.test_renamed_schema import renamed_schema_text

    def prepare(store: Store) -> None:
        store.set_schema(parse_schema(renamed_schema_text()))
        load_seeds(store)

    main = shown_window(qtbot, store_opener(tmp_path / "renamed.db"), "alice", prepare=prepare)
    yield main
    main.close()


def test_a_renamed_schema_links_and_sets_the_same(qtbot, renamed_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = renamed_window
    open_doc(qtbot, window, SECOND)
    tag(qtbot, window, "He", "s", after="He stressed")
    tag(qtbot, window, "stressed", "v", after="He stressed")
    tag(qtbot, window, STRESSED, "c")
    assert window.statusBar().currentMessage().endswith("linked to SOURCE “He” and TRIGGER “stressed”; form indirect")
    qtbot.keyClick(window.view, "6")
    qtbot.keyClick(window.view, "q")
    with Store.open(tmp_path / "renamed.db") as store:
        stored = on_disk(store, SECOND)
    assert stored["spans"][("CONTENT", STRESSED)] == {"form": "mixed", "topic": "Islamic solidarity"}
    assert stored["relations"] == [("INTRODUCED_BY", STRESSED, "stressed"), ("SAID_BY", STRESSED, "He")]


def test_f2_offers_the_canonical_speaker_of_the_mention_before(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    tag(qtbot, window, "Mr. President", "s")  # a registry alias: Ilham Aliyev filled in
    tag(qtbot, window, "He", "s", after="He stressed")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.speaker_editor
    assert editor.isVisible() and editor.line.text() == "Ilham Aliyev"
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert on_disk(store, SECOND)["spans"][("SPEAKER", "He")] == {"speaker": "Ilham Aliyev"}


def test_a_move_onto_a_span_of_the_same_label_is_refused(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, SECOND)
    tag(qtbot, window, "He stressed", "v")
    tag(qtbot, window, "He", "v", after="He stressed")
    before = on_disk(store, SECOND)
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ALT)
    assert window.statusBar().currentMessage() == "a CUE is already there: the end of “He” stays"
    assert on_disk(store, SECOND) == before
