"""An adversarial corpus for the writers and readers: emoji, flags, ZWJ sequences, combining marks, Arabic, CJK,
CRLF and CR sources, U+2028, NBSP, overlapping and nested spans, spans over line breaks, every layer kind."""

from __future__ import annotations

import pytest

from annotator.formats.native import parse_record
from annotator.model import LayerRecord
from annotator.schema import default_schema
from samples import FAMILY, FLAG_AZ, THUMB_MEDIUM, span, tricky_record

SCHEMA = default_schema()

SECOND_TEXT = (
    f"{THUMB_MEDIUM}{FLAG_AZ} Breaking\r\n\r\n"
    "\u0301 Minister Ceyhun Bayramov stressed: “Peace\u00a0is near”, according to him.\r\n"
    f"قال الرئيس إن السلام قريب {FAMILY}\tand  “the talks 🇺🇸 will go on”, the deputy added."
)


def second_record(annotator: str = "ann_01", status: str = "done") -> dict:
    text = SECOND_TEXT
    return {
        "doc_id": "second/δεύτερο 2",
        "annotator": annotator,
        "status": status,
        "time_spent_ms": 0,
        "text": text,
        "meta": {"title": "Breaking", "source": "wire"},
        "spans": [
            span(text, "s1", "Minister Ceyhun Bayramov", "SPEAKER", speaker="Ceyhun Bayramov"),
            span(text, "s2", "Ceyhun Bayramov", "SPEAKER", speaker="Ceyhun Bayramov"),
            span(text, "s3", "stressed", "CUE"),
            span(text, "s4", "“Peace\u00a0is near”", "CLAIM", stance="FAVOR", target="Peace in the South Caucasus"),
            span(text, "s5", "Peace\u00a0is", "CLAIM", stance="NONE", quote_type="mixed"),
            span(text, "s6", "according to", "CUE"),
            span(text, "s7", "قال الرئيس", "CUE"),
            span(text, "s8", f"السلام قريب {FAMILY}\tand  “the talks 🇺🇸", "CLAIM", stance="AGAINST"),
            span(text, "s9", "the deputy", "SPEAKER"),
            span(text, "s10", f"{THUMB_MEDIUM}{FLAG_AZ}", "CLAIM"),
            span(text, "s11", "Breaking\r\n\r\n\u0301 Minister", "CLAIM", quote_type="indirect"),
        ],
        "relations": [
            {"id": "r1", "head": "s4", "child": "s1", "label": "ATTRIBUTED_TO"},
            {"id": "r2", "head": "s4", "child": "s3", "label": "HAS_CUE"},
            {"id": "r3", "head": "s4", "child": "s6", "label": "HAS_CUE"},
            {"id": "r4", "head": "s8", "child": "s9", "label": "ATTRIBUTED_TO"},
            {"id": "r5", "head": "s8", "child": "s7", "label": "HAS_CUE"},
        ],
    }


def adversarial_records() -> list[LayerRecord]:
    """Records as an export gives them: each document once, its layers gold first, then by annotator."""
    gold = tricky_record("gold")
    for item in gold["spans"]:
        item["sources"] = ["ann_01", "ann_02"]
    accepted = second_record("ann_02")  # two of its spans accepted from proposals
    accepted["spans"][0]["rule"] = "source: a name with a title"
    accepted["spans"][2]["rule"] = "cue: reporting verb 'stressed'"
    raw = [
        gold,
        tricky_record("ann_01"),
        tricky_record("ann_02", status="in_progress"),
        second_record("ann_01"),
        accepted,
    ]
    records = [parse_record(r, SCHEMA) for r in raw]
    # One document object per document, as the Store gives them.
    by_id = {}
    result = []
    for record in records:
        document = by_id.setdefault(record.document.doc_id, record.document)
        result.append(LayerRecord(document, record.layer))
    return result


@pytest.fixture
def corpus() -> list[LayerRecord]:
    return adversarial_records()


@pytest.fixture
def schema():
    return SCHEMA
