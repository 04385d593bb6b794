"""File > Export of a dataset, as a person makes one: the format chosen, the split and seed typed, the kind of row
chosen, a new folder named; a split that does not add up is said in one line and writes nothing."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from db.store import Store
from ui.main_window import MainWindow
from window.conftest import FIRST
from window.test_transfer import annotated, bad, choose, open_export, run, type_path

__all__ = ["annotated"]  # the fixture, used here


def test_export_a_dataset_with_a_typed_split(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, annotated: Store, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, window)
    choose(qtbot, dialog.format, "dataset")
    split = dialog.format_options["dataset", "split"]
    seed = dialog.format_options["dataset", "seed"]
    assert isinstance(split, QLineEdit) and split.isVisible() and seed.isVisible()
    assert not dialog.format_options["doccano", "form"].isVisible()

    qtbot.mouseClick(split, Qt.MouseButton.LeftButton)
    split.selectAll()
    qtbot.keyClicks(split, "train=0.7,test=0.4")
    folder = tmp_path / "dataset"
    type_path(qtbot, dialog.out.edit, folder)
    said = run(qtbot, dialog)
    assert said.startswith("--split: the shares add up to 1.1, not 1") and bad(dialog)
    assert not folder.exists()

    split.selectAll()
    qtbot.keyClicks(split, "train=0.5,test=0.5")
    seed.selectAll()
    qtbot.keyClicks(seed, "4")
    choose(qtbot, dialog.format_options["dataset", "records_as"], "statements")
    said = run(qtbot, dialog)
    assert said.startswith(f"Wrote 1 document(s), 1 layer(s), 2 span(s), 1 relation(s) to {folder} (dataset)")
    assert not bad(dialog)
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert '- split: "train"\n    path: "data/train.jsonl"' in card and '- split: "test"' not in card
    [row] = [orjson.loads(line) for line in (folder / "data" / "train.jsonl").read_bytes().splitlines()]
    claim = annotated.layer(FIRST, "alice").spans[1]
    assert (row["doc_id"], row["annotator"], row["start"], row["end"]) == (FIRST, "alice", claim.start, claim.end)
    assert row["speaker"] == "Ilham Aliyev" and row["stance"] == "FAVOR"
    assert not (folder / "data" / "test.jsonl").exists()  # one document: the other split is empty, and said so
    assert "split test has no documents" in said
