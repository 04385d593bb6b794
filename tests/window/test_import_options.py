"""File > Import with a format's import options, as a person uses them: Label Studio's layer names by user id,
typed; doccano's grapheme offsets, chosen; both shown only while their format (or auto) is chosen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.errors import DataError
from db.store import Store
from ui.main_window import MainWindow
from window.test_transfer import bad, choose, open_import, run, write_jsonl

TEXT = "👍🏽 Aliyev said so. The mayor agreed."


def _task(n: int, user: int) -> dict:
    text = f"{TEXT} ({n})"
    region = {"start": 3, "end": 9, "text": "Aliyev", "labels": ["SPEAKER"]}  # code points
    result = [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": region}]
    return {"id": n, "data": {"text": text}, "annotations": [{"id": n, "completed_by": user, "result": result}]}


def test_label_studio_layers_named_by_user_id_in_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "project.json"
    path.write_text(json.dumps([_task(n, n) for n in (1, 2)]), encoding="utf-8")
    dialog = open_import(qtbot, window)
    as_map = dialog.read_options["labelstudio", "as_map"]
    offsets = dialog.read_options["doccano", "offsets"]
    assert as_map.isVisible() and offsets.isVisible()  # auto: either format may be read
    choose(qtbot, dialog.format, "native")
    assert not as_map.isVisible() and not offsets.isVisible()
    choose(qtbot, dialog.format, "labelstudio")
    assert as_map.isVisible() and not offsets.isVisible()
    qtbot.keyClicks(dialog.paths, str(path))

    qtbot.mouseClick(as_map, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(as_map, "1=ann_x,oops")
    said = run(qtbot, dialog)
    assert said.startswith("--labelstudio-as-map: 'oops' is not USER=LAYER") and bad(dialog)
    with pytest.raises(DataError, match="no document '1'"):  # nothing was read
        store.document("1")

    as_map.selectAll()
    qtbot.keyClicks(as_map, "1=ann_x,2=ann_y")
    said = run(qtbot, dialog).splitlines()
    assert said[1] == "Imported 2 document(s), 2 layer(s), 2 span(s), 0 relation(s) from 1 file(s)", said
    assert [s.attrs for s in store.layer("1", "ann_x").spans] == [{}]
    assert store.layer("2", "ann_y").spans[0].start == 3


def test_doccano_grapheme_offsets_chosen_in_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    # One grapheme cluster (the thumb with its skin tone) before the speaker: 2 code points, 4 UTF-16 units.
    path = write_jsonl(tmp_path / "graphemes.jsonl", [{"text": TEXT, "label": [[2, 8, "SPEAKER"]], "doc_id": "g"}])
    dialog = open_import(qtbot, window)
    qtbot.keyClicks(dialog.paths, str(path))
    choose(qtbot, dialog.read_options["doccano", "offsets"], "grapheme")
    said = run(qtbot, dialog).splitlines()
    assert said[0] == "Read 1 file(s) as doccano (detected)" and not bad(dialog)
    [span] = store.layer("g", "alice").spans
    assert TEXT[span.start : span.end] == "Aliyev"
