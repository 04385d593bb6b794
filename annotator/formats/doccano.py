"""doccano JSONL, in its two forms: sequence labelling (``label``) and relation extraction (``entities``).

- ``{"text", "label": [[start, end, "LABEL"], ...]}`` (older files say ``labels``);
- ``{"text", "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id",
  "to_id", "type"}]}``.

Offsets are UTF-16 code units, as doccano's browser counts them (doccano issue #2290), or on request
(``--doccano-offsets grapheme``) grapheme clusters, as a project with "Count grapheme clusters as one character"
counts them; a span edge inside a cluster is widened to the whole cluster, and counted. With doccano 1.8's default
settings a file loses its overlapping spans in silence and its relations, so the export's report names the settings
that read it (``settings``). doccano has no span
attributes: each label's first choice attribute (``stance`` for CLAIM in the default schema) is folded into the
label, ``CLAIM:FAVOR``, and unfolded on import; the other attributes and gold sources cannot be held. The label
form holds no relations. doccano keeps a record's other keys as metadata; we write ``doc_id``, ``title``,
``annotator`` and ``meta`` there, and read them back. Records without ``annotator`` go to the layer the import
was given (``--as``); without ``doc_id`` the id is doccano's ``id``, else the file's name and the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.errors import DataError
from annotator.formats.foreign import GraphemeIndex, SpanChecker, json_values, record_document, text_of
from annotator.formats.format import Choice, Format, Likeness, Option, Progress, streaming_reader
from annotator.formats.report import FormatReport
from annotator.model import Layer, LayerRecord, Relation, Span, Status
from annotator.schema import Schema
from annotator.text import Utf16Index

EXTENSIONS = (".jsonl", ".json")
FORM = Option(
    "form",
    "label ([start, end, label]) or relations (entities and relations); auto: relations when the schema has relations.",
    (
        Choice("auto", "with relations when the schema has relations"),
        Choice("label", "[start, end, label] only"),
        Choice("relations", "entities and relations"),
    ),
    default="auto",
)
"""Which of its two forms a doccano export is in (``--doccano-form``)."""
FORMS = FORM.values
OFFSETS = Option(
    "offsets",
    "utf16 (doccano's default) or grapheme: grapheme clusters, for a project that counts them as one character.",
    (
        Choice("utf16", "UTF-16 code units, as doccano counts by default"),
        Choice("grapheme", "grapheme clusters, for a project with “Count grapheme clusters as one character” on"),
    ),
    default="utf16",
)
"""How a doccano export counts offsets (``--doccano-offsets``)."""
SEPARATOR = ":"
_KNOWN_KEYS = frozenset(
    {"id", "text", "label", "labels", "entities", "relations", "doc_id", "title", "annotator", "meta"}
)


def folded(schema: Schema) -> dict[str, str]:
    """The attribute folded into each label's name: the label's first choice attribute."""
    result: dict[str, str] = {}
    for attribute in schema.attributes:
        if attribute.kind == "choice":
            for label in attribute.labels:
                result.setdefault(label, attribute.name)
    return result


def write_doccano(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
    *,
    form: str = "auto",
    offsets: str = "utf16",
) -> None:
    """Write doccano JSONL; ``auto`` is the relation form when the schema has relations, else the label form.

    Offsets count UTF-16 code units, or grapheme clusters (``offsets="grapheme"``). The report says which doccano
    project settings read the file as written.
    """
    if form not in FORMS:
        raise DataError(f"unknown doccano form {form!r}", hint=f"use {', '.join(FORMS)}")
    if offsets not in OFFSETS.values:
        raise DataError(f"unknown doccano offsets {offsets!r}", hint=f"use {', '.join(OFFSETS.values)}")
    relational = form == "relations" or (form == "auto" and bool(schema.relations))
    fold = folded(schema)
    overlapping = 0
    for record in records:
        document_, layer = record.document, record.layer
        text = document_.text
        index: Utf16Index | GraphemeIndex = GraphemeIndex(text) if offsets == "grapheme" else Utf16Index(text)
        line: dict[str, Any] = {"text": text}
        spans = layer.spans if layer else ()
        labels = []
        for span in spans:
            label = span.label
            for name, value in span.attrs.items():
                if fold.get(span.label) == name:
                    label = f"{label}{SEPARATOR}{value}"
                else:
                    report.lose("attribute", name)
            if span.sources:
                report.lose("sources")
            if span.rule is not None:
                report.lose("rule")
            if isinstance(index, GraphemeIndex):
                where = index.span(span.start, span.end)
                if index.widened:
                    report.lose("grapheme", span.label)
            else:
                where = index.to_utf16(span.start), index.to_utf16(span.end)
            labels.append((*where, label))
        overlapping += _overlapping(labels)
        relations = layer.relations if layer else ()
        if relational:
            numbers = {span.key: n for n, span in enumerate(spans, start=1)}
            line["entities"] = [
                {"id": numbers[span.key], "label": label, "start_offset": start, "end_offset": end}
                for span, (start, end, label) in zip(spans, labels, strict=True)
            ]
            line["relations"] = [
                {"id": n, "from_id": numbers[r.head], "to_id": numbers[r.child], "type": r.label}
                for n, r in enumerate(relations, start=1)
            ]
        else:
            line["label"] = [list(item) for item in labels]
            for relation in relations:
                report.lose("relation", relation.label)
        line.update(
            doc_id=document_.doc_id,
            title=document_.title,
            annotator=layer.annotator if layer else None,
            meta=document_.meta,
        )
        if layer:
            report.lose("status", str(layer.status), int(layer.status != Status.DONE))
            report.lose("time", "", int(layer.time_spent_ms > 0))
        out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        if progress:
            progress(1)
    report.note(settings(relational, offsets, overlapping))


def settings(relational: bool, offsets: str, overlapping: int) -> str:
    """The doccano 1.8 settings that read an export as written. With the defaults doccano drops overlapping spans
    in silence, cannot read the relation form, guesses the encoding (wrongly, for some non-ASCII files) and, in
    grapheme mode, reads UTF-16 offsets as grapheme counts."""
    grapheme = "on" if offsets == "grapheme" else "off"
    why = f" ({overlapping} span(s) overlap another; doccano drops them without it)" if overlapping else ""
    form, relations = ("“JSONL(Relation)”", ", “Use relation labeling” on") if relational else ("“JSONL”", "")
    return (
        f"to load it, import it as {form} with Encoding utf_8 (not Auto) into a doccano sequence labeling project "
        f"with “Allow overlapping spans” on{why}{relations} and “Count grapheme clusters as one character” {grapheme}"
    )


def _overlapping(labels: list[tuple[int, int, str]]) -> int:
    """The spans doccano drops from a layer when overlapping spans are not allowed (its ``Spans.clean`` keeps a
    span only when it starts at or after the end of the last span kept, in order of start)."""
    dropped, last_end = 0, -1
    for start, end, _ in sorted(labels):
        if start >= last_end:
            last_end = end
        else:
            dropped += 1
    return dropped


def read_doccano(
    data: bytes | Path,
    schema: Schema,
    *,
    source: str,
    name: str,
    layer: str,
    report: FormatReport,
    progress: Progress | None = None,
    offsets: str = "utf16",
    **_options: str,
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of a doccano JSONL file (either form; also one JSON object or array of them), read a record
    at a time from its path (or its bytes); ``offsets`` is how the file counts them, ``utf16`` or ``grapheme``."""
    unfold = {label: (attribute, schema.attribute(attribute)) for label, attribute in folded(schema).items()}
    for line, value in json_values(data, source, progress):
        try:
            yield line, _record(value, unfold, f"{name}-{line}", layer, offsets)
        except DataError as error:
            raise error.located(source=source, line=line) from None


def _record(data: Any, unfold: dict[str, Any], fallback_id: str, default_layer: str, offsets: str) -> LayerRecord:
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object, found {type(data).__name__}")
    checker = SpanChecker(text_of(data.get("text")), unit=offsets)
    doc = record_document(data, checker, record_id=data.get("id"), fallback_id=fallback_id, known=_KNOWN_KEYS)
    annotator = data.get("annotator", default_layer)
    has_spans = data.get("entities") or data.get("label") or data.get("labels")
    if annotator is None:
        if has_spans:
            raise DataError("annotator is null but the record has spans", hint="name the annotator or drop the spans")
        return LayerRecord(doc, None)
    if not isinstance(annotator, str):
        raise DataError(f"annotator must be a string, not {annotator!r}")
    if "entities" in data:
        spans, relations = _entities(data, checker, unfold)
    else:
        spans, relations = _labels(data, checker, unfold), ()
    return LayerRecord(doc, Layer(doc.doc_id, annotator, Status.DONE, 0, spans, relations))


def _labels(data: dict[str, Any], checker: SpanChecker, unfold: dict[str, Any]) -> tuple[Span, ...]:
    items = data.get("label", data.get("labels")) or []
    if not isinstance(items, list):
        raise DataError("label must be a JSON array of [start, end, label]")
    spans = []
    for i, item in enumerate(items):
        if not isinstance(item, list) or len(item) != 3:
            raise DataError(
                f"label[{i}] is {item!r}, not [start, end, label]",
                hint="a text-classification file has no spans: it cannot be imported",
            )
        label, attrs = _unfolded(item[2], unfold)
        spans.append(checker.span(f"s{i + 1}", item[0], item[1], label, attrs))
    return tuple(spans)


def _entities(
    data: dict[str, Any], checker: SpanChecker, unfold: dict[str, Any]
) -> tuple[tuple[Span, ...], tuple[Relation, ...]]:
    entities, links = data.get("entities") or [], data.get("relations") or []
    if not isinstance(entities, list) or not isinstance(links, list):
        raise DataError("entities and relations must be JSON arrays")
    spans, keys = [], {}
    for i, item in enumerate(entities):
        if not isinstance(item, dict):
            raise DataError(f"entities[{i}] must be a JSON object")
        number = item.get("id", i + 1)
        if type(number) not in (int, str):
            raise DataError(f"entities[{i}]: the id must be a number or a string, not {number!r}")
        key = f"s{number}"
        if number in keys:
            raise DataError(f"entities[{i}]: duplicate id {number!r}")
        keys[number] = key
        label, attrs = _unfolded(item.get("label"), unfold)
        spans.append(checker.span(key, item.get("start_offset"), item.get("end_offset"), label, attrs))
    relations = []
    for i, item in enumerate(links):
        if not isinstance(item, dict):
            raise DataError(f"relations[{i}] must be a JSON object")
        number = item.get("id", i + 1)
        ends = []
        for end in ("from_id", "to_id"):
            if type(item.get(end)) not in (int, str) or item[end] not in keys:
                raise DataError(f"relation {number}: its {end} {item.get(end)!r} is not an entity of this record")
            ends.append(keys[item[end]])
        label = item.get("type")
        if not isinstance(label, str) or not label:
            raise DataError(f"relation {number}: type must be a non-empty string")
        relations.append(Relation(f"r{number}", ends[0], ends[1], label))
    return tuple(spans), tuple(relations)


def _unfolded(label: Any, unfold: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """``CLAIM:FAVOR`` as (``CLAIM``, {"stance": "FAVOR"}) where the schema folds stance into CLAIM."""
    if isinstance(label, str) and SEPARATOR in label:
        base, value = label.rsplit(SEPARATOR, 1)
        if base in unfold:
            name, attribute = unfold[base]
            if attribute is not None and value in attribute.values:
                return base, {name: value}
    return label, {}


def _sniff(value: dict[str, Any]) -> Likeness:
    return Likeness.LABELS if value.keys() & {"entities", "label", "labels"} else Likeness.NOT


FORMAT = Format(
    "doccano",
    "doccano JSONL, UTF-16 offsets, stance in the label",
    EXTENSIONS,
    read=streaming_reader(read_doccano),
    write=write_doccano,
    sniff=_sniff,
    options=(FORM, OFFSETS),
    read_options=(OFFSETS,),
)
