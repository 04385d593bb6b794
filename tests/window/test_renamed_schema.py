"""A schema whose statement parts have other names (CONTENT, SOURCE, TRIGGER; SAID_BY, INTRODUCED_BY; position,
topic, who, form) gives the same statements export, the same agreement figures and the same statements panel as
the default schema, on the same annotations renamed the same way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from agreement.conftest import TEXT, hand_worked
from click.testing import CliRunner
from PySide6.QtCore import Qt

from annotator.cli import cli
from annotator.cli.window import store_opener
from annotator.schema import default_schema
from db.store import Store
from ui.main_window import MainWindow
from ui.review.document import ReviewDocument
from window.conftest import click_span, drag_select, shown_window
from window.test_statements_panel import contents

LABELS = {"CLAIM": "CONTENT", "SPEAKER": "SOURCE", "CUE": "TRIGGER"}
RELATIONS = {"ATTRIBUTED_TO": "SAID_BY", "HAS_CUE": "INTRODUCED_BY"}
ATTRIBUTES = {"speaker": "who", "stance": "position", "target": "topic", "quote_type": "form"}


def _toml(value: Any) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value)  # JSON strings and arrays are TOML's


def renamed_schema_text() -> str:
    """The default schema with every statement part renamed (hotkeys, colours, values and registry the same)."""
    schema = default_schema()
    lines = [f"name = {_toml('Renamed')}", f"targets = {_toml(schema.targets)}"]
    for label in schema.labels:
        lines += ["[[labels]]", f"name = {_toml(LABELS[label.name])}", f"hotkey = {_toml(label.hotkey)}"]
        lines += [f"colour = {_toml(label.colour)}"]
    for relation in schema.relations:
        lines += ["[[relations]]", f"name = {_toml(RELATIONS[relation.name])}", f"hotkey = {_toml(relation.hotkey)}"]
        lines += [f"head = {_toml(LABELS[relation.head])}", f"child = {_toml(LABELS[relation.child])}"]
        lines += [f"max_per_head = {relation.max_per_head}"] if relation.max_per_head else []
    for attribute in schema.attributes:
        lines += ["[[attributes]]", f"name = {_toml(ATTRIBUTES[attribute.name])}", f"kind = {_toml(attribute.kind)}"]
        lines += [f"labels = {_toml([LABELS[label] for label in attribute.labels])}"]
        lines += [f"values = {_toml(attribute.values)}", f"keys = {_toml(attribute.keys)}"] if attribute.values else []
    for speaker in schema.speakers:
        lines += ["[[speakers]]", f"name = {_toml(speaker.name)}", f"aliases = {_toml(speaker.aliases)}"]
    statement = schema.statement
    lines += ["[statement]", f"content = {_toml(LABELS[statement.content])}"]
    for part in ("source", "cue"):
        lines += [f"{part} = {_toml(LABELS[getattr(statement, part)])}"]
        lines += [f"{part}_relation = {_toml(RELATIONS[getattr(statement, f'{part}_relation')])}"]
    lines += [f"{part} = {_toml(ATTRIBUTES[getattr(statement, part)])}" for part in ATTRIBUTES]
    return "\n".join(lines) + "\n"


def annotations() -> list[dict[str, Any]]:
    """The hand-worked agreement example, with cues linked and every claim attribute used somewhere."""
    records = hand_worked()
    a, b = records[0], records[1]
    a["relations"] += [{"id": "r4", "head": "s3", "child": "s2", "label": "HAS_CUE"}]
    a["relations"] += [{"id": "r5", "head": "s6", "child": "s5", "label": "HAS_CUE"}]
    b["relations"] += [{"id": "r3", "head": "s3", "child": "s2", "label": "HAS_CUE"}]
    a["spans"][2] |= {"target": "Peace in the South Caucasus", "quote_type": "indirect"}
    b["spans"][2] |= {"target": "Peace in the South Caucasus", "quote_type": "direct"}
    return records


def renamed(record: dict[str, Any]) -> dict[str, Any]:
    spans = [
        {ATTRIBUTES.get(key, key): (LABELS[value] if key == "label" else value) for key, value in span.items()}
        for span in record["spans"]
    ]
    relations = [relation | {"label": RELATIONS[relation["label"]]} for relation in record["relations"]]
    return record | {"spans": spans, "relations": relations}


def back(text: str) -> str:
    """``text`` with the renamed labels and relations named as in the default schema."""
    for default, other in (LABELS | RELATIONS).items():
        text = text.replace(other, default)
    return text


def command(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "--annotator", "lena", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def projects(tmp_path: Path) -> dict[str, Path]:
    """Two projects: the default schema with the annotations, the renamed schema with them renamed."""
    made = {}
    for name, records in (("default", annotations()), ("renamed", [renamed(r) for r in annotations()])):
        db, source = tmp_path / f"{name}.db", tmp_path / f"{name}.jsonl"
        source.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
        if name == "renamed":
            schema = tmp_path / "renamed.toml"
            schema.write_text(renamed_schema_text(), encoding="utf-8")
            command(db, "schema", "set", str(schema))
        command(db, "import", str(source))
        made[name] = db
    return made


def test_the_statements_export_writes_the_same_rows_and_reports_the_same_losses(projects, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written, said = {}, {}
    for name, db in projects.items():
        out = tmp_path / f"{name}-statements.jsonl"
        said[name] = command(
            db, "export", "--format", "statements", "--layer", "all", "--status", "any", "--out", str(out)
        )
        written[name] = out.read_bytes()
    rows = [orjson.loads(line) for line in written["default"].splitlines()]
    assert len(rows) == 7 and rows[0]["speaker"] == "Ilham Aliyev" and rows[0]["cue"] == "said"
    assert rows[0]["target"] == "Peace in the South Caucasus" and rows[0]["stance"] == "FAVOR"
    assert written["renamed"] == written["default"]
    assert "not linked to a claim" in said["default"]
    assert back(said["renamed"]).replace("renamed", "default") == said["default"]


def test_agreement_gives_the_same_figures(projects) -> None:  # type: ignore[no-untyped-def]
    figures = {name: command(db, "agreement", "--json") for name, db in projects.items()}
    default = json.loads(figures["default"])
    assert default["stance"]["alpha"] == pytest.approx(4 / 9)
    assert default["attribution"]["same_speaker"] == pytest.approx(1 / 3)
    assert default["attribution"]["relation_f1"] == pytest.approx(0.8)
    assert "CONTENT" in figures["renamed"] and "CLAIM" not in figures["renamed"]
    assert json.loads(back(figures["renamed"])) == default
    tables = {name: command(db, "agreement") for name, db in projects.items()}
    assert "ATTRIBUTED_TO F1 0.80" in tables["default"] and "SAID_BY F1 0.80" in tables["renamed"]


@pytest.fixture
def windows(qtbot, projects) -> Iterator[dict[str, MainWindow]]:  # type: ignore[no-untyped-def]
    opened = {}
    for name, db in projects.items():
        window = shown_window(qtbot, store_opener(db), "ann_a")
        opened[name] = window
    yield opened
    for window in opened.values():
        window.close()


def test_the_statements_panel_shows_the_same_and_follows_the_same_keys(qtbot, windows) -> None:  # type: ignore[no-untyped-def]
    for window in windows.values():
        assert window.session.doc_id == "d1"
        qtbot.waitUntil(lambda window=window: window.statements_model.rowCount() == 3)
    panels = {name: contents(window.statements_model) for name, window in windows.items()}
    assert panels["default"][0] == [
        "peace is near",
        "Ilham Aliyev",
        "said",
        "FAVOR",
        "Peace in the South Caucasus",
        "indirect",
    ]
    assert panels["renamed"] == panels["default"]
    titles = [[column.title for column in w.statements_model.columns] for w in windows.values()]
    assert titles == [
        ["claim", "speaker", "cue", "stance", "target", "quote type"],
        ["content", "source", "trigger", "position", "topic", "form"],
    ]

    def by_keys(window: MainWindow) -> list[list[list[str]]]:
        """Tag a claim, give it a stance, link it to a speaker and a cue, then undo the cue link: the panel after
        each step."""
        view, model, seen = window.view, window.statements_model, []
        window.activateWindow()  # Ctrl+Z is the window's shortcut: it works in the active window
        qtbot.waitUntil(window.isActiveWindow)
        start = TEXT.index("Ilham Aliyev said")
        drag_select(qtbot, window, start, start + len("Ilham Aliyev said that peace is near"))
        qtbot.keyClick(view, "c")
        seen.append(contents(model))
        qtbot.keyClick(view, "2")
        seen.append(contents(model))
        qtbot.keyClick(view, "a")
        click_span(qtbot, window, TEXT.index("Critics") + 2)
        seen.append(contents(model))
        click_span(qtbot, window, start + 1)  # the new claim: the innermost span there is the speaker
        click_span(qtbot, window, start + 1)
        assert window.session.selected_span().label in ("CLAIM", "CONTENT")
        qtbot.keyClick(view, "u")
        click_span(qtbot, window, TEXT.index("argued") + 2)
        seen.append(contents(model))
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        seen.append(contents(model))
        return seen

    steps = {name: by_keys(window) for name, window in windows.items()}
    assert steps["renamed"] == steps["default"]
    new = "Ilham Aliyev said that peace is near"
    assert [rows[0] for rows in steps["default"]] == [
        [new, "", "", "", "", "indirect"],
        [new, "", "", "AGAINST", "", "indirect"],
        [new, "Critics", "", "AGAINST", "", "indirect"],
        [new, "Critics", "argued", "AGAINST", "", "indirect"],
        [new, "Critics", "", "AGAINST", "", "indirect"],
    ]


def test_the_review_marks_the_same_differences(qtbot, projects) -> None:  # type: ignore[no-untyped-def]
    """The review's unit list (what each annotator differs on: stance, speaker...) follows the schema's statement."""
    marked = {}
    for name, db in projects.items():
        with Store.open(db, user="lena") as store:
            review = ReviewDocument(store)
            review.open("d1")
            marked[name] = [(row.start, row.end, row.kind, row.differences()) for row in review.rows]
    assert any("stance" in differences for *_, differences in marked["default"])
    assert any("speaker" in differences for *_, differences in marked["default"])
    assert marked["renamed"] == marked["default"]
