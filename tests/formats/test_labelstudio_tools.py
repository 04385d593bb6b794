"""Label Studio exports as Label Studio's own tools read them, and a round trip through a Label Studio server.

label-studio-converter (the package Label Studio's "Export" runs) converts our task files. A server keeps an
imported task's ``data`` and each annotation's ``result`` as they are, drops the annotation's other keys and gives
every annotation the importing user (label_studio/tasks/serializers.py, ``TaskSerializerBulk.create``):
``as_a_server_exports`` does the same to a file, so that the round trip can be checked without a server.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import orjson
import pytest

from annotator.errors import DataError
from annotator.formats import export
from annotator.formats.labelstudio import labeling_config
from annotator.model import LayerRecord
from command_line import run_annotator as _run
from samples import tricky_record

converter = pytest.importorskip("label_studio_converter", reason="label-studio-converter is not installed")


def _tasks(corpus, schema) -> tuple[bytes, list[dict]]:
    out = io.BytesIO()
    export(corpus, out, "labelstudio", schema)
    return out.getvalue(), orjson.loads(out.getvalue())


def test_tasks_and_annotations_are_numbered_as_label_studio_exports_them(corpus, schema) -> None:
    _, tasks = _tasks(corpus, schema)
    assert [task["id"] for task in tasks] == [1, 2]
    ids = [a["id"] for task in tasks for a in task["annotations"]]
    assert ids == list(range(1, len(corpus) + 1))


@pytest.mark.parametrize("target", ["JSON_MIN", "CSV", "CONLL2003"])
def test_label_studio_converter_reads_our_tasks(corpus, schema, tmp_path: Path, target: str) -> None:
    data, tasks = _tasks(corpus, schema)
    source = tmp_path / "tasks.json"
    source.write_bytes(data)
    tool = converter.Converter(config=labeling_config(schema), project_dir=None, download_resources=False)
    out = tmp_path / target
    tool.convert(str(source), str(out), target, is_dir=False)
    if target == "JSON_MIN":
        rows = json.loads((out / "result.json").read_text(encoding="utf-8"))
        assert len(rows) == len(corpus)  # one row per annotation
        by_annotation = {row["annotation_id"]: row for row in rows}
        for task in tasks:
            for annotation in task["annotations"]:
                row = by_annotation[annotation["id"]]
                assert row["id"] == task["id"] and row["doc_id"] == task["data"]["doc_id"]
                spans = [r for r in annotation["result"] if r["type"] == "labels"]
                assert len(row.get("label", [])) == len(spans)
                for item in row.get("label", []):
                    assert task["data"]["text"][item["start"] : item["end"]] == item["text"]
    elif target == "CSV":
        assert (out / "result.csv").stat().st_size > 0
    else:
        lines = (out / "result.conll").read_text(encoding="utf-8").splitlines()
        assert any(line.endswith((" B-CLAIM", " B-SPEAKER", " B-CUE")) for line in lines)


def as_a_server_exports(tasks: list[dict], user: int = 1) -> list[dict]:
    """The tasks as a Label Studio server exports them after importing them as ``user``."""
    exported, number = [], 100
    for n, task in enumerate(tasks, start=1):
        annotations = []
        for annotation in task["annotations"]:
            number += 1
            annotations.append(
                {
                    "id": number,
                    "completed_by": user,
                    "result": annotation["result"],
                    "was_cancelled": annotation.get("was_cancelled", False),
                    "ground_truth": annotation.get("ground_truth", True),
                    "created_at": "2026-11-30T10:00:00.000000Z",
                    "updated_at": "2026-11-30T10:00:00.000000Z",
                    "lead_time": annotation.get("lead_time"),
                    "prediction": {},
                    "result_count": len(annotation["result"]),
                    "task": 40 + n,
                    "project": 7,
                    "parent_prediction": None,
                    "parent_annotation": None,
                }
            )
        exported.append(
            {"id": 40 + n, "annotations": annotations, "drafts": [], "predictions": [], "data": task["data"]}
        )
    return exported


def _layers(path: Path, schema, **options) -> dict[tuple[str, str], LayerRecord]:
    from annotator.formats import read_source
    from annotator.formats.format import Source
    from annotator.formats.report import FormatReport

    records = read_source(
        Source(path, "labelstudio"),
        schema,
        layer="lsuser",
        report=FormatReport("labelstudio"),
        options={"labelstudio": options} if options else None,
    )
    return {(r.document.doc_id, r.layer.annotator): r for _, r in records if r.layer is not None}


def test_layer_names_survive_a_label_studio_server(corpus, schema, tmp_path: Path) -> None:
    _, tasks = _tasks(corpus, schema)
    path = tmp_path / "from-server.json"
    path.write_bytes(orjson.dumps(as_a_server_exports(tasks)))
    layers = _layers(path, schema)
    assert sorted(layers) == sorted((r.document.doc_id, r.layer.annotator) for r in corpus)
    for record in corpus:
        back = layers[(record.document.doc_id, record.layer.annotator)].layer
        assert [(s.start, s.end, s.label, s.attrs) for s in back.spans] == [
            (s.start, s.end, s.label, s.attrs) for s in record.layer.spans
        ]
        assert [(r.head, r.child, r.label) for r in back.relations] == [
            (r.head, r.child, r.label) for r in record.layer.relations
        ]


def _made_in_label_studio(peer: Path, tmp_path: Path) -> Path:
    """The peer task as a Label Studio export of two annotators' work: completed_by user ids 1 and 2."""
    task = json.loads((peer / "named_entity_annotation.json").read_text(encoding="utf-8"))
    first = task["annotations"][0]
    second = {**first, "id": "1002", "result": first["result"][:0]}
    task["annotations"] = [{**first, "completed_by": 1}, {**second, "completed_by": 2}]
    path = tmp_path / "two-annotators.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    return path


@pytest.fixture
def peer(shared: Path) -> Path:
    folder = shared / "peer-fixtures" / "labelstudio"
    if not folder.is_dir():
        pytest.skip(f"{folder} (Label Studio's own files) is absent")
    return folder


def test_as_map_names_the_layer_of_each_user_id(peer: Path, tmp_path: Path) -> None:
    from annotator.schema import parse_schema

    schema = parse_schema('[[labels]]\nname = "Date"\nhotkey = "d"\ncolour = "#123456"\n')
    path = _made_in_label_studio(peer, tmp_path)
    assert {a for _, a in _layers(path, schema)} == {"lsuser-1", "lsuser-2"}
    layers = _layers(path, schema, as_map="1=ann_a, 2=ann_b")
    assert {a for _, a in layers} == {"ann_a", "ann_b"}
    assert [s.label for (_, a), r in layers.items() if a == "ann_a" for s in r.layer.spans] == ["Date"]
    with pytest.raises(DataError, match="is not USER=LAYER"):
        _layers(path, schema, as_map="1=ann_a,2")


def test_import_takes_the_as_map_on_the_command_line(tmp_path: Path) -> None:
    record = tricky_record("ann_01")
    tasks = [
        {
            "id": 1,
            "data": {"text": record["text"], "doc_id": record["doc_id"]},
            "annotations": [
                {"id": 1, "completed_by": 1, "result": []},
                {"id": 2, "completed_by": 2, "result": []},
            ],
        }
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    db = tmp_path / "a.db"
    bad = _run("--db", str(db), "import", "--labelstudio-as-map", "1=", str(path), ok=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "'1=' is not USER=LAYER" in bad.stderr + bad.stdout
    _run("--db", str(db), "import", "--labelstudio-as-map", "1=ann_a,2=ann_b", str(path))
    lines = [line for line in _run("--db", str(db), "export", "--status", "any").stdout.split("\n") if line]
    assert sorted(orjson.loads(line)["annotator"] for line in lines) == ["ann_a", "ann_b"]
