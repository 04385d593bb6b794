"""`annotator export --format dataset`: a folder a lead can publish, loaded by Hugging Face `datasets` itself.

The project: 12 documents with emoji before the spans, annotated by ann_a and ann_b, with gold on four; AGAINST
claims on three documents only, so that a split by document holds them in every split only if it is stratified.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import orjson
import pytest

from annotator.errors import DataError
from annotator.formats.dataset_split import Split, assign, parse_splits, sizes
from command_line import run_annotator
from samples import FAMILY, FLAG_AZ

datasets = pytest.importorskip("datasets")

STANCES = ["FAVOR", "NONE", "FAVOR", "AGAINST", "NONE", "FAVOR", "NONE", "AGAINST", "FAVOR", "NONE", "FAVOR", "AGAINST"]


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    return run_annotator(*args, ok=ok, timeout=180)


def _span(text: str, key: str, piece: str, label: str, **attrs: str) -> dict:
    start = text.index(piece)
    return {"id": key, "start": start, "end": start + len(piece), "label": label, "text": piece, **attrs}


def _records() -> list[dict]:
    records = []
    for n, stance in enumerate(STANCES):
        text = f"{FLAG_AZ} Report {n} {FAMILY}\n\nMinister {n} said that the talks {n} go on. The mayor stayed."
        for annotator in ("ann_a", "ann_b", "gold"):
            if annotator == "gold" and n % 3:
                continue
            said = stance if annotator != "ann_b" or n % 2 else "NONE"  # ann_b differs on some claims
            spans = [
                _span(text, "s1", f"Minister {n}", "SPEAKER", speaker=f"Minister {n}"),
                _span(text, "s2", "said", "CUE"),
                _span(text, "s3", f"the talks {n} go on", "CLAIM", stance=said),
            ]
            if annotator == "gold":
                for item in spans:
                    item["sources"] = ["ann_a", "ann_b"] if item["label"] != "CLAIM" else ["ann_a"]
                spans.append(_span(text, "s4", "The mayor", "SPEAKER", speaker="Mayor", sources=[]))
            links = [
                {"id": "r1", "head": "s3", "child": "s1", "label": "ATTRIBUTED_TO"},
                {"id": "r2", "head": "s3", "child": "s2", "label": "HAS_CUE"},
            ]
            records.append(
                {
                    "doc_id": f"doc-{n:02}",
                    "annotator": annotator,
                    "status": "done",
                    "text": text,
                    "meta": {"title": f"Report {n}", "published": "2024-05-0" + str(1 + n % 9)},
                    "spans": spans,
                    "relations": links,
                }
            )
    return records


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    source = folder / "project.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in _records()))
    db = folder / "p.db"
    run("--db", str(db), "import", str(source))
    return db


def _item(feature):
    """The feature of a list's items (``List`` in datasets 4 and later, a one-item list before)."""
    return feature.feature if hasattr(feature, "feature") else feature[0]


def _export(db: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run("--db", str(db), "export", "--format", "dataset", "--out", str(out), *options)


def test_every_split_loads_in_datasets_with_its_features(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    result = _export(project, out, "--split", "train=0.5,dev=0.25,test=0.25", "--seed", "3")
    assert (
        result.stdout.splitlines()[0]
        == f"wrote 12 document(s), 28 layer(s), 88 span(s), 56 relation(s) to {out} (dataset)"
    )
    loaded = datasets.load_dataset(str(out))
    assert list(loaded) == ["train", "dev", "test"]
    assert [loaded[s].num_rows for s in loaded] == [
        (out / "data" / f"{s}.jsonl").read_bytes().count(b"\n") for s in loaded
    ]
    assert sum(loaded[s].num_rows for s in loaded) == 28
    features = loaded["train"].features
    span = _item(features["spans"])
    assert (span["start"].dtype, span["label"].dtype, span["stance"].dtype) == ("int64", "string", "string")
    assert _item(span["sources"]).dtype == "string"
    assert _item(features["relations"])["head"].dtype == "string"
    assert features["meta"].dtype == "string"  # the date-like metadata stays text
    by_doc: dict[str, set[str]] = {}
    for split in loaded:
        for row in loaded[split]:
            by_doc.setdefault(row["doc_id"], set()).add(split)
            for item in row["spans"]:
                assert row["text"][item["start"] : item["end"]] == item["text"]  # code points, after emoji
            assert json.loads(row["meta"])["published"].startswith("2024-05-0")
    assert len(by_doc) == 12 and all(len(splits) == 1 for splits in by_doc.values())  # by document
    documents = Counter(next(iter(splits)) for splits in by_doc.values())
    assert documents == {"train": 6, "dev": 3, "test": 3}
    for split in loaded:  # stratified: AGAINST is on three documents only, and each split has one
        stances = {item["stance"] for row in loaded[split] for item in row["spans"] if item["label"] == "CLAIM"}
        assert {"FAVOR", "AGAINST", "NONE"} <= stances, split


def test_statements_rows_load_too(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements"
    _export(project, out, "--records", "statements", "--split", "train=0.75,test=0.25")
    loaded = datasets.load_dataset(str(out))
    assert sum(loaded[s].num_rows for s in loaded) == 28  # one claim per layer
    row = loaded["test"][0]
    assert row["text"] == row["context"][row["start"] - row["context_start"] : row["end"] - row["context_start"]]
    assert loaded["test"].features["cue_start"].dtype == "int64"


def test_the_same_seed_gives_the_same_files(project: Path, tmp_path: Path) -> None:
    def files(seed: str) -> dict[str, bytes]:
        out = tmp_path / f"seed-{seed}-{len(list(tmp_path.iterdir()))}"
        _export(project, out, "--seed", seed)
        return {p.name: p.read_bytes() for p in sorted((out / "data").iterdir())}

    first = files("5")
    assert files("5") == first
    assert any(files(seed) != first for seed in ("6", "7", "8"))


def test_the_card_states_counts_gold_agreement_and_offsets(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "card"
    _export(project, out, "--split", "train=0.5,dev=0.25,test=0.25", "--seed", "3")
    card = (out / "README.md").read_text(encoding="utf-8")
    header = card.split("---\n")[1]
    assert 'license: ""' in header
    assert '- split: "dev"\n    path: "data/dev.jsonl"' in header
    assert "- token-classification" in header and '- "n<1K"' in header
    loaded = datasets.load_dataset(str(out))
    for split in loaded:
        rows = loaded[split]
        claims = Counter(i["label"] for row in rows for i in row["spans"])
        documents = len(set(rows["doc_id"]))
        cells = [split, f"`data/{split}.jsonl`", documents, rows.num_rows, rows.num_rows]
        cells += [claims["CLAIM"], claims["SPEAKER"], claims["CUE"]]
        assert "| " + " | ".join(map(str, cells)) + " |" in card
    assert "Annotators' layers in this dataset: ann_a (12 layer(s)), ann_b (12 layer(s))." in card
    # four gold layers: SPEAKER and CUE from both, CLAIM from ann_a, the mayor added
    assert "4 gold layer(s)" in card and "8 from 2 annotator(s), 4 from 1 annotator(s); 4 added by the lead" in card
    figures = json.loads(run("--db", str(project), "agreement", "--json").stdout)
    alpha = figures["stance"]["alpha"]
    assert f"| stance, Krippendorff's alpha (nominal, 12 claims) | {alpha:.3f} |" in card
    f1 = figures["labels"]["CLAIM"]["f1_exact"]
    assert f"| CLAIM F1, exact span | {f1:.3f} |" in card
    assert "count Unicode code points of the document's `text`, end exclusive" in card
    assert "| stance | CLAIM | FAVOR, AGAINST, NONE |" in card


def test_bad_choices_are_refused_in_one_line_and_nothing_is_written(project: Path, tmp_path: Path) -> None:
    for options, problem in [
        (("--split", "train=0.8,test=0.3"), "--split: the shares add up to 1.1, not 1"),
        (("--split", "train"), "--split: 'train' is not NAME=SHARE"),
        (("--seed", "x"), "--seed: 'x' is not a whole number"),
        (("--language", "English"), "--language: 'English' is not a list of language codes"),
    ]:
        result = run(
            "--db", str(project), "export", "--format", "dataset", "--out", str(tmp_path / "x"), *options, ok=False
        )
        assert result.returncode == 1
        assert problem in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "x").exists()


def test_splits_are_sized_by_share_and_none_is_left_empty_while_another_has_two() -> None:
    three = parse_splits("train=0.8,dev=0.1,test=0.1")
    assert sizes(three, 100) == [80, 10, 10]
    assert sizes(three, 3) == [1, 1, 1]
    assert sizes(three, 2) == [2, 0, 0] or sizes(three, 2) == [1, 1, 0]
    assert sum(sizes(three, 37)) == 37
    with pytest.raises(DataError):
        parse_splits("train=0.5,train=0.5")


def test_a_rare_stance_is_put_in_every_split_it_can_be() -> None:
    stances = {f"d{n}": Counter({"FAVOR": 2}) for n in range(20)}
    for doc_id in ("d3", "d11", "d17"):
        stances[doc_id]["AGAINST"] = 1
    splits = (Split("train", 0.8), Split("dev", 0.1), Split("test", 0.1))
    for seed in range(5):
        chosen = assign(stances, splits, seed)
        assert Counter(chosen.values()) == {"train": 16, "dev": 2, "test": 2}
        assert {chosen[d] for d in ("d3", "d11", "d17")} == {"train", "dev", "test"}
        assert assign(stances, splits, seed) == chosen
