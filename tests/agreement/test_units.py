"""The units of one document across its annotators' layers, and what accepting the unanimous ones adds to gold."""

from __future__ import annotations

from typing import Any

from annotator.agreement import DocumentLayers, Kind, document_units, measure
from annotator.agreement.gold import adoption, unanimous_additions
from annotator.formats.native import parse_record
from annotator.model import GOLD, Layer, Span
from annotator.schema import default_schema

STATEMENT = default_schema().statement


def _documents(records: list[dict[str, Any]], gold: Layer | None = None) -> dict[str, DocumentLayers]:
    schema = default_schema()
    texts: dict[str, str] = {}
    layers: dict[str, dict[str, Layer]] = {}
    for record in records:
        parsed = parse_record(record, schema)
        texts[parsed.document.doc_id] = parsed.document.text
        layers.setdefault(parsed.document.doc_id, {})[parsed.layer.annotator] = parsed.layer
    return {doc: DocumentLayers(doc, texts[doc], layers[doc], gold if doc == "d1" else None) for doc in texts}


def test_each_unit_says_how_the_annotators_differ(records: list[dict[str, Any]]) -> None:
    units = document_units(_documents(records)["d1"], statement=STATEMENT)
    seen = [(u.label, u.kind, set(u.differences), u.unanimous) for u in units]
    assert seen == [
        ("SPEAKER", Kind.AGREED, set(), True),  # Ilham Aliyev
        ("CUE", Kind.AGREED, set(), True),  # said
        ("CLAIM", Kind.AGREED, set(), True),  # peace is near: same offsets, FAVOR, both -> Ilham Aliyev
        ("SPEAKER", Kind.AGREED, set(), True),  # Critics
        ("CUE", Kind.MISSING, {Kind.MISSING}, False),  # argued: ann_b has none
        # "the talks failed" / "that the talks failed": boundaries, AGAINST / NONE, Critics / no speaker.
        ("CLAIM", Kind.BOUNDARIES, {Kind.BOUNDARIES, Kind.STANCE, Kind.SPEAKER}, False),
        ("SPEAKER", Kind.BOUNDARIES, {Kind.BOUNDARIES, Kind.SPEAKER}, False),  # The minister / minister
        ("CLAIM", Kind.BOUNDARIES, {Kind.BOUNDARIES, Kind.SPEAKER}, False),  # with and without the quotation marks
    ]
    assert units[5].speakers == {"ann_a": "Critics", "ann_b": None}
    assert units[0].agreeing("ann_b") == ("ann_a", "ann_b")
    assert units[7].agreeing("ann_a") == ("ann_a",)
    lone = document_units(_documents(records)["d2"], statement=STATEMENT)
    assert [u.present for u in lone] == [("ann_a",)] * 3 and not any(u.unanimous for u in lone)


def test_accepting_unanimous_units_adds_them_with_their_sources_and_shared_relations(records: list) -> None:
    document = _documents(records)["d1"]
    _, spans, relations = unanimous_additions(document, default_schema())
    text = document.text
    assert [(text[s.start : s.end], s.label, s.sources) for s in spans] == [
        ("Ilham Aliyev", "SPEAKER", ("ann_a", "ann_b")),
        ("said", "CUE", ("ann_a", "ann_b")),
        ("peace is near", "CLAIM", ("ann_a", "ann_b")),
        ("Critics", "SPEAKER", ("ann_a", "ann_b")),
    ]
    assert [s.key for s in spans] == ["s1", "s2", "s3", "s4"]
    # Both made "peace is near" ATTRIBUTED_TO "Ilham Aliyev"; only ann_a linked the talks to Critics.
    assert [(r.head, r.child, r.label) for r in relations] == [("s3", "s1", "ATTRIBUTED_TO")]
    # Once gold has them, nothing more is added.
    gold = Layer("d1", GOLD, spans=tuple(spans), relations=tuple(relations))
    again = unanimous_additions(_documents(records, gold)["d1"], default_schema())
    assert again[1:] == ([], [])
    assert sum(unit.gold is not None for unit in again[0]) == 4


def test_adopting_a_span_takes_its_relations_where_the_other_end_is_in_gold(records: list) -> None:
    document = _documents(records)["d1"]
    text = document.text
    start = text.index("The minister")
    gold = Layer("d1", GOLD, spans=(Span("s1", start, start + len("The minister"), "SPEAKER", {}, ("ann_a",)),))
    claim, links = adoption(document.layers["ann_a"], "s8", gold, default_schema())
    assert (text[claim.start : claim.end], claim.key, claim.sources) == ("“Trade will grow.”", "s2", ("ann_a",))
    assert claim.attrs == {"stance": "FAVOR"}
    assert [(r.key, r.head, r.child, r.label) for r in links] == [("r1", "s2", "s1", "ATTRIBUTED_TO")]
    # ann_b's claim points to "minister", which gold does not have: no relation.
    _, none = adoption(document.layers["ann_b"], "s7", gold, default_schema(), sources=["ann_b"])
    assert none == []


def test_pairs_count_only_the_documents_both_annotated(records: list) -> None:
    report = measure(_documents(records).values(), labels=("CLAIM", "SPEAKER", "CUE"), statement=STATEMENT)
    tally = report.pairs["ann_a", "ann_b"]
    assert tally.documents == 1
    assert (tally.label("CLAIM").spans_a, tally.label("CLAIM").spans_b) == (3, 3)  # d2's claim is not counted
    assert [s.doc_id for s in report.documents] == ["d1", "d2"]
    assert not report.documents[1].disagreement.defined
