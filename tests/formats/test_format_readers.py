"""Readers: what a writer wrote reads back the same, through the Store too; a bad span is named by file, line
and span, and a bad file stores nothing."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest

from annotator.errors import DataError
from annotator.formats import Source, export, plan, read_source
from annotator.formats.report import FormatReport
from annotator.model import Status
from db.store import Store

FILE_FORMATS = {"native": ".jsonl", "spacy": ".jsonl", "doccano": ".jsonl", "labelstudio": ".json"}


def _export_to(records, fmt: str, schema, where: Path) -> Path:
    if fmt == "brat":
        where.mkdir()
        export(records, where, fmt, schema)
        return where
    path = where.with_suffix(FILE_FORMATS[fmt])
    with path.open("wb") as stream:
        export(records, stream, fmt, schema)
    return path


def _read(path: Path, fmt: str, schema, layer: str = "imported", report: FormatReport | None = None):
    report = report or FormatReport(fmt)
    return [r for s in plan([path], fmt) for _, r in read_source(s, schema, layer=layer, report=report)]


def _layers(records) -> dict:
    return {
        (r.document.doc_id, r.layer.annotator): (
            r.document.text,
            sorted((s.start, s.end, s.label, tuple(sorted(s.attrs.items())), s.sources) for s in r.layer.spans),
            sorted(
                (spans[rel.head], spans[rel.child], rel.label)
                for spans in [{s.key: (s.start, s.end, s.label) for s in r.layer.spans}]
                for rel in r.layer.relations
            ),
        )
        for r in records
    }


@pytest.mark.parametrize("fmt", ["spacy", "labelstudio", "brat", "doccano"])
def test_what_a_writer_wrote_reads_back(corpus, schema, tmp_path: Path, fmt: str) -> None:
    path = _export_to(corpus, fmt, schema, tmp_path / "out")
    back = _read(path, fmt, schema)
    want, got = _layers(corpus), _layers(back)
    assert set(got) == set(want)
    for key, (text, spans, relations) in want.items():
        if fmt == "doccano":  # only stance, folded into the label; no sources
            spans = [(a, b, label, tuple(x for x in attrs if x[0] == "stance"), ()) for a, b, label, attrs, _ in spans]
        assert got[key] == (text, spans, relations), key
    if fmt in ("spacy", "labelstudio"):
        assert {(r.document.doc_id, r.document.title, tuple(r.document.meta.items())) for r in back} == {
            (r.document.doc_id, r.document.title, tuple(r.document.meta.items())) for r in corpus
        }
    if fmt == "spacy":
        assert [(r.layer.status, r.layer.time_spent_ms) for r in back] == [
            (r.layer.status, r.layer.time_spent_ms) for r in corpus
        ]


@pytest.mark.parametrize("fmt", ["native", "spacy", "doccano", "labelstudio", "brat"])
def test_export_import_into_an_empty_project_export_gives_the_same_data(corpus, schema, tmp_path: Path, fmt) -> None:
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        a.import_records([(None, r) for r in corpus], source="corpus")
        first = _export_to(a.export_records(status="any"), fmt, schema, tmp_path / "first")
        report = FormatReport("import")
        b.import_records([(None, r) for r in _read(first, fmt, schema, report=report)], source=str(first))
        second = _export_to(b.export_records(status="any"), fmt, schema, tmp_path / "second")
    assert _contents(first) == _contents(second)
    assert not report.lost


def _contents(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {"": path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_doccano_utf16_offsets_become_code_points(schema) -> None:
    from annotator.formats.doccano import read_doccano

    text = "👨🏻‍🚒 🇦🇿 Aliyev said"
    start16 = len(text[: text.index("Aliyev")].encode("utf-16-le")) // 2
    line = {"text": text, "label": [[start16, start16 + 6, "SPEAKER"], [start16 + 7, start16 + 11, "CUE"]]}
    [(number, record)] = list(
        read_doccano(orjson.dumps(line), schema, source="d.jsonl", name="d", layer="bea", report=FormatReport("d"))
    )
    assert number == 1 and record.document.doc_id == "d-1" and record.layer.annotator == "bea"
    assert [text[s.start : s.end] for s in record.layer.spans] == ["Aliyev", "said"]


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        (
            "doccano",
            b'{"text": "Aliyev said"}\n'
            b'{"text": "\xf0\x9f\x87\xa6\xf0\x9f\x87\xbf Aliyev said", "label": [[1, 3, "CUE"]]}\n',
            "f:2: span s1 [1, 3): UTF-16 offset 1 is in the middle of a surrogate pair",
        ),
        (
            "doccano",
            b'{"text": "Aliyev said", "entities": [{"id": 7, "label": "CUE", "start_offset": 7, "end_offset": 12}]}',
            "f:1: span s7 [7, 12): offsets outside the text (0 <= start < end <= 11 UTF-16 code units)",
        ),
        (
            "doccano",
            b'{"text": "Aliyev said", "entities": [], "relations": [{"from_id": 1, "to_id": 2, "type": "HAS_CUE"}]}',
            "f:1: relation 1: its from_id 1 is not an entity of this record",
        ),
        (
            "spacy",
            b'{"text": "Aliyev said", "spans": [{"start": 0, "end": 6, "label": "SPEAKER", "text": "Aliyew"}]}',
            "f:1: span s1 [0, 6): its text 'Aliyew' differs from the document's 'Aliyev'",
        ),
        (
            "labelstudio",
            b'[\n{"data": {"text": "a"}},\n{"data": {"text": "Aliyev said"}, "annotations": [{"result": [\n'
            b'{"id": "x1", "type": "labels", "from_name": "label", "to_name": "text",'
            b' "value": {"start": 7, "end": 11, "text": "sad", "labels": ["CUE"]}}]}]}\n]',
            "f:3: span x1 [7, 11): its text 'sad' differs from the document's 'said'",
        ),
        ("labelstudio", b'[{"data": {"text": "a"}} {"data": 1}]', "f:1:26: expected , or ] in the JSON array"),
        ("doccano", b'{"text": "a"}\n{"text": ', "f:2:10: not valid JSON (Expecting value)"),
    ],
)
def test_a_bad_span_is_named_by_file_line_and_span(schema, tmp_path: Path, fmt, data, message) -> None:
    from annotator.formats import doccano, labelstudio, spacy_jsonl

    reader = {
        "doccano": doccano.read_doccano,
        "spacy": spacy_jsonl.read_spacy,
        "labelstudio": labelstudio.read_labelstudio,
    }[fmt]
    with pytest.raises(DataError) as caught:
        list(reader(data, schema, source="f", name="f", layer="x", report=FormatReport(fmt)))
    assert str(caught.value).startswith(message)


def test_a_bad_brat_span_names_the_ann_file_and_line(corpus, schema, tmp_path: Path) -> None:
    export(corpus[:2], tmp_path, "brat", schema)
    ann = tmp_path / "ann_01" / "tricky.ann"
    lines = ann.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("T2\t"))
    lines[number] = lines[number].replace("\tsaid", "\tsays")
    ann.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        _read(tmp_path, "brat", schema)
    assert str(caught.value).startswith(f"{ann}:{number + 1}: span T2 [48, 52): its text 'says' differs")


def test_a_bad_line_late_in_a_file_stores_nothing_of_it(corpus, schema, tmp_path: Path) -> None:
    path = _export_to(corpus, "spacy", schema, tmp_path / "out")
    lines = path.read_bytes().split(b"\n")
    broken = orjson.loads(lines[3])
    broken["spans"][0]["end"] = 10_000
    lines[3] = orjson.dumps(broken)
    path.write_bytes(b"\n".join(lines))
    with Store.open(tmp_path / "x.db") as store:
        with pytest.raises(DataError, match=r"out.jsonl:4: span s1 \[\d+, 10000\): offsets outside the text"):
            store.import_records(
                read_source(Source(path, "spacy"), schema, layer="x", report=FormatReport("s")), source="s"
            )
        assert store.document_count() == 0


def test_records_without_an_annotator_go_to_the_layer_given(schema, tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_bytes(orjson.dumps({"text": "Aliyev said so.", "label": [[0, 6, "SPEAKER"]]}) + b"\n")
    [record] = _read(path, "doccano", schema, layer="lena")
    assert (record.document.doc_id, record.layer.annotator, record.layer.status) == ("plain-1", "lena", Status.DONE)


def test_label_studio_user_ids_map_to_the_given_name(schema, tmp_path: Path) -> None:
    def task(by):
        return {"data": {"text": "Aliyev said so."}, "annotations": [{"completed_by": by, "result": []}]}

    path = tmp_path / "ls.json"
    path.write_bytes(orjson.dumps([task(1), task(1)]))
    assert {r.layer.annotator for r in _read(path, "labelstudio", schema, layer="lena")} == {"lena"}
    path.write_bytes(orjson.dumps([task(1), task(2), task({"id": 3, "email": "bea@example.org"}), task("zoe")]))
    got = [r.layer.annotator for r in _read(path, "labelstudio", schema, layer="lena")]
    assert got == ["lena-1", "lena-2", "bea@example.org", "zoe"]


@pytest.mark.parametrize(
    ("line", "detected"),
    [
        ({"doc_id": "d", "annotator": "a", "text": "t", "spans": []}, "native"),
        ({"text": "t", "label": [[0, 1, "X"]]}, "doccano"),
        ({"text": "t", "entities": [], "relations": []}, "doccano"),
        ({"text": "t", "tokens": [], "spans": []}, "spacy"),
        ({"text": "t", "spans": [], "answer": "accept"}, "spacy"),
        ({"data": {"text": "t"}, "annotations": []}, "labelstudio"),
    ],
)
def test_the_format_of_a_json_file_is_told_from_its_content(tmp_path: Path, line, detected) -> None:
    for suffix, data in (
        (".jsonl", orjson.dumps(line) + b"\n"),
        (".json", orjson.dumps([line], option=orjson.OPT_INDENT_2)),
    ):
        path = tmp_path / f"x{suffix}"
        path.write_bytes(data)
        [source] = plan([path])
        assert (source.fmt, source.detected) == (detected, True)


def test_a_folder_with_ann_files_is_brat_and_its_subfolders_name_the_layers(corpus, schema, tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    export(corpus, tmp_path / "b", "brat", schema)
    sources = plan([tmp_path / "b"])
    assert {(s.fmt, s.layer) for s in sources} == {("brat", "gold"), ("brat", "ann_01"), ("brat", "ann_02")}
    assert all(s.path.suffix == ".txt" for s in sources)
    [one] = plan([tmp_path / "b" / "ann_01" / "tricky.ann"])
    assert (one.fmt, one.layer, one.path.name) == ("brat", None, "tricky.txt")


def test_the_report_names_what_was_left_out(schema) -> None:
    from annotator.formats.spacy_jsonl import read_spacy

    lines = [
        {"text": "Aliyev said so.", "answer": "reject"},
        {
            "text": "Aliyev said so.",
            "spans": [{"start": 0, "end": 6, "label": "SPEAKER", "token_end": 0}],
            "relations": [{"head": 0, "child": 2, "label": "X"}],
        },
    ]
    report = FormatReport("spacy")
    records = list(
        read_spacy(b"\n".join(orjson.dumps(x) for x in lines), schema, source="p", name="p", layer="a", report=report)
    )
    assert len(records) == 1
    assert dict(report.lost) == {("answer", "reject"): 1, ("relation", "X"): 1}
    assert report.losses() == "1 reject answer(s); 1 relation(s) X"
    stream = io.BytesIO()
    assert not export([], stream, "native", schema).lost


@pytest.mark.parametrize("fmt", ["native", "spacy"])
def test_the_lossless_formats_read_back_the_rules_of_accepted_proposals(corpus, schema, tmp_path: Path, fmt) -> None:
    path = _export_to(corpus, fmt, schema, tmp_path / "out")
    back = _read(path, fmt, schema)
    rules = lambda records: {  # noqa: E731
        (r.document.doc_id, r.layer.annotator, s.start, s.end, s.label): s.rule for r in records for s in r.layer.spans
    }
    assert rules(back) == rules(corpus)
    assert sum(1 for rule in rules(back).values() if rule) == 2
