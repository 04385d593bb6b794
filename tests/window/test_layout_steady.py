"""Nothing jumps: the status bar is there from the start, and the dialogs keep their buttons and lists in place
as messages come."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from db.store import Store
from ui.main_window import MainWindow
from window.test_transfer import open_export, open_import, run, type_path, write_jsonl


def place(widget: QWidget) -> tuple[int, int, int, int]:
    """Where ``widget`` is on the screen, and its size."""
    corner = widget.mapToGlobal(QPoint(0, 0))
    return corner.x(), corner.y(), widget.width(), widget.height()


def test_the_status_bar_is_there_before_the_first_message_and_the_article_stays(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    assert window.statusBar().isVisible()
    before = place(window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)  # nothing selected: a message says what to do
    assert window.statusBar().currentMessage()
    qtbot.wait(50)
    assert place(window.view) == before


def test_the_import_button_stays_where_it_is_as_messages_come(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        write_jsonl(folder / f"{n}.jsonl", [{"doc_id": f"d{n}", "text": f"Text {n}."}])
    (folder / "9-broken.jsonl").write_text("{\n", encoding="utf-8")
    dialog = open_import(qtbot, window)
    qtbot.wait(50)
    before = place(dialog.action_button), dialog.size()
    empty = run(qtbot, dialog)
    assert empty.startswith("Name a file or folder")
    assert (place(dialog.action_button), dialog.size()) == before
    qtbot.keyClicks(dialog.paths, str(folder))
    said = run(qtbot, dialog)
    assert len(said.splitlines()) == 2 + 7
    qtbot.wait(50)
    assert (place(dialog.action_button), dialog.size()) == before


def test_the_export_dialog_keeps_its_labels_list_after_an_export(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    qtbot.wait(50)
    before = place(dialog.labels), place(dialog.action_button), dialog.size()
    type_path(qtbot, dialog.out.edit, tmp_path / "out.jsonl")
    assert run(qtbot, dialog).startswith("Wrote ")
    qtbot.wait(50)
    assert (place(dialog.labels), place(dialog.action_button), dialog.size()) == before
    assert dialog.labels.viewport().height() >= 3 * dialog.labels.sizeHintForRow(0)
