"""Stance and target in the window, with the real proposer: a target the claim names comes with the claim; a
stance the reader has just set on a speaker and target is evidence for the next claim of the same speaker on the
same target, shown in the proposal's rule and accepted with the claim (one change, one undo step); a speaker added
to the project's registry names its mention. Keys and clicks as a person's, then the Store and the screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from annotator.cli.window import store_opener
from annotator.formats.native import parse_record
from annotator.model import Role
from annotator.proposer import propose
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import click_span, inside, shown_window

TEXT = (
    "Rosa Ibarra said the Non-Aligned Movement had lost its way.\n\n"
    "The Harbour Board chair said the Non-Aligned Movement was a relic.\n\n"
    "Later, Rosa Ibarra said the Non-Aligned Movement should be dissolved.\n"
)
FIRST, OTHER, NEXT = (
    "the Non-Aligned Movement had lost its way",
    "the Non-Aligned Movement was a relic",
    "the Non-Aligned Movement should be dissolved",
)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    with Store.open(db) as store:
        store.add_annotator("alice", Role.LEAD)
        record = {"doc_id": "talks", "text": TEXT, "annotator": "alice", "status": "todo", "spans": []}
        store.import_records([(1, parse_record(record | {"relations": []}, store.schema))], source="test")
        store.add_speaker("Mia Lund", ["Harbour Board chair"])  # the registry, not the schema file
    main = shown_window(qtbot, store_opener(db), "alice", propose=propose)
    qtbot.waitUntil(lambda: "proposals:" in main.statusBar().currentMessage())
    yield main, db
    main.close()


def statements(db: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    """Each stored claim's words: its source's canonical speaker and its attributes, read by a second connection."""
    with Store.open(db) as store:
        layer = store.layer("talks", "alice")
    if layer is None:
        return {}
    spans = {s.key: s for s in layer.spans}
    said = {r.head: spans[r.child].attrs.get("speaker") for r in layer.relations if r.label == "ATTRIBUTED_TO"}
    return {TEXT[s.start : s.end]: (said.get(s.key), dict(s.attrs)) for s in layer.spans if s.label == "CLAIM"}


def accept(qtbot, main: MainWindow, words: str) -> str:  # type: ignore[no-untyped-def]
    """Click inside the proposed claim, read the status bar, press Enter."""
    click_span(qtbot, main, TEXT.index(words) + 5)
    shown = main.statusBar().currentMessage()
    qtbot.keyClick(main.view, Qt.Key.Key_Return)
    return shown


def test_a_stance_just_set_is_evidence_for_the_same_speakers_next_claim_on_the_target(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    main, db = window
    shown = accept(qtbot, main, FIRST)
    assert "target 'Non-Aligned Movement' named in the claim ('Non-Aligned Movement')" in shown
    assert "stance" not in shown, "no evidence yet: no stance"
    assert statements(db) == {
        FIRST: ("Rosa Ibarra", {"quote_type": "indirect", "target": "Non-Aligned Movement"}),
    }
    qtbot.keyClick(main.view, Qt.Key.Key_2)  # AGAINST, for the accepted claim (selected)
    assert statements(db)[FIRST][1]["stance"] == "AGAINST"

    assert "stance" not in accept(qtbot, main, OTHER), "another speaker: no evidence"
    assert statements(db)[OTHER] == ("Mia Lund", {"quote_type": "indirect", "target": "Non-Aligned Movement"})

    start = TEXT.index(NEXT) + 5
    qtbot.mouseMove(main.view.viewport(), inside(main, start))
    expected = "stance 'AGAINST' as Rosa Ibarra on Non-Aligned Movement in talks"
    qtbot.waitUntil(lambda: expected in QToolTip.text())
    assert expected in accept(qtbot, main, NEXT)
    assert statements(db)[NEXT] == (
        "Rosa Ibarra", {"quote_type": "indirect", "target": "Non-Aligned Movement", "stance": "AGAINST"},
    )  # fmt: skip
    qtbot.keyClick(main.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert NEXT not in statements(db), "the claim, its speaker, cue, links, target and stance: one undo step"
    assert statements(db)[FIRST][1]["stance"] == "AGAINST"


def test_a_registry_speaker_names_its_mention_in_the_proposal(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    main, _ = window
    chair = TEXT.index("Harbour Board chair")
    qtbot.mouseMove(main.view.viewport(), inside(main, chair + 3))
    qtbot.waitUntil(lambda: "speaker 'Mia Lund' from registry alias 'Harbour Board chair'" in QToolTip.text())
