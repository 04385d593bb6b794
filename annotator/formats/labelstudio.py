"""Label Studio JSON: one file with a JSON array of tasks, one task per document, one annotation per layer.

A task is ``{"id", "data": {"text", "doc_id", "title", "meta"}, "annotations": [{"id", "annotator",
"ground_truth", "lead_time", "result": [...]}]}``, numbered from 1 as Label Studio's own exports are (its converter
needs both ids). ``result`` opens with a document-level ``textarea`` named ``layer`` holding the layer's name: a
Label Studio server keeps results whole but drops an annotation's other keys and gives it the importing user. A
span is a ``labels`` region (``value``: ``start``, ``end``, ``text``, ``labels``; offsets are code points); each
attribute value is a second result with the region's ``id``: ``choices`` for a choice attribute (``stance``,
``quote_type``), ``textarea`` for the others (``speaker``, ``target``), and gold sources a ``textarea`` named
``sources``; a relation is ``{"type": "relation", "from_id", "to_id", "direction": "right", "labels"}``.
``labeling_config(schema)`` is the matching labelling interface. Label Studio has no layer status: a layer that is
not done is counted as not held.

Reading: each annotation is a layer, named by (the first that applies) our ``annotator`` key; the ``layer``
result; ``--labelstudio-as-map 1=ann_a,2=ann_b`` for its ``completed_by`` user id (or email); ``completed_by``
when it is a name, or a dictionary with an ``email`` (older exports); else the name the import was given
(``--as``), with ``-N`` added for user id N when the file has annotations by more than one user id. Cancelled
annotations, predictions, task-level choices and results of other kinds are counted as not imported. A span's
``value.text`` must equal the document's slice (Label Studio may write a newline in it as ``\\n``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

import orjson

from annotator.errors import DataError
from annotator.formats.foreign import SpanChecker, json_values, record_document
from annotator.formats.format import Format, Likeness, Option, Progress, Sidecar, streaming_reader
from annotator.formats.labelstudio_layers import LAYER, Naming, completed_by, is_layer, parse_as_map
from annotator.formats.report import FormatReport
from annotator.model import Document, Layer, LayerRecord, Relation, Span, Status
from annotator.schema import Schema

EXTENSIONS = (".json",)
FROM, TO, SOURCES = "label", "text", "sources"
_LONGEST = 10**9
"""Seconds: a lead time past this (about 30 years) is not one."""


def write_labelstudio(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one JSON array of tasks, one task a line."""
    choice = {a.name for a in schema.attributes if a.kind == "choice"}
    out.write(b"[")
    first = True
    annotations = 0
    for number, (document_, layers) in enumerate(_by_document(records, progress), start=1):
        # Label Studio's own exports number tasks and annotations; label-studio-converter needs both ids.
        task = {
            "id": number,
            "data": {
                "text": document_.text,
                "doc_id": document_.doc_id,
                "title": document_.title,
                "meta": document_.meta,
            },
            "annotations": [
                _annotation(layer, document_.text, choice, report, annotations + n)
                for n, layer in enumerate(layers, start=1)
            ],
        }
        annotations += len(layers)
        out.write(b"\n" if first else b",\n")
        out.write(orjson.dumps(task))
        first = False
    out.write(b"\n]\n")


def _by_document(
    records: Iterable[LayerRecord], progress: Callable[[int], None] | None
) -> Iterator[tuple[Document, list[Layer]]]:
    current: Document | None = None
    layers: list[Layer] = []
    for record in records:
        if record.document is not current:
            if current is not None:
                yield current, layers
            current, layers = record.document, []
        if record.layer is not None:
            layers.append(record.layer)
        if progress:
            progress(1)
    if current is not None:
        yield current, layers


def _annotation(layer: Layer, text: str, choice: set[str], report: FormatReport, number: int) -> dict[str, Any]:
    # The layer's name as a result of its own: a Label Studio server keeps results as they are, and drops the
    # annotation's other keys (``annotator``) and its ``completed_by`` (the importing user's, on import).
    result: list[dict[str, Any]] = [_result(LAYER, LAYER, "textarea", {"text": [layer.annotator]})]
    for span in layer.spans:
        where = {"start": span.start, "end": span.end}
        piece = text[span.start : span.end]
        result.append(_result(span.key, FROM, "labels", {**where, "text": piece, "labels": [span.label]}))
        for name, value in span.attrs.items():
            if name in choice:
                result.append(_result(span.key, name, "choices", {**where, "text": piece, "choices": [value]}))
            else:
                result.append(_result(span.key, name, "textarea", {**where, "text": [value]}))
        if span.sources:
            result.append(_result(span.key, SOURCES, "textarea", {**where, "text": list(span.sources)}))
        if span.rule is not None:
            report.lose("rule")
    for relation in layer.relations:
        result.append(
            {
                "from_id": relation.head,
                "to_id": relation.child,
                "type": "relation",
                "direction": "right",
                "labels": [relation.label],
            }
        )
    report.lose("status", str(layer.status), int(layer.status != Status.DONE))
    return {
        "id": number,
        "annotator": layer.annotator,
        "ground_truth": layer.is_gold,
        "lead_time": layer.time_spent_ms / 1000,
        "result": result,
    }


def _result(key: str, from_name: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": key, "from_name": from_name, "to_name": TO, "type": kind, "value": value}


def labeling_config(schema: Schema) -> str:
    """The Label Studio labelling interface (XML) for the files ``write_labelstudio`` writes."""
    lines = ["<View>", f'  <Text name="{TO}" value="$text"/>', f'  <Labels name="{FROM}" toName="{TO}">']
    lines += [
        f"    <Label value={quoteattr(label.name)} background={quoteattr(label.colour)}/>" for label in schema.labels
    ]
    lines.append("  </Labels>")
    for attribute in schema.attributes:
        when = quoteattr(",".join(attribute.labels))
        if attribute.kind == "choice":
            lines.append(f'  <Choices name="{attribute.name}" toName="{TO}" perRegion="true" whenLabelValue={when}>')
            lines += [f"    <Choice value={quoteattr(value)}/>" for value in attribute.values]
            lines.append("  </Choices>")
        else:
            lines.append(f'  <TextArea name="{attribute.name}" toName="{TO}" perRegion="true" whenLabelValue={when}/>')
    lines.append(f'  <TextArea name="{SOURCES}" toName="{TO}" perRegion="true"/>')
    lines.append(f'  <TextArea name="{LAYER}" toName="{TO}"/>')
    lines.append("  <Relations>")
    lines += [f"    <Relation value={quoteattr(relation.name)}/>" for relation in schema.relations]
    lines += ["  </Relations>", "</View>"]
    return "\n".join(lines) + "\n"


def read_labelstudio(
    data: bytes | Path,
    schema: Schema,
    *,
    source: str,
    name: str,
    layer: str,
    report: FormatReport,
    progress: Progress | None = None,
    as_map: str = "",
    **_options: str,
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of a Label Studio JSON export (an array of tasks, or one task), read a task at a time from its
    path (or its bytes).

    ``as_map`` (``1=ann_a,2=ann_b``) names the layer of the annotations ``completed_by`` each user id or email.
    """
    users_map = parse_as_map(as_map) if as_map else {}
    naming = Naming(layer, lambda: _several_users(data, source), users_map)
    for line, task in json_values(data, source, progress):
        try:
            records = _task(task, schema, f"{name}-{line}", naming, report)
        except DataError as error:
            raise error.located(source=source, line=line) from None
        for record in records:
            yield line, record


def _several_users(data: bytes | Path, source: str) -> bool:
    """Whether the annotations of the file were completed by more than one user id: read through once more, a
    task at a time, and only for a file whose annotations need it to be named (made in Label Studio)."""
    users: set[int] = set()
    for _, task in json_values(data, source):
        if isinstance(task, dict):
            users.update(by for a in _annotations(task) if type(by := completed_by(a)) is int)
            if len(users) > 1:
                return True
    return False


def _annotations(task: dict[str, Any]) -> list[Any]:
    found = task.get("annotations")
    if found is None:
        found = task.get("completions")  # the name before Label Studio 1.0
    return found if isinstance(found, list) else []


def _task(task: Any, schema: Schema, fallback_id: str, naming: Naming, report: FormatReport) -> list[LayerRecord]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise DataError("expected a task: a JSON object with a data object", hint="export the project as JSON")
    data = task["data"]
    annotations = _annotations(task)
    report.lose("prediction", "", len(task.get("predictions") or []))
    field = _text_field(data, annotations)
    checker = SpanChecker(data[field])
    known = (field, "doc_id", "title", "meta")
    doc = record_document(
        data, checker, record_id=task.get("id"), fallback_id=fallback_id, known=known, meta_name="data.meta"
    )
    records, names = [], set()
    for annotation in annotations:
        if not isinstance(annotation, dict):
            raise DataError("an annotation must be a JSON object")
        if annotation.get("was_cancelled"):
            report.lose("cancelled")
            continue
        layer_name = naming.layer(annotation)
        if layer_name in names:
            raise DataError(
                f"two annotations of document {doc.doc_id!r} go to layer {layer_name!r}",
                hint="name the layer of each completed_by user id with --labelstudio-as-map 1=ann_a,2=ann_b",
            )
        names.add(layer_name)
        spans, relations = _result_items(annotation.get("result") or [], checker, schema, report)
        time_spent = annotation.get("lead_time") or 0
        if type(time_spent) not in (int, float) or not 0 <= time_spent < _LONGEST:
            raise DataError(f"lead_time must be a number of seconds, not {time_spent!r}")
        layer = Layer(doc.doc_id, layer_name, Status.DONE, round(time_spent * 1000), spans, relations)
        records.append(LayerRecord(doc, layer))
    return records or [LayerRecord(doc, None)]


def _text_field(data: dict[str, Any], annotations: list[Any]) -> str:
    named = {
        r["to_name"]
        for a in annotations
        if isinstance(a, dict) and isinstance(a.get("result"), list)
        for r in a["result"]
        if isinstance(r, dict) and isinstance(r.get("to_name"), str)
    }
    for field in sorted(named):
        if isinstance(data.get(field), str):
            return str(field)
    if isinstance(data.get(TO), str):
        return TO
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("doc_id", "title")]
    if len(strings) == 1:
        return strings[0]
    raise DataError(
        "cannot tell which field of data holds the text", hint='name it text, as in <Text name="text" value="$text"/>'
    )


def _same(quoted: Any, piece: str) -> bool:
    return bool(quoted == piece or quoted == piece.replace("\n", "\\n"))


def _result_items(
    result: Any, checker: SpanChecker, schema: Schema, report: FormatReport
) -> tuple[tuple[Span, ...], tuple[Relation, ...]]:
    if not isinstance(result, list):
        raise DataError("result must be a JSON array")
    spans: dict[str, Span] = {}
    for item in result:
        if isinstance(item, dict) and item.get("type") == "labels":
            value = item.get("value")
            if not isinstance(value, dict) or not isinstance(value.get("labels", []), list):
                raise DataError("a labels result needs a value with a list of labels", span=str(item.get("id")))
            labels = value.get("labels") or [None]
            key = str(item.get("id") or f"s{len(spans) + 1}")
            for n, label in enumerate(labels):
                span_key = key if n == 0 else f"{key}-{n + 1}"
                spans[span_key] = checker.span(
                    span_key, value.get("start"), value.get("end"), label, quoted=value.get("text"), same=_same
                )
    relations: list[Relation] = []
    for item in result:
        if not isinstance(item, dict):
            raise DataError("each result must be a JSON object")
        kind, key, value = item.get("type"), str(item.get("id")), item.get("value") or {}
        if kind == "labels" or is_layer(item):
            continue
        if not isinstance(value, dict) or not isinstance(item.get("labels", []), list):
            raise DataError(f"a {kind} result must have a value object and a list of labels", span=key)
        if kind == "relation":
            for label in item.get("labels") or []:
                ends = (str(item.get("from_id")), str(item.get("to_id")))
                if ends[0] not in spans or ends[1] not in spans:
                    raise DataError(f"relation {ends[0]} -> {ends[1]}: not between two regions of this annotation")
                if not isinstance(label, str) or not label:
                    raise DataError(f"relation {ends[0]} -> {ends[1]}: a label must be a non-empty string")
                relations.append(Relation(f"r{len(relations) + 1}", ends[0], ends[1], label))
            if not item.get("labels"):
                report.lose("relation", "without a label")
        elif kind in ("choices", "textarea") and key in spans:
            name = item.get("from_name")
            if (name == SOURCES and kind == "textarea") or (isinstance(name, str) and schema.attribute(name)):
                _attribute(spans, key, name, kind, value)
            else:
                report.lose("attribute", str(name))  # a per-region control the project's schema does not have
        elif kind == "choices":
            report.lose("choices", str(item.get("from_name")))
        else:
            report.lose("result", str(kind))
    return tuple(spans.values()), tuple(relations)


def _attribute(spans: dict[str, Span], key: str, name: str, kind: str, value: dict[str, Any]) -> None:
    span = spans[key]
    values = value.get("choices" if kind == "choices" else "text")
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataError(f"{kind} result {name!r} must hold a list of strings", span=key)
    if name == SOURCES and kind == "textarea":
        span.sources = tuple(values)
    elif kind == "choices" and len(values) != 1:
        raise DataError(f"{name}: {len(values)} choices, a span attribute has one value", span=key)
    else:
        span.attrs[name] = "\n".join(values)


def _sniff(value: dict[str, Any]) -> Likeness:
    if not isinstance(value.get("data"), dict):
        return Likeness.NOT
    return Likeness.TASK if value.keys() & {"annotations", "predictions", "completions", "id"} else Likeness.SHAPE


CONFIG = Sidecar(
    ".config.xml", "labeling config", "Label Studio labeling config", lambda schema: labeling_config(schema).encode()
)
"""The labelling interface, written beside an export's tasks: ``NAME.config.xml`` beside ``NAME.json``."""

AS_MAP = Option(
    "as_map",
    "the layer of each completed_by user id (or email), as 1=ann_a,2=ann_b; "
    "for annotations that carry no layer name (made in Label Studio).",
    (),
    default="",
    check=parse_as_map,
    metavar="ID=LAYER,...",
)
"""``import --labelstudio-as-map 1=ann_a,2=ann_b``."""

FORMAT = Format(
    "labelstudio",
    "Label Studio tasks (JSON)",
    EXTENSIONS,
    read=streaming_reader(read_labelstudio),
    write=write_labelstudio,
    sniff=_sniff,
    read_options=(AS_MAP,),
    sidecars=(CONFIG,),
    reserved=frozenset({FROM, TO, SOURCES, LAYER}),  # the names of its labelling config's controls
)
