"""Time that means something: the window's clock runs while the window is active and its annotator not idle, and
each stretch of work is stored as a work period with the layer's time. A fake monotonic clock stands in for two
minutes of idleness; keys, clicks and focus changes are real."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.model import Document, Layer, LayerRecord, Relation, Span, Status
from db.models import AnnotatorRow, DocumentRow, LayerRow, WorkPeriodRow
from db.store import Store
from ui.main_window import MainWindow
from ui.remembered import settings
from ui.work_clock import IDLE_SETTING
from window.conftest import FIRST, keyboard_select, shown_window


class FakeTime:
    """A monotonic clock that moves only when told (from where the real one is, for the stretch already begun)."""

    def __init__(self) -> None:
        self.value = time.monotonic()

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


def periods(db: Path, doc_id: str) -> list[tuple[int, int]]:
    """(active ms, statements gained) of alice's work periods on ``doc_id``, in order, read from disk."""
    with Store.open(db) as store, store.engine.connect() as connection:
        query = (
            select(WorkPeriodRow.active_ms, WorkPeriodRow.statements)
            .join(LayerRow, LayerRow.id == WorkPeriodRow.layer_id)
            .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
            .join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
            .where(DocumentRow.doc_id == doc_id, AnnotatorRow.name == "alice")
            .order_by(WorkPeriodRow.id)
        )
        return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]


def time_spent(db: Path, doc_id: str) -> int:
    with Store.open(db) as store, store.engine.connect() as connection:
        return (
            connection.scalar(
                select(LayerRow.time_spent_ms)
                .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
                .where(DocumentRow.doc_id == doc_id)
            )
            or 0
        )


@pytest.fixture
def timed(qtbot, db: Path) -> Iterator[tuple[MainWindow, FakeTime]]:  # type: ignore[no-untyped-def]
    main = shown_window(qtbot, store_opener(db), "alice", prepare=load_seeds)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    fake = FakeTime()
    main.session.clock.now = fake
    assert main.session.doc_id == FIRST
    next_and_back(qtbot, main)  # the stretch on FIRST begins again, at the fake time
    yield main, fake
    main.close()


def next_and_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc_id == FIRST


def tag_claim(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A source, then a claim of the same sentence: the claim is linked to it, a statement."""
    text = window.session.document.text  # type: ignore[union-attr]
    for piece, key in (("President Ilham Aliyev", Qt.Key.Key_S), ("represents our country", Qt.Key.Key_C)):
        start = text.index(piece)
        keyboard_select(qtbot, window, start, start + len(piece))
        qtbot.keyClick(window.view, key)


def test_idleness_ends_a_stretch_and_its_two_minutes_do_not_count(qtbot, db: Path, timed) -> None:  # type: ignore[no-untyped-def]
    window, fake = timed
    fake.advance(10)
    tag_claim(qtbot, window)  # the layer begins
    fake.advance(30)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # the last input: 40 s into the stretch
    assert periods(db, FIRST) == []  # nothing stored while the stretch runs
    fake.advance(121)  # idle for more than two minutes: the clock checks once a second
    qtbot.waitUntil(lambda: periods(db, FIRST) != [], timeout=5000)
    with Store.open(db) as store:
        gained = store.statement_count(FIRST, "alice")
    assert gained >= 1 and periods(db, FIRST) == [(40_000, gained)]
    assert time_spent(db, FIRST) == 40_000
    fake.advance(600)  # still idle: nothing more counts
    qtbot.keyClick(window.view, Qt.Key.Key_Left)  # back: a new stretch begins now
    fake.advance(5)
    window.close()
    assert periods(db, FIRST) == [(40_000, gained), (5_000, 0)]
    assert time_spent(db, FIRST) == 45_000


def test_the_clock_stops_while_another_window_is_active(qtbot, db: Path, timed) -> None:  # type: ignore[no-untyped-def]
    window, fake = timed
    tag_claim(qtbot, window)
    fake.advance(20)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # the annotator turns to another window: the stretch ends now
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    qtbot.waitUntil(lambda: len(periods(db, FIRST)) == 1, timeout=5000)
    fake.advance(300)  # away: does not count
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    fake.advance(7)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # the next document
    assert [ms for ms, _ in periods(db, FIRST)] == [20_000, 7_000]
    assert time_spent(db, FIRST) == 27_000


def test_the_idle_threshold_is_a_setting_of_the_window(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    settings().setValue(IDLE_SETTING, 30)
    main = shown_window(qtbot, store_opener(db), "alice", prepare=load_seeds)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    fake = FakeTime()
    main.session.clock.now = fake
    next_and_back(qtbot, main)
    tag_claim(qtbot, main)
    fake.advance(12)
    qtbot.keyClick(main.view, Qt.Key.Key_Right)
    fake.advance(31)  # over the 30 s the setting gives, far under the default two minutes
    qtbot.waitUntil(lambda: periods(db, FIRST) != [], timeout=5000)
    assert [ms for ms, _ in periods(db, FIRST)] == [12_000]
    main.close()


def test_a_layer_read_in_parts_counts_a_statement_made_at_once_as_the_stretch_gain(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The open counts no statements before its first paint (the Store's count reads the layer): the stretch's count
    # waits for the layer read whole, which any change reads first. A statement made as soon as the document shows,
    # before the rest of its layer is read, is the gain; the 300 the layer held are not.
    said = [f"Minister {n} said the plan number {n} works." for n in range(300)]
    text = "\n".join(["President Ilham Aliyev says he represents our country at the talks.", *said])
    spans, relations = [], []
    for n, line in enumerate(said):
        base = text.index(line)
        speaker, claim = f"s{2 * n + 1}", f"s{2 * n + 2}"
        spans.append(Span(speaker, base, base + len(f"Minister {n}"), "SPEAKER"))
        claim_start = base + line.index("the plan")
        spans.append(Span(claim, claim_start, base + len(line) - 1, "CLAIM"))
        relations.append(Relation(f"r{n + 1}", claim, speaker, "ATTRIBUTED_TO"))
    db = tmp_path / "long.db"
    with Store.open(db) as store:
        store.add_annotator("alice")
        layer = Layer("long", "alice", Status.IN_PROGRESS, 0, tuple(spans), tuple(relations))
        records = [(1, LayerRecord(Document("long", text, "Long"), layer))]
        records.append((2, LayerRecord(Document("short", "A short one.", "Short"), None)))
        store.import_records(records, source="test")
        assert store.statement_count("long", "alice") == 300
    main = shown_window(qtbot, store_opener(db), "alice")
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    fake = FakeTime()
    main.session.clock.now = fake
    main.open_document("short")
    main.open_document("long")  # in the active window: its stretch begins with the open
    assert main.session.loading  # only the first screen's spans are read
    tag_claim(qtbot, main)
    fake.advance(30)
    qtbot.keyClick(main, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # on to the next: stored
    assert main.session.doc_id == "short"
    assert periods(db, "long")[-1] == (30_000, 1)  # (before it, the stretch of the window's own first open)
    main.close()
