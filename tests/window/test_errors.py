"""When the project cannot be opened, or something unexpected happens, a dialog says what and what to do."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from annotator.cli.window import store_opener
from annotator.logs import log_file
from db.store import Store
from ui import app
from ui.errors import excepthook
from ui.main_window import MainWindow
from window.conftest import answer_dialog, drag_select


def test_a_database_made_by_a_newer_version_is_a_dialog_and_exit_1(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "future.db"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    seen: list[tuple[str, str]] = []
    answer_dialog(seen)
    assert app.run(store_opener(path), "alice") == 1
    ((text, advice),) = seen
    assert "made by a newer version of annotator" in text and str(path) in text
    assert advice == "It was made by a newer annotator: install that version to open it."


def test_a_file_that_is_not_a_database_is_a_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database" * 50)
    seen: list[tuple[str, str]] = []
    answer_dialog(seen)
    assert app.run(store_opener(path), "alice") == 1
    ((text, advice),) = seen
    assert text == f"cannot open {path}: file is not a database"
    assert advice.startswith("Choose another file with --db")
    assert path.read_text().startswith("these are my notes")


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_and_the_dialog_says_where(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(window.store, "apply", broken)  # a tag is a change the Store applies
    monkeypatch.setattr(sys, "excepthook", excepthook)
    seen: list[tuple[str, str]] = []
    answer_dialog(seen)
    text = window.session.document.text
    start = text.index("Sattar")
    drag_select(qtbot, window, start, start + 6)
    qtbot.keyClick(window.view, "s")
    qtbot.waitUntil(lambda: bool(seen))
    ((message, advice),) = seen
    assert message == "Unexpected error: RuntimeError: disk on fire"
    assert f"The details are in {log_file()}." in advice
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: disk on fire" in logged
    assert window.isVisible() and window.session.spans == {}
