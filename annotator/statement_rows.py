"""A layer's statements as plain values, as the statements export writes them: each content span with the
positions of its first source and first cue, and counts of what no statement holds.

The Store reads these straight from its tables for a whole project (``Store.statement_records``: only the columns
a statement needs, no ``Span`` for a span no statement uses); ``statements_layer`` makes the same value from a whole
``Layer``, so that both ways give the statements export the same bytes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from annotator.model import Document, Layer, Status
from annotator.schema import StatementDef
from annotator.statement import first_cue, layer_statements


class SourceMention(NamedTuple):
    """The first source mention of a content span: its position and its canonical speaker (None without one)."""

    start: int
    end: int
    speaker: str | None


class Content(NamedTuple):
    """A content span with its first source and the position of its first cue in the text; ``cues`` counts all."""

    key: str
    start: int
    end: int
    attrs: dict[str, Any]
    source: SourceMention | None
    cue: tuple[int, int] | None
    cues: int


class StatementsLayer(NamedTuple):
    """The statements of one layer: its content spans in the layer's order (by position, then id), how many spans
    and relations the whole layer has, and what no statement holds as ``(kind, detail, count)``: source and cue
    spans no content links to (``unlinked``), other relations (``relation``), gold spans' sources (``sources``),
    the rules of spans accepted from proposals (``rule``)."""

    doc_id: str
    annotator: str
    status: Status
    time_spent_ms: int
    contents: list[Content]
    spans: int
    relations: int
    lost: tuple[tuple[str, str, int], ...]


class StatementsRecord(NamedTuple):
    """A document with the statements of one of its layers, or with none (``layer is None``)."""

    document: Document
    layer: StatementsLayer | None


def statements_layer(definition: StatementDef, layer: Layer) -> StatementsLayer:
    """The statements of a whole ``layer`` (spans in the stored order), as ``definition`` makes them."""
    built = layer_statements(definition, layer.spans, layer.relations)
    speaker = definition.speaker
    contents = []
    for span in built.contents:
        key = span.key
        sources = built.sources.get(key)
        source = None
        if sources:
            first = sources[0]
            source = SourceMention(first.start, first.end, first.attrs.get(speaker) if speaker else None)
        cues = built.cues.get(key, ())
        cue = first_cue(cues)
        position = None if cue is None else (cue.start, cue.end)
        contents.append(Content(key, span.start, span.end, span.attrs, source, position, len(cues)))
    lost: Counter[tuple[str, str]] = Counter()
    for relation in built.others:
        lost[("relation", relation.label)] += 1
    content, linked = definition.content, built.linked
    if len(built.contents) + len(linked) < len(layer.spans):  # else every span is a content or linked
        for other in layer.spans:
            if other.key not in linked and other.label != content:
                lost[("unlinked", other.label)] += 1
    if layer.is_gold:
        lost[("sources", "")] += sum(1 for s in layer.spans if s.sources)
    lost[("rule", "")] += sum(1 for s in layer.spans if s.rule is not None)
    return StatementsLayer(
        layer.doc_id,
        layer.annotator,
        layer.status,
        layer.time_spent_ms,
        contents,
        len(layer.spans),
        len(layer.relations),
        tuple((kind, detail, count) for (kind, detail), count in lost.items() if count),
    )
