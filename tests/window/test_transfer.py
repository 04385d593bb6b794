"""File > Export and File > Import, as a person uses them: keys, typed paths, clicks; the work off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import tiny_format
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QMessageBox

from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.formats import native
from annotator.formats.labelstudio import labeling_config
from annotator.logs import log_file
from annotator.model import Annotator, Role, Status
from db.store import Store
from samples import tricky_record
from ui.main_window import MainWindow
from ui.transfer import ExportDialog, ImportDialog
from window.conftest import FIRST, shown_window

CONTROL = Qt.KeyboardModifier.ControlModifier


# -- what a person does ---------------------------------------------------------------------------------------


def to_front(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The window takes keys again once a dialog over it has closed (the offscreen platform needs the nudge)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _open(qtbot, window: MainWindow, key: Qt.Key, kind: type):  # type: ignore[no-untyped-def]
    to_front(qtbot, window)
    qtbot.keyClick(window, key, CONTROL)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    qtbot.waitExposed(dialog)
    return dialog


def open_export(qtbot, window: MainWindow) -> ExportDialog:  # type: ignore[no-untyped-def]
    return _open(qtbot, window, Qt.Key.Key_E, ExportDialog)


def open_import(qtbot, window: MainWindow) -> ImportDialog:  # type: ignore[no-untyped-def]
    return _open(qtbot, window, Qt.Key.Key_I, ImportDialog)


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open a combo box with a click and walk with the arrow keys to the entry that starts with ``text``."""
    row = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert row >= 0, text
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == row


def untick(qtbot, labels: QListWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    item = labels.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(labels.viewport(), Qt.MouseButton.LeftButton, pos=labels.visualItemRect(item).center())
    qtbot.keyClick(labels, Qt.Key.Key_Space)
    assert item.checkState() == Qt.CheckState.Unchecked


def type_path(qtbot, edit, path: Path) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, str(path))


def run(qtbot, dialog: ExportDialog | ImportDialog) -> str:  # type: ignore[no-untyped-def]
    """Click the dialog's Export or Import button and wait for what it says."""
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and dialog.outcome.isVisible(), timeout=20_000)
    return dialog.outcome.text()


def bad(dialog: ExportDialog | ImportDialog) -> bool:
    return "color" in dialog.outcome.styleSheet()


def part_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


# -- the project ----------------------------------------------------------------------------------------------


@pytest.fixture
def annotated(store: Store) -> Store:
    """alice's layer of the first article (done): a claim with its speaker and stance; bob's (in progress)."""
    text = store.document(FIRST).text
    speaker = text.index("President Ilham Aliyev")
    claim = text.index("represents our")
    store.add_span(FIRST, "alice", speaker, speaker + 22, "SPEAKER", {"speaker": "Ilham Aliyev"}, key="s1")
    store.add_span(FIRST, "alice", claim, claim + 14, "CLAIM", {"stance": "FAVOR"}, key="s2")
    store.add_relation(FIRST, "alice", "s2", "s1", "ATTRIBUTED_TO")
    store.set_status(FIRST, "alice", Status.DONE)
    store.add_annotator("bob")
    store.add_span(FIRST, "bob", claim, claim + 14, "CLAIM")
    return store


@pytest.fixture
def held() -> Iterator[threading.Event]:
    """An event a test-only slow source waits on; always released at the end, so no thread is left behind."""
    event = threading.Event()
    yield event
    event.set()


# -- export ---------------------------------------------------------------------------------------------------


def test_export_native_and_doccano_in_a_worker_thread(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, annotated: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    records = Store.export_records

    def watched(self: Store, **choices):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return records(self, **choices)

    monkeypatch.setattr(Store, "export_records", watched)
    dialog = open_export(qtbot, window)
    assert dialog.format.currentText() == "native" and dialog.layer.currentData() == "all"
    out = tmp_path / "all.jsonl"
    type_path(qtbot, dialog.out.edit, out)
    said = run(qtbot, dialog)
    assert said.splitlines() == [f"Wrote 1 document(s), 1 layer(s), 2 span(s), 1 relation(s) to {out} (native)"]
    assert window.statusBar().currentMessage() == said
    assert threads and threading.main_thread().ident not in threads  # the Store was read off the GUI thread
    [line] = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    stored = annotated.layer(FIRST, "alice")
    text = annotated.document(FIRST).text
    assert (line["doc_id"], line["annotator"], line["status"], line["text"]) == (FIRST, "alice", "done", text)
    assert [(s["id"], s["start"], s["end"], s["label"], s["text"]) for s in line["spans"]] == [
        (s.key, s.start, s.end, s.label, text[s.start : s.end]) for s in stored.spans
    ]
    assert line["spans"][1]["stance"] == "FAVOR" and line["spans"][0]["speaker"] == "Ilham Aliyev"
    assert [(r["head"], r["child"], r["label"]) for r in line["relations"]] == [("s2", "s1", "ATTRIBUTED_TO")]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # doccano, every status, claims only: what was left out is said.
    dialog = open_export(qtbot, window)
    choose(qtbot, dialog.format, "doccano")
    assert dialog.format_options["doccano", "form"].isVisible()
    assert dialog.format_options["doccano", "offsets"].isVisible()
    choose(qtbot, dialog.status, "any")
    untick(qtbot, dialog.labels, "SPEAKER")
    out = tmp_path / "claims.jsonl"
    type_path(qtbot, dialog.out.edit, out)
    first, losses, settings = run(qtbot, dialog).splitlines()
    assert first == f"Wrote 5 document(s), 2 layer(s), 2 span(s), 0 relation(s) to {out} (doccano)"
    # What to choose in doccano to load the file as written.
    assert settings.startswith("Doccano: to load it, import it as “JSONL(Relation)” with Encoding utf_8 (not Auto)")
    assert "“Allow overlapping spans” on" in settings and "“Use relation labeling” on" in settings
    assert losses.startswith("Doccano cannot hold, left out: ")
    for piece in ("1 SPEAKER span(s) left out by the labels ticked", "1 layer status(es) in_progress"):
        assert piece in losses
    lines = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert len(lines) == 6  # alice's and bob's layer of the first article, and the four others without a layer
    claim = next(s for s in stored.spans if s.label == "CLAIM")
    for line in lines[:2]:
        assert line["text"] == text
        # doccano counts UTF-16 units; the seed article has nothing above U+FFFF, so they equal code points.
        assert [(e["start_offset"], e["end_offset"]) for e in line["entities"]] == [(claim.start, claim.end)]
    assert {e["label"] for line in lines[:2] for e in line["entities"]} == {"CLAIM:FAVOR", "CLAIM"}
    assert not part_files(tmp_path)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # The next export starts from the last format and folder.
    dialog = open_export(qtbot, window)
    assert dialog.format.currentText() == "doccano"
    assert Path(dialog.out.edit.text()).parent == tmp_path


def test_export_brat_to_a_new_folder_and_label_studio_with_its_config(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, annotated: Store, tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    dialog = open_export(qtbot, window)
    choose(qtbot, dialog.format, "brat")
    assert not dialog.format_options["doccano", "form"].isVisible()
    type_path(qtbot, dialog.out.edit, taken)
    said = run(qtbot, dialog)
    assert said == f"{taken} already exists and is not an empty folder; choose a new folder" and bad(dialog)
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]

    folder = tmp_path / "brat"
    type_path(qtbot, dialog.out.edit, folder)
    assert run(qtbot, dialog).startswith(f"Wrote 1 document(s), 1 layer(s), 2 span(s), 1 relation(s) to {folder}")
    assert (folder / "annotation.conf").is_file()
    ann = (folder / "alice" / f"{FIRST}.ann").read_text(encoding="utf-8")
    text = (folder / "alice" / f"{FIRST}.txt").read_text(encoding="utf-8")
    assert text == annotated.document(FIRST).text
    spans = [line.split("\t") for line in ann.splitlines() if line.startswith("T")]
    stored = annotated.layer(FIRST, "alice")
    assert [(kind.split()[0], int(kind.split()[1]), int(kind.split()[2]), said) for _, kind, said in spans] == [
        (s.label, s.start, s.end, text[s.start : s.end]) for s in stored.spans
    ]
    assert any(line.startswith("R1\tATTRIBUTED_TO Arg1:T2 Arg2:T1") for line in ann.splitlines())

    choose(qtbot, dialog.format, "labelstudio")
    assert dialog.out.edit.text() == str(tmp_path / "brat.json")  # the name follows the format
    said = run(qtbot, dialog).splitlines()
    assert said[1] == f"Wrote the Label Studio labeling config to {tmp_path / 'brat.config.xml'}"
    assert (tmp_path / "brat.config.xml").read_text() == labeling_config(annotated.schema)
    [task] = orjson.loads((tmp_path / "brat.json").read_bytes())
    assert task["data"]["doc_id"] == FIRST and task["annotations"][0]["annotator"] == "alice"


def test_an_annotator_may_export_only_their_own_layer(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, annotated: Store, tmp_path: Path
) -> None:
    window.switch_annotator("bob")
    dialog = open_export(qtbot, window)
    assert dialog.layer.currentData() == "bob"
    choose(qtbot, dialog.layer, "gold")
    choose(qtbot, dialog.status, "any")
    out = tmp_path / "gold.jsonl"
    type_path(qtbot, dialog.out.edit, out)
    said = run(qtbot, dialog)
    assert said.startswith("only a lead may export the gold layer (bob is an annotator)") and bad(dialog)
    assert len(said.splitlines()) == 1 and not out.exists() and not part_files(tmp_path)
    choose(qtbot, dialog.layer, "bob")
    assert run(qtbot, dialog).startswith("Wrote 1 document(s), 1 layer(s), 1 span(s)")
    assert [orjson.loads(x)["annotator"] for x in out.read_bytes().splitlines()] == ["bob"]


def test_a_format_added_is_offered_with_its_option_and_told_on_import(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, annotated: Store, tmp_path: Path
) -> None:
    with tiny_format.registered():
        dialog = open_export(qtbot, window)
        assert dialog.format.itemText(dialog.format.count() - 1) == "marks"  # the last format listed
        choose(qtbot, dialog.format, "marks")
        order = dialog.format_options["marks", "order"]
        assert order.isVisible() and not dialog.format_options["doccano", "form"].isVisible()
        assert dialog.what.text() == "marks JSONL: [start, end, label, id] per span"
        assert order.currentData() == "start"
        choose(qtbot, order, "label: by label, then offset")
        out = tmp_path / "mine.jsonl"
        type_path(qtbot, dialog.out.edit, out)
        said = run(qtbot, dialog).splitlines()
        assert said[:2] == [
            f"Wrote 1 document(s), 1 layer(s), 2 span(s), 1 relation(s) to {out} (marks)",
            f"Wrote the marks label list to {tmp_path / 'mine.labels.txt'}",
        ]
        assert said[2] == (
            "Marks cannot hold, left out: 1 value(s) of attribute speaker; 1 value(s) of attribute stance; "
            "1 relation(s) ATTRIBUTED_TO"
        )
        [line] = [orjson.loads(x) for x in out.read_bytes().splitlines()]
        assert (line["by"], [m[2] for m in line["marks"]]) == ("alice", ["CLAIM", "SPEAKER"])  # by label
        assert (tmp_path / "mine.labels.txt").read_text().splitlines() == list(annotated.schema.label_names)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())

        theirs = write_jsonl(
            tmp_path / "theirs.jsonl",
            [{"marks_doc": "fine", "by": "carol", "text": "Aliyev said so.", "marks": [[0, 6, "SPEAKER", "m1"]]}],
        )
        dialog = open_import(qtbot, window)
        assert dialog.format.itemText(dialog.format.count() - 1) == "marks"
        qtbot.keyClicks(dialog.paths, str(theirs))
        assert run(qtbot, dialog).splitlines() == [
            "Read 1 file(s) as marks (detected)",
            "Imported 1 document(s), 1 layer(s), 1 span(s), 0 relation(s) from 1 file(s)",
        ]
    assert [(s.key, s.label) for s in annotated.layer("fine", "carol").spans] == [("m1", "SPEAKER")]


@pytest.mark.parametrize("fmt", ["native", "brat"])
def test_a_cancelled_export_leaves_nothing_at_the_path(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    annotated: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    held: threading.Event,
    fmt: str,
) -> None:
    reached = threading.Event()
    records = Store.export_records

    def slow(self: Store, **choices):  # type: ignore[no-untyped-def]
        """A test-only slow source: after the first record, it waits until the test lets it go on."""
        for number, record in enumerate(records(self, **choices)):
            if number == 1:
                reached.set()
                held.wait(30)
            yield record

    monkeypatch.setattr(Store, "export_records", slow)
    dialog = open_export(qtbot, window)
    choose(qtbot, dialog.format, fmt)
    choose(qtbot, dialog.status, "any")
    out = tmp_path / "out"
    type_path(qtbot, dialog.out.edit, out)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set)
    assert dialog.running and part_files(tmp_path)  # the first record is on its way to disk
    assert not dialog.action_button.isEnabled() and not dialog.format.isEnabled()
    # The GUI answers while the worker is busy: a click on Cancel is taken at once.
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled() and dialog.progress_text.text() == "cancelling…"
    held.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.outcome.text() == f"Export cancelled: nothing was written to {out}."
    assert not out.exists() and not part_files(tmp_path)
    assert dialog.action_button.isEnabled()


# -- import ---------------------------------------------------------------------------------------------------


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    return path


def test_import_a_native_and_a_doccano_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    mine = write_jsonl(tmp_path / "mine.jsonl", [tricky_record("alice")])
    theirs = write_jsonl(
        tmp_path / "theirs.jsonl",
        [{"text": "Aliyev said so.", "label": [[0, 6, "SPEAKER"], [7, 11, "CUE"]], "doc_id": "fine"}],
    )
    dialog = open_import(qtbot, window)
    assert dialog.format.currentData() == "auto" and dialog.as_layer.currentText() == "alice"
    qtbot.keyClicks(dialog.paths, str(mine))
    qtbot.keyClick(dialog.paths, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.paths, str(theirs))
    dialog.as_layer.lineEdit().selectAll()
    qtbot.keyClicks(dialog.as_layer.lineEdit(), "carol")
    said = run(qtbot, dialog).splitlines()
    assert said == [
        "Read 1 file(s) as native (detected), 1 file(s) as doccano (detected)",
        "Imported 2 document(s), 2 layer(s), 9 span(s), 3 relation(s) from 2 file(s)",
        f"Imported {mine}: 1 document(s), 1 layer(s), 7 span(s), 3 relation(s)",
        f"Imported {theirs}: 1 document(s), 1 layer(s), 2 span(s), 0 relation(s)",
    ]
    assert not bad(dialog) and window.statusBar().currentMessage() == said[1]
    assert [s.label for s in store.layer("fine", "carol").spans] == ["SPEAKER", "CUE"]
    assert len(store.layer("tricky", "alice").spans) == 7
    # The list shows the new documents and alice's progress at once.
    model = window.documents.model
    assert model.total == 7 and {"tricky", "fine"} <= {entry.doc_id for entry in model.entries}
    assert window.documents.progress.text() == "1 / 7 done"
    # Again: everything is already stored, and the dialog says so.
    said = run(qtbot, dialog).splitlines()
    assert said[1] == (
        "Imported 0 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 2 file(s); "
        "already stored: 0 document(s), 2 layer(s)"
    )


def test_every_file_is_tried_and_each_is_imported_whole_or_refused_with_where_and_why(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    good = write_jsonl(tmp_path / "a-good.jsonl", [{"doc_id": "good", "text": "Fine."}])
    wrong = write_jsonl(
        tmp_path / "b-bad.jsonl",
        [
            {"text": "Aliyev said so.", "label": [[0, 6, "SPEAKER"]], "doc_id": "fine"},
            {"text": "👍🏽 Aliyev said so.", "label": [[5, 11, "SPEAKER"], [12, 30, "CUE"]], "doc_id": "bad"},
        ],
    )
    broken = tmp_path / "c-broken.jsonl"
    broken.write_text('{"doc_id": "c1", "text": "One."}\n{"doc_id": "c2", "text": "Two.",, }\n', encoding="utf-8")
    after = write_jsonl(tmp_path / "d-after.jsonl", [{"doc_id": "after", "text": "Later."}])
    dialog = open_import(qtbot, window)
    qtbot.keyClicks(dialog.paths, str(tmp_path))  # the folder: its files in order
    lines = run(qtbot, dialog).splitlines()
    assert lines == [
        "Read 2 file(s) as native (detected)",
        "Imported 2 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 2 file(s); refused 2 file(s)",
        f"Imported {good}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
        f"Refused {wrong}:2: span s2 [12, 30): offsets outside the text (0 <= start < end <= 20 UTF-16 code "
        "units); check that the file's text is the one the spans were made on; nothing was imported from this file",
        f"Refused {broken}:2:33: not valid JSON (unexpected character, expected a string key); each line must be "
        "one JSON object; "
        "nothing was imported from this file",
        f"Imported {after}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
    ]
    assert bad(dialog) and "Traceback" not in dialog.outcome.text()
    assert window.statusBar().currentMessage() == lines[1]
    assert [d.doc_id for d in store.documents()][5:] == ["good", "after"]  # nothing of c1, nor of "fine"
    assert window.documents.model.total == 7


def test_a_cancelled_import_rolls_back_the_file_under_way_and_keeps_the_ones_before(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", [{"doc_id": "a", "text": "First."}])
    # More than one batch of the importer, so that part of the file is written in its transaction before the cancel.
    second = write_jsonl(tmp_path / "second.jsonl", [{"doc_id": f"b-{n}", "text": f"Text {n}."} for n in range(700)])
    third = write_jsonl(tmp_path / "third.jsonl", [{"doc_id": "c", "text": "Third."}])
    reached = threading.Event()
    read = native.read_native

    def slow(stream, schema, *, source, progress=None):  # type: ignore[no-untyped-def]
        """A test-only slow source: in the second file, after 600 records, wait until the test lets it go on."""
        for number, item in enumerate(read(stream, schema, source=source, progress=progress)):
            if source == str(second) and number == 600:
                reached.set()
                held.wait(30)
            yield item

    monkeypatch.setattr(native, "read_native", slow)
    dialog = open_import(qtbot, window)
    for path in (first, second, third):
        qtbot.keyClicks(dialog.paths, str(path))
        qtbot.keyClick(dialog.paths, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0)  # progress arrives while the worker works
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    held.set()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.outcome.text().splitlines() == [
        f"Import cancelled: nothing from {second} was imported (rolled back).",
        f"Not tried: {third}.",
        "Imported 1 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 1 file(s)",
    ]
    assert [d.doc_id for d in store.documents()][5:] == ["a"]
    assert window.documents.model.total == 6


def test_an_unexpected_error_is_logged_and_the_dialog_names_the_log(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Store, **choices):  # type: ignore[no-untyped-def]
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(Store, "export_records", broken)
    dialog = open_export(qtbot, window)
    type_path(qtbot, dialog.out.edit, tmp_path / "out.jsonl")
    assert run(qtbot, dialog).splitlines() == [
        "Unexpected error: RuntimeError: the disk is on fire",
        f"The details are in {log_file()}.",
    ]
    assert bad(dialog) and "Traceback" in log_file().read_text(encoding="utf-8")
    assert not (tmp_path / "out.jsonl").exists()


def test_replacing_a_file_is_asked_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "kept.jsonl"
    out.write_text("mine\n")
    dialog = open_export(qtbot, window)
    type_path(qtbot, dialog.out.edit, out)
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: answer(button))
            return
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert asked == [f"{out} exists. Replace it?"]
    assert not dialog.running and out.read_text() == "mine\n"
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    said = run(qtbot, dialog)
    assert len(asked) == 2 and said == f"Wrote 0 document(s), 0 layer(s), 0 span(s), 0 relation(s) to {out} (native)"
    assert out.read_bytes() == b""  # no layer is done yet: the export is empty, and it replaced the file


# -- where the Stores come from -------------------------------------------------------------------------------


def test_every_store_the_window_uses_comes_from_the_opener_it_was_given(  # type: ignore[no-untyped-def]
    qtbot, db: Path, tmp_path: Path
) -> None:
    """The window, the review, a switch of annotator and the export's worker each open the project through the
    opener the composition root made, as the person then working; the window itself names no database."""
    opened: list[str] = []
    project = store_opener(db)

    def opener(user: str) -> Store:
        opened.append(user)
        return project(user)

    window = shown_window(qtbot, opener, "alice", prepare=load_seeds)  # the project's first person: its lead
    assert opened == ["alice"]
    to_front(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_R, CONTROL)
    review = window.windows.review
    assert review is not None and review.lead == "alice" and opened == ["alice", "alice"]
    review.close()
    window.switch_annotator("bob")
    assert opened == ["alice", "alice", "bob"] and window.session.store.user == Annotator("bob", Role.ANNOTATOR)
    dialog = open_export(qtbot, window)
    assert dialog.layer.currentData() == "bob"  # an annotator exports their own layer
    type_path(qtbot, dialog.out.edit, tmp_path / "bob.jsonl")
    assert run(qtbot, dialog).startswith("Wrote 0 document(s)")
    assert opened == ["alice", "alice", "bob", "bob"]  # the worker's own Store, as bob
    dialog.close()
    window.close()
