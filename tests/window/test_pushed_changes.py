"""Two windows' worth of changes on PostgreSQL, pushed: a change stored by another program shows in the window at
once, without the poll (set to minutes here); another document's change reads nothing; another annotator's layer
moving shows nothing of it. And an undo that meets a row another session holds (lock_timeout) waits as on SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text
from team_project import Project

import ui.outside_changes
from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from db.store import Store
from pg_server import fresh_database
from ui.main_window import MainWindow
from window.conftest import FIRST, shown_window
from window.test_busy_project import Heartbeat, tag_claim

SPEAKER = "President Ilham Aliyev"


@pytest.fixture
def no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """The poll every ten minutes: what shows within a second was pushed."""
    monkeypatch.setattr(ui.outside_changes, "INTERVAL_MS", 600_000)
    monkeypatch.setattr(ui.outside_changes, "PUSHED_INTERVAL_MS", 600_000)


@pytest.fixture
def url(postgres_server: str) -> str:
    return fresh_database(postgres_server)


@pytest.fixture
def window(qtbot, url: str, no_poll: None) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = shown_window(qtbot, store_opener(url), "alice", prepare=load_seeds)
    qtbot.waitUntil(lambda: not main.session.loading)
    qtbot.wait(200)  # the activation's own check is done
    yield main
    main.close()


def _speaker(store: Store, doc_id: str) -> int:
    text = store.document(doc_id).text
    start = text.index(SPEAKER) if SPEAKER in text else 0
    store.add_span(doc_id, "alice", start, start + len(SPEAKER if SPEAKER in text else text.split()[0]), "SPEAKER")
    return start


def test_a_change_stored_by_another_program_shows_at_once_and_others_documents_read_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.outside.pushed
    reads: list[str | None] = []
    stored_version = window.outside.stored_version
    monkeypatch.setattr(
        window.outside, "stored_version", lambda: reads.append(window.session.doc_id) or stored_version()
    )
    opened: list[str | None] = []
    window.session.opened.connect(lambda: opened.append(window.session.doc_id))
    with Store.open(url) as other:
        second = next(d.doc_id for d in other.documents() if d.doc_id != FIRST)
        _speaker(other, second)  # another document: nothing is read for it
        qtbot.wait(500)
        assert reads == [] and opened == []
        start = _speaker(other, FIRST)
    qtbot.waitUntil(lambda: window.session.spans.find(start, start + len(SPEAKER), "SPEAKER") is not None, timeout=1500)
    assert reads == [FIRST] and opened == [FIRST]
    assert "changed elsewhere" in window.statusBar().currentMessage()


def test_another_annotators_change_shows_nothing_of_it(  # type: ignore[no-untyped-def]
    qtbot, team_project: Project, no_poll: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bea, carl = team_project.annotator, team_project.other
    window = shown_window(qtbot, store_opener(team_project.url(bea)), bea)
    window.open_document("tricky")
    qtbot.waitUntil(lambda: not window.session.loading)
    qtbot.wait(200)  # the activation's own check is done
    assert window.outside.pushed  # the trigger was made by `team init`
    before = sorted((s.start, s.end, s.label) for s in window.session.spans.values())
    opened: list[str | None] = []
    window.session.opened.connect(lambda: opened.append(window.session.doc_id))
    reads: list[int | None] = []
    stored_version = window.outside.stored_version
    monkeypatch.setattr(window.outside, "stored_version", lambda: reads.append(stored_version()) or reads[-1])
    with Store.open(team_project.url(carl)) as other:
        layer = other.layer("tricky", carl)
        assert layer is not None
        other.remove_span("tricky", carl, layer.spans[0].key)  # the same document: pushed to bea's window too
    qtbot.waitUntil(lambda: bool(reads), timeout=1500)  # told: the document's layers moved; her version read
    qtbot.wait(200)
    # Her own version only (a late activation of the window may check once more): never carl's layer.
    assert reads and set(reads) == {window.session.version}
    assert opened == []  # her own layer did not move: nothing read again
    assert sorted((s.start, s.end, s.label) for s in window.session.spans.values()) == before
    window.close()


def test_an_undo_waits_for_a_row_another_session_holds_and_is_stored_once_it_is_free(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, url: str
) -> None:
    tag_claim(qtbot, window, SPEAKER)
    claim = window.session.spans.find(*_span_of(window, SPEAKER), "CLAIM")
    assert claim is not None
    engine = create_engine(url)
    holder = engine.connect()
    holder.execute(text("SELECT id FROM layers FOR UPDATE"))  # another program holds the layer's row
    try:
        heart = Heartbeat()
        qtbot.keyClick(window.view, "z", Qt.KeyboardModifier.ControlModifier)
        banner = window.tagging.waiting.banner
        assert banner.isVisible() and "“Undo of tag CLAIM”" in banner.text()
        assert window.session.spans.find(*_span_of(window, SPEAKER), "CLAIM") is None  # shown undone at once
        heart.restart()
        qtbot.wait(500)  # each try meets the row lock for lock_timeout (20 ms), the undo shown all along
        waiting = heart.longest
        assert window.session.spans.find(*_span_of(window, SPEAKER), "CLAIM") is None and banner.isVisible()
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    heart.timer.stop()
    with Store.open(url) as other:
        layer = other.layer(FIRST, "alice")
        assert layer is not None and not [s for s in layer.spans if s.label == "CLAIM"]
    assert waiting < 0.1, f"the event loop stopped for {waiting * 1000:.0f} ms while the undo waited"


def _span_of(window: MainWindow, phrase: str) -> tuple[int, int]:
    start = window.session.document.text.index(phrase)  # type: ignore[union-attr]
    return start, start + len(phrase)
