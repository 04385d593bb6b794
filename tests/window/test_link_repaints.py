"""What a link by keys draws again: the lines of the claim and the cue it links, and the arc between them, not the
whole of a long paragraph; and nothing the link shows is drawn outside what is drawn again (a part of an arc or an
outline outside it would be cut off on the screen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QRegion

from annotator.model import Document, LayerRecord
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import click_span
from window.painted import Painted, came, grab

SENTENCE = "The minister said that the cooperation between the two countries will grow in the coming years. "
PARAGRAPH = SENTENCE * 30  # one paragraph of many lines
TEXT = f"A short first paragraph.\n\n{PARAGRAPH}\n\nA short last paragraph."
CLAIM_AT = TEXT.index("cooperation", TEXT.index(SENTENCE) + 8 * len(SENTENCE))  # in the paragraph's ninth sentence
CUE_AT = TEXT.index("said", CLAIM_AT + len(SENTENCE))  # in the next sentence: a line or two further down


def test_a_link_by_keys_draws_again_the_lines_it_changes(qtbot, db: Path, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("wide", TEXT, "Wide"), None))], source="test")
        claim = store.add_span("wide", "alice", CLAIM_AT, CLAIM_AT + 11, "CLAIM").added[0]
        cue = store.add_span("wide", "alice", CUE_AT, CUE_AT + 4, "CUE").added[0]
    window.open_document("wide")
    view, session = window.view, window.session
    qtbot.waitUntil(lambda: not session.loading)
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))  # the pointer over no span
    click_span(qtbot, window, CLAIM_AT + 3)
    assert session.selected == claim.key
    qtbot.keyClick(view, "u")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert session.selected == cue.key
    qtbot.wait(50)
    plain = grab(window)
    paragraph = view.blockBoundingGeometry(view.document().findBlockByNumber(2)).translated(view.contentOffset())
    assert paragraph.height() > view.viewport().height() / 3, "the test needs a long paragraph in view"
    painted = Painted(view.viewport())

    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(painted.regions))
    qtbot.wait(50)

    with Store.open(db) as store:
        layer = store.layer("wide", "alice")
    assert layer is not None and [(r.head, r.child, r.label) for r in layer.relations] == [
        (claim.key, cue.key, "HAS_CUE")
    ]
    assert session.selected == claim.key
    drawn = QRegion()
    for region in painted.regions:
        drawn = drawn.united(region)
    box = drawn.boundingRect()
    assert box.height() < paragraph.height() / 2, (
        f"drawn again: rows {box.top()} to {box.bottom()}, of a paragraph of rows {paragraph.top()} to "
        f"{paragraph.bottom()}"
    )
    # The arc the link shows, and the claim's outline, lie in what was drawn again.
    arcs = window.options.arcs
    assert not arcs._last.isEmpty() and QRegion(arcs._last).subtracted(drawn).isEmpty()
    for rect in view.rects_of(session.mark(session.spans[claim.key]), view.visible_blocks()):
        assert QRegion(rect.toAlignedRect().adjusted(-2, -2, 2, 2)).subtracted(drawn).isEmpty()
    assert came(plain, grab(window), window.styles["CUE"].colour) > 15  # the arc, in the cue's colour
