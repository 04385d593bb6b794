"""One whole export or import (db.transfer), as the command line and the window run it: targets, cancel, errors."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.errors import DataError, PermissionDenied
from annotator.formats.labelstudio import CONFIG, labeling_config
from annotator.formats.targets import atomic, new_folder
from annotator.model import Role, Status
from db.store import Store
from db.transfer import Cancelled, ExportChoices, ImportJob, export_file
from samples import tricky_record


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    return path


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "p.db") as opened:
        opened.import_records([(1, _record(tricky_record("ann_01")))], source="test")
        yield opened


def _record(data: dict):  # type: ignore[no-untyped-def]
    from annotator.formats.native import parse_record
    from annotator.schema import default_schema_text, parse_schema

    return parse_record(data, parse_schema(default_schema_text(), source="test"))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_file_and_a_folder_appear_whole_or_not_at_all(tmp_path: Path) -> None:
    with atomic(tmp_path / "a.txt") as stream:
        stream.write(b"whole")
    assert (tmp_path / "a.txt").read_bytes() == b"whole"
    with pytest.raises(RuntimeError), atomic(tmp_path / "a.txt") as stream:
        stream.write(b"half")
        raise RuntimeError
    assert (tmp_path / "a.txt").read_bytes() == b"whole" and leftovers(tmp_path) == []
    with pytest.raises(Cancelled), new_folder(tmp_path / "f") as folder:
        (folder / "x").write_text("x")
        raise Cancelled
    assert not (tmp_path / "f").exists() and leftovers(tmp_path) == []
    with new_folder(tmp_path / "f") as folder:
        (folder / "x").write_text("x")
    assert (tmp_path / "f" / "x").read_text() == "x"
    with pytest.raises(DataError) as taken, new_folder(tmp_path / "f", hint="pick another"):
        pass
    assert str(taken.value) == f"{tmp_path / 'f'} already exists and is not an empty folder; pick another"
    with pytest.raises(DataError, match="does not exist"), atomic(tmp_path / "nowhere" / "a.txt"):
        pass


def test_a_cancelled_export_leaves_nothing(store: Store, tmp_path: Path) -> None:
    asked: list[int] = []
    out = tmp_path / "out.json"
    with pytest.raises(Cancelled):
        export_file(store, ExportChoices("labelstudio"), out, progress=asked.append, cancelled=lambda: bool(asked))
    assert asked == [1]  # stopped at the first step
    assert leftovers(tmp_path) == []
    assert not out.exists() and not CONFIG.path(out).exists()


def test_a_label_studio_export_writes_its_labeling_config_beside_it(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    outcome = export_file(store, ExportChoices("labelstudio", labels=("CLAIM",)), out)
    assert outcome.beside == [(CONFIG, tmp_path / "tasks.config.xml")]
    assert (tmp_path / "tasks.config.xml").read_text() == labeling_config(store.schema)
    tasks = orjson.loads(out.read_bytes())
    assert {r["value"]["labels"][0] for r in tasks[0]["annotations"][0]["result"] if r["type"] == "labels"} == {"CLAIM"}
    assert outcome.lines() == [
        f"wrote 1 document(s), 1 layer(s), 4 span(s), 0 relation(s) to {out} (labelstudio)",
        f"wrote the Label Studio labeling config to {tmp_path / 'tasks.config.xml'}",
        f"labelstudio cannot hold, left out: {outcome.report.losses()}",
    ]
    assert "2 SPEAKER span(s) left out by --label" in outcome.lines()[2]


def test_the_command_line_says_where_the_labeling_config_went(store: Store, tmp_path: Path) -> None:
    store.add_annotator("lena", Role.LEAD)
    out = tmp_path / "ls.json"
    db = str(tmp_path / "p.db")
    result = CliRunner().invoke(
        cli, ["--db", db, "--annotator", "lena", "export", "--format", "labelstudio", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote the Label Studio labeling config to {tmp_path / 'ls.config.xml'}" in result.output.splitlines()
    assert (tmp_path / "ls.config.xml").read_text().startswith("<View>")


def test_a_person_who_is_no_lead_gets_the_stores_refusal_before_anything_is_written(
    store: Store, tmp_path: Path
) -> None:
    store.add_annotator("bob")
    refused = r"only a lead may export the gold layer \(bob is an annotator\)"
    with Store.open(tmp_path / "p.db", user="bob") as bobs, pytest.raises(PermissionDenied, match=refused):
        export_file(bobs, ExportChoices(layer="gold"), tmp_path / "gold.jsonl")
    assert not (tmp_path / "gold.jsonl").exists() and leftovers(tmp_path) == []


def test_an_import_cancelled_in_a_file_rolls_that_file_back_and_keeps_the_ones_before(
    store: Store, tmp_path: Path
) -> None:
    first = jsonl(tmp_path / "first.jsonl", [{"doc_id": "a", "text": "First."}])
    # More records than one batch of the importer: some are written inside the transaction before the cancel.
    second = jsonl(tmp_path / "second.jsonl", [{"doc_id": f"b-{n}", "text": f"Text {n}."} for n in range(700)])
    third = jsonl(tmp_path / "third.jsonl", [{"doc_id": "c", "text": "Third."}])
    job = ImportJob.plan([first, second, third], layer="ann_01")
    read: list[int] = []
    with pytest.raises(Cancelled):
        job.run(store, progress=read.append, cancelled=lambda: len(read) > 1 + 600)
    assert [s.path for s in job.finished] == [first]
    assert job.current is not None and job.current.path == second
    assert [s.path for s in job.unfinished] == [second, third]
    assert [d.doc_id for d in store.documents()] == ["tricky", "a"]
    assert job.lines() == [
        "read 1 file(s) as native (detected)",
        "imported 1 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 1 file(s)",
    ]
    # Run again: the files not yet imported are.
    job.run(store)
    assert store.document_count() == 1 + 1 + 700 + 1 and job.current is None


def test_a_bad_file_is_refused_whole_and_the_files_after_it_are_still_imported(store: Store, tmp_path: Path) -> None:
    good = jsonl(tmp_path / "good.jsonl", [{"doc_id": "a", "text": "Fine."}])
    bad = jsonl(tmp_path / "bad.jsonl", [{"doc_id": "b", "text": "Fine."}, {"doc_id": "c"}])
    later = jsonl(tmp_path / "later.jsonl", [{"doc_id": "d", "text": "Later."}])
    job = ImportJob.plan([good, bad, later], layer="ann_01")
    job.run(store)
    assert [s.path for s in job.finished] == [good, later] and job.unfinished == []
    [refused] = job.refused
    assert refused.source.path == bad and refused.refused is not None
    assert refused.refused.startswith(f"{bad}:2: ")
    assert job.lines()[1:] == [
        "imported 2 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 2 file(s); refused 1 file(s)",
        f"imported {good}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
        f"refused {refused.refused}; nothing was imported from this file",
        f"imported {later}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
    ]
    assert [d.doc_id for d in store.documents()] == ["tricky", "a", "d"]


def test_layers_of_files_that_name_no_annotator_go_to_the_layer_asked_for(store: Store, tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", [{"text": "Aliyev said so.", "label": [[0, 6, "SPEAKER"]], "doc_id": "fine"}])
    job = ImportJob.plan([path], layer="lena")
    report = job.run(store)
    assert (report.documents, report.layers, report.spans) == (1, 1, 1)
    layer = store.layer("fine", "lena")
    assert layer is not None and layer.status is Status.DONE and [s.label for s in layer.spans] == ["SPEAKER"]
    assert job.lines()[0] == "read 1 file(s) as doccano (detected)"
