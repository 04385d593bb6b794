"""Statements JSONL: one row per CLAIM, the training rows for stance and attribution models.

Each row has every key below, each keeping one type (null where there is no value), so that Hugging Face
``datasets`` and pyarrow load the file without a hand-written schema:

- ``doc_id``, ``annotator`` (the layer: an annotator's name or ``gold``), ``status``;
- ``claim_id``, ``start``, ``end`` (code points of the document's text, end exclusive) and ``text``: the claim;
- ``context`` with ``context_start`` and ``context_end``: the paragraph (the line) the claim is in, or the lines
  it spans;
- ``speaker`` (the canonical name) and ``speaker_mention`` with ``speaker_start``/``speaker_end``: the SPEAKER
  span the claim is ATTRIBUTED_TO;
- ``cue`` with ``cue_start``/``cue_end``: the claim's first cue (HAS_CUE), by position;
- the CLAIM attributes of the schema (``stance``, ``target``, ``quote_type``).

Rows name their document by ``doc_id``, so titles and meta are not repeated. A statement cannot hold SPEAKER and
CUE spans that no claim links to, a claim's cues past the first, other relations, gold sources and time spent:
the report counts them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from annotator.formats.format import Format, Likeness
from annotator.formats.report import FormatReport
from annotator.model import LayerRecord, Span
from annotator.schema import Schema

CLAIM, SPEAKER, CUE = "CLAIM", "SPEAKER", "CUE"
ATTRIBUTED_TO, HAS_CUE = "ATTRIBUTED_TO", "HAS_CUE"
_DUMPS_OPTION = orjson.OPT_APPEND_NEWLINE


def write_statements(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one row per CLAIM span of each record's layer."""
    names = tuple(a.name for a in schema.attributes_for(CLAIM) if a.name != "speaker")
    lost: Counter[tuple[str, str]] = Counter()
    dumps, write, option = orjson.dumps, out.write, _DUMPS_OPTION
    for record in records:
        layer = record.layer
        if progress:
            progress(1)
        if layer is None:
            continue
        text = record.document.text
        length = len(text)
        spans = {span.key: span for span in layer.spans}
        speaker_of: dict[str, Span] = {}
        cues_of: dict[str, list[Span]] = {}
        linked: set[str] = set()
        for relation in layer.relations:
            if relation.label == ATTRIBUTED_TO:
                speaker_of[relation.head] = spans[relation.child]
                linked.add(relation.child)
            elif relation.label == HAS_CUE:
                cues_of.setdefault(relation.head, []).append(spans[relation.child])
                linked.add(relation.child)
            else:
                lost[("relation", relation.label)] += 1
        doc_id, annotator, status = layer.doc_id, layer.annotator, str(layer.status)
        rows = []
        claims = [span for span in layer.spans if span.label == CLAIM]
        if len(claims) < len(spans):
            lost.update(("unlinked", s.label) for s in layer.spans if s.label != CLAIM and s.key not in linked)
        sourced = sum(1 for s in layer.spans if s.sources)
        if sourced:
            lost[("sources", "")] += sourced
        for span in claims:
            key = span.key
            start, end = span.start, span.end
            context_start = text.rfind("\n", 0, start) + 1
            context_end = text.find("\n", end)
            if context_end < 0:
                context_end = length
            speaker = speaker_of.get(key)
            if speaker is None:
                speaker_name = mention = speaker_start = speaker_end = None
            else:
                speaker_start, speaker_end = speaker.start, speaker.end
                speaker_name, mention = speaker.attrs.get("speaker"), text[speaker_start:speaker_end]
            cues = cues_of.get(key)
            if cues is None:
                cue = cue_start = cue_end = None
            else:
                first = cues[0] if len(cues) == 1 else min(cues, key=_position)
                if len(cues) > 1:
                    lost[("cue", "")] += len(cues) - 1
                cue_start, cue_end = first.start, first.end
                cue = text[cue_start:cue_end]
            row: dict[str, Any] = {
                "doc_id": doc_id,
                "annotator": annotator,
                "status": status,
                "claim_id": key,
                "start": start,
                "end": end,
                "text": text[start:end],
                "context": text[context_start:context_end],
                "context_start": context_start,
                "context_end": context_end,
                "speaker": speaker_name,
                "speaker_mention": mention,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "cue": cue,
                "cue_start": cue_start,
                "cue_end": cue_end,
            }
            attrs = span.attrs
            for name in names:
                row[name] = attrs.get(name)
            rows.append(dumps(row, option=option))
        write(b"".join(rows))
        if layer.time_spent_ms:
            lost[("time", "")] += 1
    for (kind, detail), count in lost.items():
        report.lose(kind, detail, count)


def _position(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _sniff(value: dict[str, Any]) -> Likeness:
    # Told, so that importing one says it is an export only.
    return Likeness.LABELS if "claim_id" in value and "context" in value else Likeness.NOT


FORMAT = Format(
    "statements", "one JSONL row per CLAIM with its context", (".jsonl",), write=write_statements, sniff=_sniff
)
