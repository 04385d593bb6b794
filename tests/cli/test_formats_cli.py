"""`annotator export --format F` and `annotator import` of other tools' formats, as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from command_line import run_annotator as run
from samples import tricky_record

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A database with three layers of the tricky document: gold, ann_01 (done) and ann_02 (in progress)."""
    gold = tricky_record("gold")
    for item in gold["spans"]:
        item["sources"] = ["ann_01"]
    source = tmp_path / "tricky.jsonl"
    records = [tricky_record(), tricky_record("ann_02", status="in_progress"), gold]
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    db = tmp_path / "a.db"
    run("--db", str(db), "import", str(source))
    return db


def _snapshot(db: Path) -> tuple[dict, str]:
    figures = json.loads(run("--db", str(db), "stats", "--json").stdout)
    return figures, run("--db", str(db), "export", "--status", "any").stdout


def test_doccano_export_says_what_it_left_out_and_imports_back(project: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    result = run("--db", str(project), "export", "--format", "doccano", "--status", "any", "--out", str(first))
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"wrote 1 document(s), 3 layer(s), 21 span(s), 9 relation(s) to {first} (doccano)"
    assert lines[1].startswith("doccano cannot hold, left out: ")
    for piece in ("7 gold span source list(s)", "value(s) of attribute target", "1 layer status(es) in_progress"):
        assert piece in lines[1]
    b = tmp_path / "b.db"
    imported = run("--db", str(b), "import", str(first))
    assert imported.stdout.splitlines()[0] == "read 1 file(s) as doccano (detected)"
    assert "imported 1 document(s), 3 layer(s), 21 span(s), 9 relation(s)" in imported.stdout
    second = tmp_path / "second.jsonl"
    run("--db", str(b), "export", "--format", "doccano", "--status", "any", "--out", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_brat_needs_a_new_folder_and_round_trips(project: Path, tmp_path: Path) -> None:
    usage = run("--db", str(project), "export", "--format", "brat", ok=False)
    assert usage.returncode == 2 and "--format brat writes a folder" in usage.stderr
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "x").write_text("x")
    refused = run("--db", str(project), "export", "--format", "brat", "--out", str(taken), ok=False)
    assert refused.returncode == 1
    assert (
        refused.stderr.strip()
        == f"error: {taken} already exists and is not an empty folder; name a new folder with --out"
    )
    first = tmp_path / "first"
    result = run("--db", str(project), "export", "--format", "brat", "--status", "any", "--out", str(first))
    assert "to " + str(first) + " (brat)" in result.stdout
    assert sorted(p.relative_to(first).as_posix() for p in first.rglob("*.ann")) == [
        "ann_01/tricky.ann",
        "ann_02/tricky.ann",
        "gold/tricky.ann",
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    b = tmp_path / "b.db"
    imported = run("--db", str(b), "import", str(first))
    assert "read 3 file(s) as brat (detected)" in imported.stdout
    second = tmp_path / "second"
    run("--db", str(b), "export", "--format", "brat", "--status", "any", "--out", str(second))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_label_filter_and_every_other_format_write(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    result = run("--db", str(project), "export", "--format", "spacy", "--label", "CLAIM", "--out", str(out))
    assert "4 SPEAKER span(s) left out by --label" in result.stdout  # two in each layer that is done
    assert "relation(s) ATTRIBUTED_TO left out by --label" in result.stdout
    lines = [orjson.loads(x) for x in out.read_bytes().split(b"\n")[:-1]]
    assert {s["label"] for line in lines for s in line["spans"]} == {"CLAIM"}
    assert all(line["relations"] == [] for line in lines)
    unknown = run("--db", str(project), "export", "--label", "QUOTE", ok=False)
    assert unknown.returncode == 1 and "unknown label 'QUOTE'" in unknown.stderr
    for fmt, name in (("statements", "s.jsonl"), ("labelstudio", "ls.json"), ("conll", "conll")):
        written = run("--db", str(project), "export", "--format", fmt, "--out", str(tmp_path / name))
        assert written.stdout.startswith("wrote 1 document(s), 2 layer(s)")
    assert sorted(p.name for p in (tmp_path / "conll").iterdir()) == [
        "CLAIM.conll",
        "SPEAKER+CUE.conll",
        "documents.tsv",
    ]


def test_losses_go_to_stderr_when_the_data_goes_to_stdout(project: Path) -> None:
    result = run("--db", str(project), "export", "--format", "statements", "--layer", "ann_01")
    rows = [json.loads(line) for line in result.stdout.split("\n")[:-1]]  # texts hold U+2028: no splitlines()
    assert [row["claim_id"] for row in rows] == ["s7", "s4", "s3", "s6"]
    assert result.stderr.strip() == "statements cannot hold, left out: 1 layer time(s) spent"


def test_a_bad_span_in_a_doccano_file_stores_nothing(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = {"text": "Aliyev said so.", "label": [[0, 6, "SPEAKER"]], "doc_id": "fine"}
    bad = {"text": "👍🏽 Aliyev said so.", "label": [[5, 11, "SPEAKER"], [12, 30, "CUE"]], "doc_id": "bad"}
    path.write_bytes(orjson.dumps(good) + b"\n" + orjson.dumps(bad) + b"\n")
    before = _snapshot(project)
    result = run("--db", str(project), "import", str(path), ok=False)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}:2: span s2 [12, 30): offsets outside the text")
    assert "nothing was imported from this file" in line and "Traceback" not in result.stderr
    assert _snapshot(project) == before


def test_files_without_an_annotator_go_to_the_layer_named_by_as(tmp_path: Path) -> None:
    path = tmp_path / "ls.json"
    task = {
        "data": {"text": "Aliyev said so."},
        "annotations": [
            {
                "result": [
                    {
                        "id": "a",
                        "type": "labels",
                        "from_name": "l",
                        "to_name": "text",
                        "value": {"start": 7, "end": 11, "text": "said", "labels": ["CUE"]},
                    },
                    {
                        "id": "b",
                        "type": "choices",
                        "from_name": "mood",
                        "to_name": "text",
                        "value": {"choices": ["calm"]},
                    },
                ]
            }
        ],
    }
    path.write_bytes(orjson.dumps([task]))
    db = tmp_path / "x.db"
    result = run("--db", str(db), "--annotator", "zoe", "import", "--as", "lena", str(path))
    assert "read 1 file(s) as labelstudio (detected)" in result.stdout
    assert "not imported (a project has no place for them): 1 document-level mood choice(s)" in result.stdout
    figures = json.loads(run("--db", str(db), "--annotator", "zoe", "stats", "--json").stdout)  # the lead's figures
    assert figures["annotators"]["lena"]["spans"] == 1
    assert all(person["spans"] == 0 for name, person in figures["annotators"].items() if name != "lena")
    assert run("--db", str(db), "import", "--format", "doccano", str(path), ok=False).returncode == 1
