"""Once a layer is read whole, the statements panel fills in a part at a time, one part per turn of the event loop:
at the end every claim has its row once, and what was edited meanwhile (before or past where the filling had come
to) is shown as the Store holds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.model import Document, Layer, LayerRecord, Relation, Span, Status
from db.rows import key_order
from db.store import Store
from ui.main_window import MainWindow
from ui.statements import StatementsModel
from window.conftest import click_span, drag_select

SENTENCES = [f"Report {n}: the minister said that cooperation will grow." for n in range(60)]
TEXT = "\n\n".join(SENTENCES)


def _at(n: int, phrase: str) -> tuple[int, int]:
    start = TEXT.index(SENTENCES[n]) + SENTENCES[n].index(phrase)
    return start, start + len(phrase)


def _layer() -> Layer:
    """A CLAIM "cooperation will grow" in every sentence; every other one attributed to its "the minister"."""
    spans, relations = [], []
    for n in range(len(SENTENCES)):
        spans.append(Span(f"s{2 * n + 1}", *_at(n, "cooperation will grow"), "CLAIM"))
        if n % 2 == 0:
            spans.append(Span(f"s{2 * n + 2}", *_at(n, "the minister"), "SPEAKER", {"speaker": "Jeyhun Bayramov"}))
            relations.append(Relation(f"r{n + 1}", f"s{2 * n + 1}", f"s{2 * n + 2}", "ATTRIBUTED_TO"))
    return Layer("reports", "alice", Status.IN_PROGRESS, 0, tuple(spans), tuple(relations))


@pytest.fixture
def reports(db: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window, with "reports" stored (60 claims, 30 speakers), and the panel filling 10 spans a turn."""
    monkeypatch.setattr("ui.statements.FILL", 10)
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("reports", TEXT, "Reports"), _layer()))], source="test")
    return window


def contents(model: StatementsModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def read_afresh(window: MainWindow) -> list[list[str]]:
    """The panel read whole from the session, after checking the session's index of relations against a scan."""
    session = window.session
    for key in session.spans:
        scan = [r for r in session.relations.values() if key in (r.head, r.child)]
        assert session.relations_at(key) == sorted(scan, key=lambda r: key_order(r.key))
    fresh = StatementsModel(window.session, lambda *_args: None)
    fresh.reload()
    return contents(fresh)


def keys(model: StatementsModel) -> list[str]:
    return [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]


def open_reports(window: MainWindow) -> StatementsModel:
    """Open "reports" and turn the event loop until the panel has begun to fill in (some rows, not all)."""
    model = window.statements_model
    window.open_document("reports")
    for _ in range(200):
        if model.filling and model.rowCount() > 0:
            return model
        QApplication.processEvents()
    raise AssertionError("the panel did not begin to fill in")


def test_the_panel_fills_in_parts_and_ends_with_every_claim_once(qtbot, reports: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = reports
    model = window.statements_model
    batches: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: batches.append(last - first + 1))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(bool(batches)))
    open_reports(window)
    with qtbot.waitSignal(model.filled, timeout=5000):
        pass
    # 90 spans, 10 looked at a turn: the 60 rows came in parts of at most 10, and nothing was read whole again.
    assert len(batches) >= 6 and max(batches) <= 10 and sum(batches) == 60
    assert True not in resets
    assert keys(model) == [f"s{2 * n + 1}" for n in range(60)]
    assert contents(model) == read_afresh(window)
    assert model.index(0, 1).data() == "Jeyhun Bayramov (the minister)" and model.index(1, 1).data() == ""
    # And the table shows it: the first rows are drawn once the panel is full.
    qtbot.waitUntil(lambda: window.statements.viewport().updatesEnabled())
    assert window.statements.indexAt(window.statements.visualRect(model.index(0, 0)).center()).row() == 0


def test_edits_made_while_the_panel_fills_in_are_shown_as_stored(qtbot, reports: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    window, view = reports, reports.view
    model = open_reports(window)
    shown = model.rowCount()
    assert 0 < shown < 60 and not window.session.loading
    before_mark, past_mark = 1, 58  # sentences whose claims have a row already, and have not yet
    assert model.row_of(f"s{2 * before_mark + 1}") >= 0 and model.row_of(f"s{2 * past_mark + 1}") < 0

    # A SPEAKER tagged and linked before the mark: its claim's row shows it at once.
    drag_select(qtbot, window, *_at(before_mark, "the minister"))
    qtbot.keyClick(view, "s")
    speaker = window.session.selected
    click_span(qtbot, window, _at(before_mark, "cooperation will grow")[0] + 3)
    qtbot.keyClick(view, "a")
    click_span(qtbot, window, _at(before_mark, "the minister")[0] + 3)
    assert model.filling, "still filling in: the edits are made meanwhile"
    assert model.index(model.row_of(f"s{2 * before_mark + 1}"), 1).data() == "the minister"
    # A CLAIM tagged past the mark has no row until the filling comes to it; its stance is set meanwhile.
    drag_select(qtbot, window, *_at(past_mark, "the minister said"))
    qtbot.keyClick(view, "c")
    tagged = window.session.selected
    qtbot.keyClick(view, "1")
    assert tagged is not None and model.row_of(tagged) < 0
    # A claim before the mark deleted: its row goes at once.
    click_span(qtbot, window, _at(0, "cooperation will grow")[0] + 3)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.row_of("s1") < 0
    assert model.filling

    qtbot.waitUntil(lambda: not model.filling)
    stored = store.layer("reports", "alice")
    claims = sorted((s for s in stored.spans if s.label == "CLAIM"), key=lambda s: (s.start, -s.end, s.key))
    assert keys(model) == [s.key for s in claims] and len(set(keys(model))) == 60
    assert contents(model) == read_afresh(window)
    assert model.index(model.row_of(tagged), 3).data() == "FAVOR"
    assert any(r.child == speaker for r in stored.relations)
    # Undo puts the deleted claim back, with its speaker, in its place.
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert keys(model)[0] == "s1" and model.index(0, 1).data() == "Jeyhun Bayramov (the minister)"
    assert contents(model) == read_afresh(window)
