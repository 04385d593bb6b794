"""A project open for reading only: the window says so in a banner with what to do, and the tagging keys explain
in the status bar instead of failing (no dialog), with nothing stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST, drag_select, shown_window


def _seeded(db: Path) -> None:
    with Store.open(db, user="alice") as store:
        load_seeds(store)


def _open(qtbot, db: Path, *, read_only: bool) -> MainWindow:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, store_opener(db, read_only=read_only), "alice")
    qtbot.waitUntil(lambda: window.session.doc_id == FIRST and not window.session.loading)
    return window


def _banner(window: MainWindow) -> QLabel | None:
    return window.findChild(QLabel, "read-only banner")


def _spans(db: Path) -> int:
    with Store.open(db) as store:
        return sum(store.stats()["spans"].values())


def _tag(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    text = window.session.document.text
    start = text.index("Azerbaijan")
    drag_select(qtbot, window, start, start + len("Azerbaijan"))
    qtbot.keyClick(window.view, "s")


def _mark_done(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # the offscreen platform needs the nudge for the window's shortcuts
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # mark done and open the next


def test_a_read_only_project_shows_why_and_the_keys_explain(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    _seeded(db)
    window = _open(qtbot, db, read_only=True)
    banner = _banner(window)
    assert banner is not None and banner.isVisible()
    assert banner.text() == (
        f"{db} is opened read-only (--read-only): you can read and export; to annotate, open it without --read-only"
    )
    refused = f"not done: {db} is opened read-only (--read-only): you can read and export; to annotate,"
    _tag(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(refused))
    assert QApplication.activeModalWidget() is None, "no dialog: a status line says it"
    assert len(window.session.spans) == 0
    window.statusBar().clearMessage()
    _mark_done(qtbot, window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(refused))
    assert QApplication.activeModalWidget() is None and window.session.doc_id == FIRST
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # another document: no time kept
    qtbot.waitUntil(lambda: window.session.doc_id != FIRST)
    assert QApplication.activeModalWidget() is None
    window.close()
    assert _spans(db) == 0


def test_a_writable_project_has_no_banner(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    _seeded(db)
    window = _open(qtbot, db, read_only=False)
    assert _banner(window) is None
    _tag(qtbot, window)
    qtbot.waitUntil(lambda: len(window.session.spans) == 1)
    window.close()
    assert _spans(db) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file whatever its permissions (tests/cli mount one)")
def test_a_read_only_file_is_found_when_the_window_opens_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "project.db"
    _seeded(db)
    db.chmod(0o444)
    try:
        window = _open(qtbot, db, read_only=False)
        banner = _banner(window)
        assert banner is not None and "read-only (file permissions)" in banner.text()
        assert f"chmod u+w {db}" in banner.text()
        window.close()
    finally:
        db.chmod(0o644)
