"""A long article opens at once: its first screen is read and painted before it shows, the rest when the window is
idle, and nothing is lost or shown wrong while the rest is on its way (scrolling, an edit, another writer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.errors import StoreError
from annotator.model import Document, LayerRecord
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import answer_dialog

PARAGRAPHS = [f"Paragraph {n}: the minister said that cooperation 🇦🇿 will grow." for n in range(600)]
TEXT = "\n\n".join(PARAGRAPHS)
LAST = TEXT.rindex("the minister")  # "the minister said that cooperation 🇦🇿 will grow." of the last paragraph
LAST_CLAIM = (TEXT.rindex("cooperation"), TEXT.rindex("grow") + 4)


@pytest.fixture
def long_window(db: Path, window: MainWindow) -> MainWindow:
    """The window, with a document "long" stored: a CLAIM at the start, and at the end a SPEAKER, a CLAIM attributed
    to it and a CUE."""
    with Store.open(db) as store:
        store.import_records([(1, LayerRecord(Document("long", TEXT, "Long"), None))], source="test")
        store.add_span("long", "alice", 0, 9, "CLAIM")
        speaker = store.add_span("long", "alice", LAST, LAST + 12, "SPEAKER", {"speaker": "Jeyhun Bayramov"}).added[0]
        claim = store.add_span("long", "alice", *LAST_CLAIM, "CLAIM").added[0]
        store.add_span("long", "alice", LAST + 13, LAST + 17, "CUE")
        store.add_relation("long", "alice", claim.key, speaker.key, "ATTRIBUTED_TO")
    return window


def open_long(window: MainWindow) -> None:
    """Open "long" and process nothing after (pytest-qt processes events between a fixture and its test)."""
    window.open_document("long")
    assert window.view.highlighter.pending > 0, "the test needs the rest still to come"


def reads_counted(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The ``limit`` of each read of a part of the layer from now on (each read made as before), in order."""
    real, limits = window.store.layer_part, []

    def counted(start, after=None, *, limit):  # type: ignore[no-untyped-def]
        limits.append(limit)
        return real(start, after, limit=limit)

    monkeypatch.setattr(window.store, "layer_part", counted)
    return limits


def formats_at(window: MainWindow, cp: int) -> list[tuple[int, int]]:
    block = window.view.document().findBlock(window.session.positions.to_utf16(cp))
    return [(f.start, f.length) for f in block.layout().formats()]


def test_the_first_screen_is_painted_at_once_and_the_rest_when_idle(qtbot, long_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    open_long(window)
    assert formats_at(window, 0) == [(0, 9)], "the first screen is painted before it shows"
    assert formats_at(window, LAST) == []
    qtbot.waitUntil(lambda: window.view.highlighter.pending == 0)
    assert formats_at(window, LAST)  # the last paragraph, painted when the window was idle
    assert {s.label for s in window.session.spans.values()} == {"CLAIM", "SPEAKER", "CUE"}
    # The statements panel has the last claim, attributed to its speaker: relations came with the rest.
    model = window.statements_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.index(1, 1).data() == "Jeyhun Bayramov (the minister)"


def test_scrolling_to_the_end_before_its_turn_shows_it_painted(qtbot, long_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window, view = long_window, long_window.view
    open_long(window)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # Ctrl+End at once, before the window has been idle
    view.viewport().repaint()
    assert view.highlighter.pending > 0
    assert formats_at(window, LAST), "what comes into view is painted as it is drawn"
    # And on the screen: the CLAIM's fill is under the last "cooperation", above its letters.
    cursor = QTextCursor(view.document())
    cursor.setPosition(window.session.positions.to_utf16(LAST_CLAIM[0] + 2))
    rect = view.cursorRect(cursor)
    pixel = QColor(view.viewport().grab().toImage().pixel(QPoint(rect.left(), rect.top() + 1)))
    background = view.palette().base().color()
    assert pixel != background


def test_an_edit_before_the_rest_is_read_loses_nothing(qtbot, long_window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    window, view = long_window, long_window.view
    open_long(window)
    for _ in range(len("Paragraph")):  # the cursor is at the start: select the first word by keys alone
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.highlighter.pending > 0
    qtbot.keyClick(view, Qt.Key.Key_S)  # SPEAKER
    stored = store.layer("long", "alice")
    assert len(stored.spans) == 5 and len(stored.relations) == 1
    assert window.session.spans == {s.key: s for s in stored.spans}
    assert list(window.session.relations) == ["r1"]
    qtbot.waitUntil(lambda: window.view.highlighter.pending == 0)
    assert formats_at(window, LAST)
    window.undo_stack.undo()
    assert len(store.layer("long", "alice").spans) == 4


def test_a_layer_changed_before_the_rest_is_read_is_read_again_whole(qtbot, long_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    open_long(window)
    with Store.open(window.store.url) as other:  # the same person in a second window, say
        other.add_span("long", "alice", 11, 20, "CUE")
    qtbot.waitUntil(lambda: len(window.session.spans) == 5)
    qtbot.waitUntil(lambda: formats_at(window, 0) == [(0, 9), (11, 9)])  # shown again, with the new span
    qtbot.waitUntil(lambda: window.view.highlighter.pending == 0)
    assert formats_at(window, LAST)


def test_a_failed_read_of_the_rest_is_said_and_tried_again(  # type: ignore[no-untyped-def]
    qtbot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, real = long_window, long_window.store.layer_part
    failures = iter([StoreError("cannot read the project: database is locked")])

    def flaky(start, after=None, *, limit):  # type: ignore[no-untyped-def]
        for failure in failures:
            raise failure
        return real(start, after, limit=limit)

    monkeypatch.setattr(window.store, "layer_part", flaky)
    seen: list[tuple[str, str]] = []
    answer_dialog(seen)
    open_long(window)
    qtbot.waitUntil(lambda: bool(seen))
    ((message, advice),) = seen
    assert message == "cannot read the project: database is locked"
    assert advice.startswith("Another program is writing to it")
    assert len(window.session.spans) == 4  # asked for again: read this time
    qtbot.waitUntil(lambda: window.view.highlighter.pending == 0)
    assert formats_at(window, LAST)


def test_the_rest_is_read_a_part_at_a_time_while_the_window_answers(  # type: ignore[no-untyped-def]
    qtbot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_window
    monkeypatch.setattr("ui.session.PART", 1)
    limits = reads_counted(window, monkeypatch)
    loaded: list[bool] = []
    window.session.loaded.connect(lambda: loaded.append(True))
    open_long(window)
    assert window.session.loading and limits == []
    QApplication.processEvents()  # one turn of the event loop: one part (the highlighter may ask for one more)
    assert window.session.loading and 1 <= len(limits) <= 2
    qtbot.waitUntil(lambda: bool(loaded))
    # Three spans and a relation after the first screen, one at a time: nothing was read all at once.
    assert limits == [1] * len(limits) and len(limits) >= 4
    assert not window.session.loading
    assert len(window.session.spans) == 4 and list(window.session.relations) == ["r1"]
    qtbot.waitUntil(lambda: window.statements_model.rowCount() == 2)
    qtbot.waitUntil(lambda: window.view.highlighter.pending == 0)
    assert formats_at(window, LAST)


def test_what_needs_all_the_spans_reads_the_rest_at_once(  # type: ignore[no-untyped-def]
    qtbot, long_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_window
    limits = reads_counted(window, monkeypatch)
    open_long(window)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)  # Tab goes through every span: it needs them all
    assert limits == [None] and not window.session.loading
    assert len(window.session.spans) == 4


def test_a_document_that_cannot_be_opened_leaves_the_long_one_reading_on(qtbot, long_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = long_window
    open_long(window)
    window.open_document("no-such-document")
    assert "no document 'no-such-document'" in window.statusBar().currentMessage()
    assert window.session.doc_id == "long"
    qtbot.waitUntil(lambda: not window.session.loading)
    assert len(window.session.spans) == 4 and list(window.session.relations) == ["r1"]
