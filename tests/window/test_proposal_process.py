"""The program's proposer runs in a worker process of its own (``annotator.proposer.process``): its proposals reach
the window and are accepted by keys as ever, the worker ends with the window, and a worker that dies leaves the
window working with proposals off and a line in the status bar, no traceback."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.proposer import propose
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, drag_select, shown_window

SECOND = "02-islamic-solidarity-foreign-policy-priority"
WAIT_MS = 60_000  # a fresh interpreter and the proposer's imports, on a busy machine


def open_window(qtbot, db: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    main = shown_window(qtbot, store_opener(db), "alice", prepare=load_seeds, propose=propose)
    return main


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_proposals_come_from_a_worker_process_and_are_accepted_by_keys(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    main = open_window(qtbot, db)
    qtbot.waitUntil(
        lambda: status(main).endswith("proposals: Tab to one, Enter accepts, Backspace rejects"), timeout=WAIT_MS
    )
    source = main.proposing.source
    assert source is not None and source.process is not None
    worker = source.process.pid
    assert worker is not None and worker != os.getpid() and source.process.alive
    qtbot.keyClick(main.view, Qt.Key.Key_Tab)
    assert status(main).startswith("proposed "), "Tab goes to the first proposal"
    qtbot.keyClick(main.view, Qt.Key.Key_Return)
    with Store.open(db) as other:  # what is on disk
        layer = other.layer(FIRST, "alice")
    assert layer is not None and layer.spans and all(span.rule for span in layer.spans), "accepted, with its rules"
    main.close()
    assert not source.process.alive, "the worker ends with the window"


def test_a_worker_that_dies_leaves_proposals_off_and_the_window_working(qtbot, tmp_path: Path, capfd) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    main = open_window(qtbot, db)
    try:
        qtbot.waitUntil(lambda: "proposals" in status(main), timeout=WAIT_MS)
        source = main.proposing.source
        assert source is not None and source.process is not None and source.process.pid is not None
        os.kill(source.process.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: not source.process.alive)
        main.open_document(SECOND)  # its proposals are asked for after its first paint
        qtbot.waitUntil(lambda: status(main).startswith("proposals are off"), timeout=WAIT_MS)
        assert "exit code -9" in status(main)
        assert not main.proposing.ghosts.any_shown()
        text = main.session.document.text  # type: ignore[union-attr]
        start = text.index("Islamic")
        drag_select(qtbot, main, start, start + len("Islamic"))
        qtbot.keyClick(main.view, Qt.Key.Key_C)
        assert status(main).startswith("CLAIM “Islamic"), "the window answers keys as ever"
        assert "Traceback" not in capfd.readouterr().err
    finally:
        main.close()
