"""Native JSONL: parsing checks every field, and writing then reading gives the same records and bytes."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import DataError
from annotator.formats.native import parse_record, read_native, write_native
from annotator.model import text_sha256
from annotator.schema import default_schema
from db.store import Store
from samples import PIECES, tricky_record

SCHEMA = default_schema()


def _write(records) -> bytes:
    out = io.BytesIO()
    write_native(records, out, SCHEMA)
    return out.getvalue()


def test_crlf_offsets_are_remapped_and_spans_keep_their_text() -> None:
    record = parse_record(tricky_record(), SCHEMA)
    text = record.document.text
    assert "\r" not in text
    by_key = {s.key: s for s in record.layer.spans}
    assert text[by_key["s6"].start : by_key["s6"].end] == "peace.\nAccording"
    assert text[by_key["s3"].start : by_key["s3"].end].startswith("“Islamic")


def test_utf16_offsets_are_converted_to_code_points() -> None:
    text = "👍🏽 🇦🇿 Aliyev said"
    start16 = len(text[: text.index("Aliyev")].encode("utf-16-le")) // 2
    record = parse_record(
        {
            "doc_id": "d",
            "annotator": "a",
            "offset_unit": "utf16",
            "text": text,
            "spans": [{"id": "s1", "start": start16, "end": start16 + 6, "label": "SPEAKER", "text": "Aliyev"}],
        },
        SCHEMA,
    )
    assert (record.layer.spans[0].start, record.layer.spans[0].end) == (text.index("Aliyev"), text.index(" said"))
    with pytest.raises(DataError, match="UTF-16 offset 1: "):
        parse_record(
            {
                "doc_id": "d",
                "annotator": "a",
                "offset_unit": "utf16",
                "text": text,
                "spans": [{"id": "s1", "start": 1, "end": 3, "label": "CUE"}],
            },
            SCHEMA,
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(colour="red"), "record: unknown key 'colour'"),
        (lambda r: r.update(offset_unit="bytes"), "unknown offset_unit 'bytes'"),
        (lambda r: r.update(text_sha256="0" * 64), "text_sha256 does not match the text"),
        (lambda r: r.update(status="finished"), "unknown status 'finished'"),
        (lambda r: r.update(time_spent_ms=-5), "time_spent_ms must be a whole number of at least 0"),
        (lambda r: r.update(meta=[]), "meta must be a JSON object"),
        (lambda r: r.update(doc_id=""), "doc_id must be a non-empty string"),
        (lambda r: r.update(spans={}), "spans must be a JSON array"),
        (lambda r: r.update(annotator=None), "spans need a layer"),
        (lambda r: r["spans"][0].update(stanse="FAVOR"), "span s1: unknown key 'stanse'"),
        (lambda r: r["spans"][0].update(start=True), "start and end must be whole numbers"),
        (lambda r: r["spans"][0].update(start=-1), "offsets outside the text"),
        (lambda r: r["spans"][0].update(sources="ann_01"), "sources must be a list"),
        (lambda r: r["spans"][2].update(stance="PRO"), "stance 'PRO' is not one of FAVOR, AGAINST, NONE"),
        (lambda r: r["spans"][0].update(stance="FAVOR"), "attribute 'stance' does not apply to SPEAKER"),
        (lambda r: r["spans"][0].update(label="PERSON"), "unknown label 'PERSON'"),
        (lambda r: r["spans"][1].update(id="s1"), "duplicate span id"),
        (lambda r: r["spans"][0].update(sources=["x"]), "only spans of the gold layer name sources"),
        (lambda r: r["relations"][0].update(child="s9"), "relation r1: its child 's9' is not a span of this layer"),
        (
            lambda r: r["relations"].append({"id": "r9", "head": "s3", "child": "s5", "label": "ATTRIBUTED_TO"}),
            "s3 has more than 1 ATTRIBUTED_TO relation(s)",
        ),
        (lambda r: r["relations"][1].update(label="SUPPORTS"), "unknown relation 'SUPPORTS'"),
        (lambda r: r["relations"][1].update(id="r1"), "empty, duplicate or too long relation id"),
        (lambda r: r.update(annotator=" bea"), "annotator name ' bea' must be a non-empty string"),
    ],
)
def test_each_bad_field_is_named(change, message) -> None:
    record = tricky_record()
    change(record)
    from annotator.checks import check_layer

    with pytest.raises(DataError) as caught:
        parsed = parse_record(record, SCHEMA)
        check_layer(parsed.document.text, parsed.layer, SCHEMA)
    assert message in str(caught.value)


def test_read_native_names_file_and_line_and_skips_blank_lines() -> None:
    good = orjson.dumps(tricky_record())
    stream = io.BytesIO(b"\xef\xbb\xbf" + good + b"\n\n" + b"[1, 2]\n")
    records = read_native(stream, SCHEMA, source="f.jsonl")
    line, record = next(records)
    assert line == 1 and record.document.doc_id == "tricky"
    with pytest.raises(DataError, match=r"^f.jsonl:3: expected a JSON object, found list$"):
        next(records)


def test_written_lines_carry_every_attribute_key_with_one_type() -> None:
    lines = _write([parse_record(tricky_record(), SCHEMA)]).split(b"\n")[:-1]
    data = orjson.loads(lines[0])
    assert data["text_sha256"] == text_sha256(data["text"])
    assert list(data) == [
        "doc_id",
        "annotator",
        "status",
        "time_spent_ms",
        "offset_unit",
        "text",
        "text_sha256",
        "meta",
        "spans",
        "relations",
    ]
    for item in data["spans"]:
        assert list(item) == [
            "id",
            "start",
            "end",
            "label",
            "text",
            "speaker",
            "stance",
            "target",
            "quote_type",
            "sources",
        ]
        assert all(item[key] is None or isinstance(item[key], str) for key in SCHEMA.attribute_names)


texts = (
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(max_size=5).filter(lambda t: "\x00" not in t)),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


@st.composite
def records(draw, doc_id: str = "doc"):
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=12)))
    spans, n = [], 0
    for a, b in itertools.pairwise(cuts):
        # never cut inside a CRLF: a source offset there has no place in the normalised text
        if a == b or text[a - 1 : a + 1] == "\r\n" or text[b - 1 : b + 1] == "\r\n":
            continue
        n += 1
        label = draw(st.sampled_from(["CLAIM", "SPEAKER", "CUE"]))
        attrs = {"stance": draw(st.sampled_from(["FAVOR", "AGAINST", "NONE"]))} if label == "CLAIM" else {}
        spans.append({"id": f"s{n}", "start": a, "end": b, "label": label, "text": text[a:b], **attrs})
    return {"doc_id": doc_id, "annotator": "ann", "text": text, "spans": spans}


@settings(max_examples=150, deadline=None)
@given(records())
def test_write_read_write_gives_the_same_bytes(record) -> None:
    first = _write([parse_record(record, SCHEMA)])
    again = [parse_record(orjson.loads(line), SCHEMA) for line in first.split(b"\n")[:-1]]
    assert _write(again) == first
    for item in orjson.loads(first)["spans"]:
        assert orjson.loads(first)["text"][item["start"] : item["end"]] == item["text"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records(), min_size=1, max_size=3))
def test_store_round_trip_gives_the_same_bytes(tmp_path: Path, batch) -> None:
    for i, record in enumerate(batch):
        record["doc_id"] = f"doc{i}"
    name = f"{abs(hash(orjson.dumps(batch)))}"
    with Store.open(tmp_path / f"{name}-a.db") as a, Store.open(tmp_path / f"{name}-b.db") as b:
        a.import_records([(i, parse_record(r, SCHEMA)) for i, r in enumerate(batch)], source="x")
        first = _write(a.export_records())
        b.import_records(
            [(i, parse_record(orjson.loads(x), SCHEMA)) for i, x in enumerate(first.split(b"\n")[:-1])], source="first"
        )
        assert _write(b.export_records()) == first
    assert len(first.split(b"\n")) == len(batch) + 1
