"""The readers on real files from doccano, Label Studio, brat and Prodigy (../shared/peer-fixtures, not copied here).

Expected spans are computed from the files themselves (or the values their SOURCES.md states), by other means
than the readers use: UTF-16 slices by encoding, brat's text column, Prodigy's span texts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.checks import check_layer
from annotator.formats import plan, read_source
from annotator.formats.report import FormatReport
from annotator.schema import default_schema, parse_schema

DEFAULT = default_schema()


@pytest.fixture
def peer(shared: Path) -> Path:
    folder = shared / "peer-fixtures"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there")
    return folder


def schema_for(labels, relations=(), attributes="") -> object:
    """A schema with the labels and relations another tool's file uses, so that check_layer can run."""
    keys = iter("abcdefghijklmnopqrstuvwxyz0123456789")
    text = "".join(f'[[labels]]\nname = "{name}"\nhotkey = "{next(keys)}"\ncolour = "#123456"\n' for name in labels)
    text += "".join(f'[[relations]]\nname = "{n}"\nhead = "{h}"\nchild = "{c}"\n' for n, h, c in relations)
    return parse_schema(text + attributes)


def read(path: Path, fmt: str = "auto", schema=DEFAULT, layer: str = "peer"):
    report = FormatReport("import")
    records = []
    for source in plan([path], fmt):
        records += [(source, r) for _, r in read_source(source, schema, layer=layer, report=report)]
    return records, report


def test_doccano_sequence_labelling_example(peer: Path) -> None:
    path = peer / "doccano" / "seq_labeling_export_example.jsonl"
    records, _ = read(path)
    assert {s.fmt for s, _ in records} == {"doccano"}
    got = [[(r.document.text[s.start : s.end], s.label) for s in r.layer.spans] for _, r in records]
    assert got == [[("EU", "ORG"), ("German", "MISC")], [("Peter Blackburn", "PERSON")], [("Obama", "PERSON")]]
    assert [r.document.doc_id for _, r in records] == [f"seq_labeling_export_example-{n}" for n in (1, 2, 3)]
    schema = schema_for(["ORG", "MISC", "PERSON"])
    for _, record in records:
        check_layer(record.document.text, record.layer, schema)


@pytest.mark.parametrize("name", ["relation_export_example.pretty.json", "relation_import_testdata.jsonl"])
def test_doccano_relation_examples(peer: Path, name: str) -> None:
    records, _ = read(peer / "doccano" / name)
    [(source, record)] = records
    assert source.fmt == "doccano"
    text = record.document.text
    spans = {s.key: (text[s.start : s.end], s.label) for s in record.layer.spans}
    assert list(spans.values()) == [
        ("Google", "ORG"),
        ("September 4, 1998", "DATE"),
        ("Larry Page", "PERSON"),
        ("Sergey Brin", "PERSON"),
    ]
    links = [(spans[r.head][0], spans[r.child][0], r.label) for r in record.layer.relations]
    assert links == [
        ("Google", "September 4, 1998", "foundedAt"),
        ("Google", "Larry Page", "foundedBy"),
        ("Google", "Sergey Brin", "foundedBy"),
    ]
    relations = [("foundedAt", "ORG", "DATE"), ("foundedBy", "ORG", "PERSON")]
    check_layer(text, record.layer, schema_for(["ORG", "DATE", "PERSON"], relations))


def test_doccano_chinese_relation_export(peer: Path) -> None:
    path = peer / "doccano" / "relation_export_zh_paddlenlp.jsonl"
    raw = json.loads(path.read_text(encoding="utf-8"))
    [(_, record)] = read(path)[0]
    text = record.document.text
    assert record.document.doc_id == str(raw["id"])
    want = {f"s{e['id']}": raw["text"][e["start_offset"] : e["end_offset"]] for e in raw["entities"]}
    assert {s.key: text[s.start : s.end] for s in record.layer.spans} == want
    assert want["s51"] == "你知道我要什么"
    links = {(r.head, r.child, r.label) for r in record.layer.relations}
    assert links == {(f"s{x['from_id']}", f"s{x['to_id']}", x["type"]) for x in raw["relations"]}


def test_doccano_counts_utf16_code_units(peer: Path) -> None:
    path = peer / "doccano" / "emoji_utf16.derived.jsonl"
    raw = json.loads(path.read_text(encoding="utf-8"))
    [(start, end, _)] = raw["label"]
    by_units = raw["text"].encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")
    [(_, record)] = read(path)[0]
    [span] = record.layer.spans
    assert record.document.text[span.start : span.end] == by_units == "firetrucks"
    assert (span.start, span.end) == (19, 29)


def test_label_studio_named_entity_example(peer: Path) -> None:
    path = peer / "labelstudio" / "named_entity_annotation.json"
    records, report = read(path)
    [(source, record)] = records
    assert source.fmt == "labelstudio"
    [span] = record.layer.spans
    assert (record.document.text[span.start : span.end], span.label, span.key) == ("February 22", "Date", "beFiQTT1cU")
    assert record.layer.annotator == "peer" and record.document.doc_id == "1"
    assert not report.lost


def test_label_studio_per_region_choices_and_text_areas(peer: Path) -> None:
    path = peer / "labelstudio" / "nested_perregion_task.json"
    records, report = read(path)
    [(_, record)] = records
    text = record.document.text
    spans = {s.key: s for s in record.layer.spans}
    assert {k: (text[s.start : s.end], s.label) for k, s in spans.items()} == {
        "dLeaKthoHb": ("amazon", "Person"),
        "SnZmh8A4m2": ("Not", "Time"),
    }
    # The default schema has none of these controls: each is counted, nothing is silently dropped.
    assert dict(report.lost) == {
        ("attribute", "description"): 1,
        ("attribute", "gender"): 1,
        ("attribute", "sentiment2"): 2,
        ("choices", "sentiment"): 1,
    }
    attributes = """
[[attributes]]
name = "gender"
labels = ["Person"]
kind = "choice"
values = ["Female", "Male"]
[[attributes]]
name = "sentiment2"
labels = ["Person", "Time"]
kind = "choice"
values = ["Positive", "Negative"]
[[attributes]]
name = "description"
labels = ["Person"]
kind = "text"
"""
    schema = schema_for(["Person", "Time"], attributes=attributes)
    [(_, record)], report = read(path, schema=schema)
    spans = {s.key: s.attrs for s in record.layer.spans}
    assert spans == {
        "dLeaKthoHb": {"description": "huge corp", "gender": "Male", "sentiment2": "Negative"},
        "SnZmh8A4m2": {"sentiment2": "Positive"},
    }
    assert dict(report.lost) == {("choices", "sentiment"): 1}
    check_layer(record.document.text, record.layer, schema)


def test_label_studio_counts_code_points_and_escapes_newlines(peer: Path) -> None:
    path = peer / "labelstudio" / "emoji_codepoints.derived.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    records, _ = read(path)
    assert len(records) == 2
    for task, (_, record) in zip(raw, records, strict=True):
        value = task["annotations"][0]["result"][0]["value"]
        [span] = record.layer.spans
        piece = record.document.text[span.start : span.end]
        assert piece == task["data"]["text"][value["start"] : value["end"]]
        assert piece.replace("\n", "\\n") == value["text"]
    assert "\n" in record.document.text[span.start : span.end]


@pytest.mark.parametrize("stem", ["news-000-introduction", "news-060-relation_annotation"])
def test_brat_news_examples(peer: Path, stem: str) -> None:
    ann = peer / "brat" / f"{stem}.ann"
    records, report = read(ann, layer="news")
    [(source, record)] = records
    assert source.fmt == "brat" and record.layer.annotator == "news"
    text = record.document.text
    assert text == (peer / "brat" / f"{stem}.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in ann.read_text(encoding="utf-8").splitlines()]
    bounds = {row[0]: (row[1].split()[0], row[2]) for row in rows if row[0].startswith("T")}
    assert {s.key: (s.label, text[s.start : s.end]) for s in record.layer.spans} == bounds
    relations = {(r[0], *r[1].split()) for r in rows if r[0].startswith("R")}
    got = {(r.key, r.label, f"Arg1:{r.head}", f"Arg2:{r.child}") for r in record.layer.relations}
    assert got == relations
    kinds = {row[0][0] for row in rows}
    if "E" in kinds:
        assert report.lost[("event", "")] == 1
        assert report.lost[("attribute", "Mention")] == 2 and report.lost[("note", "")] == 2
    if "*" in kinds:
        assert report.lost[("equivalence", "")] == 1


def test_brat_conf_lists_what_the_reader_reads(peer: Path) -> None:
    conf = (peer / "brat" / "news-annotation.conf").read_text(encoding="utf-8")
    labels = {
        s.label
        for stem in ("news-000-introduction", "news-060-relation_annotation")
        for _, r in read(peer / "brat" / f"{stem}.ann")[0]
        for s in r.layer.spans
    }
    assert all(label in conf for label in labels)


def test_prodigy_relation_annotations(peer: Path) -> None:
    path = peer / "prodigy" / "rel_component_annotations.first20.jsonl"
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records, report = read(path)
    assert len(records) == len(raw) == 20 and not report.lost
    for line, (source, record) in zip(raw, records, strict=True):
        assert source.fmt == "spacy"
        assert record.document.doc_id == f"prodigy-{line['_input_hash']}"
        assert record.document.meta == line["meta"]
        text = record.document.text
        assert [(text[s.start : s.end], s.label) for s in record.layer.spans] == [
            (s["text"], s["label"]) for s in line["spans"]
        ]
        spans = {s.key: s for s in record.layer.spans}
        got = [
            ((spans[r.head].start, spans[r.head].end), (spans[r.child].start, spans[r.child].end), r.label)
            for r in record.layer.relations
        ]
        want = [
            (
                (r["head_span"]["start"], r["head_span"]["end"]),
                (r["child_span"]["start"], r["child_span"]["end"]),
                r["label"],
            )
            for r in line.get("relations", [])
        ]
        assert got == want


def test_prodigy_offsets_are_code_points_after_an_emoji(peer: Path) -> None:
    path = peer / "prodigy" / "fashion_brands_eval.line92.jsonl"
    [(_, record)] = read(path)[0]
    assert record.document.text.startswith("😂")
    assert [(s.start, s.end, record.document.text[s.start : s.end]) for s in record.layer.spans] == [
        (131, 144, "Allen Edmonds"),
        (297, 310, "Allen Edmonds"),
    ]
