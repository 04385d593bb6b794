"""doccano exports: the report names the project settings that load them, and grapheme-cluster offsets on request.

``doccano_keeps`` is doccano 1.8.4's rule for the spans of one example (backend/data_import/pipeline/labels.py,
``Spans.clean``), written again here: without "Allow overlapping spans" a span is kept only when it starts at or
after the end of the last span kept, in order of start. Grapheme clusters are counted with ``regex``'s ``\\X``
(extended grapheme clusters, as doccano's grapheme mode splits them in the browser).
"""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
import regex

from annotator.errors import DataError
from annotator.formats import export, plan, read_source
from annotator.formats.report import FormatReport
from annotator.model import Document, Layer, LayerRecord, Span, Status
from db.transfer import ExportOutcome

GRAPHEME = {"doccano": {"offsets": "grapheme"}}


def doccano_keeps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept, last = [], -1
    for start, end in sorted(spans):
        if start >= last:
            last = end
            kept.append((start, end))
    return kept


def _export(records, schema, **options):
    out = io.BytesIO()
    report = export(records, out, "doccano", schema, **options)
    return [orjson.loads(line) for line in out.getvalue().splitlines()], report


def _spans(line: dict) -> list[tuple[int, int]]:
    if "entities" in line:
        return [(e["start_offset"], e["end_offset"]) for e in line["entities"]]
    return [(start, end) for start, end, _ in line["label"]]


@pytest.mark.parametrize("form", ["label", "relations"])
def test_the_report_names_the_settings_doccano_needs(corpus, schema, form: str, tmp_path: Path) -> None:
    lines, report = _export(corpus, schema, form=form)
    dropped = sum(len(_spans(line)) - len(doccano_keeps(_spans(line))) for line in lines)
    assert dropped > 0  # the corpus has overlapping spans: doccano's defaults would lose these
    (note,) = report.notes
    assert f"“Allow overlapping spans” on ({dropped} span(s) overlap another" in note
    assert "Encoding utf_8 (not Auto)" in note
    assert "“Count grapheme clusters as one character” off" in note
    if form == "relations":
        assert "“JSONL(Relation)”" in note and "“Use relation labeling” on" in note
    else:
        assert "“JSONL”" in note and "relation labeling" not in note
    shown = ExportOutcome(tmp_path / "x.jsonl", "doccano", report).lines()
    assert f"doccano: {note}" in shown


def test_grapheme_offsets_count_clusters(corpus, schema) -> None:
    lines, report = _export(corpus, schema, offsets="grapheme")
    expected = {(r.document.doc_id, r.layer.annotator): r for r in corpus}
    for line in lines:
        record = expected[(line["doc_id"], line["annotator"])]
        clusters = regex.findall(r"\X", line["text"])
        for entity, span in zip(line["entities"], record.layer.spans, strict=True):
            piece = "".join(clusters[entity["start_offset"] : entity["end_offset"]])
            assert piece == record.document.text[span.start : span.end]
    assert "“Count grapheme clusters as one character” on" in report.notes[0]
    assert not any(kind == "grapheme" for kind, _ in report.lost)
    utf16, _ = _export(corpus, schema)
    assert [line["entities"] for line in utf16] != [line["entities"] for line in lines]  # emoji before spans


def test_a_span_edge_inside_a_cluster_is_widened_and_counted(schema) -> None:
    text = "caf\u0065\u0301 👍🏽 ok"
    spans = (Span("s1", 4, 6, "CUE"), Span("s2", 7, 8, "CUE"), Span("s3", 9, 11, "CUE"))
    record = LayerRecord(Document("d", text, "t", {}), Layer("d", "ann_01", Status.DONE, 0, spans, ()))
    (line,), report = _export([record], schema, offsets="grapheme", form="label")
    clusters = regex.findall(r"\X", text)
    assert ["".join(clusters[a:b]) for a, b, _ in line["label"]] == ["e\u0301 ", "👍🏽", "ok"]
    assert report.lost[("grapheme", "CUE")] == 2


def test_grapheme_offsets_read_back_with_the_same_option(corpus, schema, tmp_path: Path) -> None:
    path = tmp_path / "graphemes.jsonl"
    with path.open("wb") as out:
        export(corpus, out, "doccano", schema, offsets="grapheme")
    [source] = plan([path], "doccano")
    back = list(read_source(source, schema, layer="x", report=FormatReport("doccano"), options=GRAPHEME))
    folded = {(r.document.doc_id, r.layer.annotator): r for _, r in back}
    for record in corpus:
        got = folded[(record.document.doc_id, record.layer.annotator)]
        assert got.document.text == record.document.text
        assert [(s.start, s.end, s.label) for s in got.layer.spans] == [
            (s.start, s.end, s.label) for s in record.layer.spans
        ]
    # Read as UTF-16 units, the same file is refused or lands elsewhere: the option is what makes it right.
    try:
        wrong = list(read_source(source, schema, layer="x", report=FormatReport("doccano")))
    except DataError:
        return
    assert [[(s.start, s.end) for s in r.layer.spans] for _, r in wrong] != [
        [(s.start, s.end) for s in r.layer.spans] for _, r in back
    ]


def test_a_grapheme_offset_past_the_text_is_named_in_clusters(schema, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(orjson.dumps({"text": "👍🏽 ok", "label": [[2, 5, "CUE"]], "annotator": "a"}) + b"\n")
    [source] = plan([path], "doccano")
    with pytest.raises(DataError) as caught:
        list(read_source(source, schema, layer="x", report=FormatReport("doccano"), options=GRAPHEME))
    assert str(caught.value).startswith(f"{path}:1: span s1 [2, 5): offsets outside the text (0 <= start < end <= 4")
    assert "grapheme clusters" in str(caught.value)
