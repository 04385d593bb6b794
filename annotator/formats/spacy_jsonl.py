"""spaCy / Prodigy JSONL: one line per (document, layer) with tokens, spans and relations.

``{"text", "meta", "tokens": [{"text", "start", "end", "id", "ws"}], "spans": [{"id", "start", "end",
"token_start", "token_end", "label", "text", ...attributes}], "relations": [{"id", "head", "child", "head_span",
"child_span", "label"}], "answer": "accept"}``. Offsets are code points, ``end`` exclusive, ``token_end``
inclusive; ``head`` and ``child`` are the index of a span's last token, and ``head_span``/``child_span`` say which
span it is. Tokens come from :mod:`annotator.formats.tokens`, cut at every span boundary.

Our own keys, which Prodigy keeps as they are: ``meta.doc_id`` and ``meta.title``; ``_annotator_id`` (the layer's
annotator, ``gold`` for the gold layer, null for a document without a layer); ``_status``, ``_time_spent_ms``;
on spans, ``id``, the attribute values that are set, ``sources`` on gold spans and ``rule`` on spans accepted from
proposals. So the format holds everything.

Reading: the layer is ``_annotator_id`` where the line has one, else the name the import was given. The document
id is ``meta.doc_id``, else ``prodigy-`` and Prodigy's ``_input_hash`` (so that two annotators' answers on one text
meet on one document), else the file's name and the line. Lines whose ``answer`` is not ``accept`` are left out
(and counted). A relation names its spans by ``head_span``/``child_span`` (by ``id``, else offsets and label), else
by the span whose last token is ``head``/``child``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.errors import DataError
from annotator.formats.foreign import SpanChecker, document, json_values, text_of
from annotator.formats.format import Format, Likeness, Progress, streaming_reader
from annotator.formats.report import FormatReport
from annotator.formats.tokens import Tokenizer
from annotator.model import Layer, LayerRecord, Relation, Span, Status
from annotator.schema import Schema

EXTENSIONS = (".jsonl", ".json")


def write_spacy(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one Prodigy-style line per record."""
    tokenizer = Tokenizer()
    for record in records:
        out.write(orjson.dumps(prodigy_record(record, report, tokenizer), option=orjson.OPT_APPEND_NEWLINE))
        if progress:
            progress(1)


def prodigy_record(record: LayerRecord, report: FormatReport, tokenizer: Tokenizer | None = None) -> dict[str, Any]:
    """One record as a Prodigy task: text, meta, tokens, spans and relations."""
    document_, layer = record.document, record.layer
    spans = layer.spans if layer else ()
    tokens = (tokenizer or Tokenizer())(document_.text, spans)
    first = {t.start: i for i, t in enumerate(tokens)}
    last = {t.end: i for i, t in enumerate(tokens)}
    text = document_.text
    clashing = [key for key in document_.meta if key in ("doc_id", "title")]
    report.lose("meta", "", len(clashing))
    out_spans = []
    by_key: dict[str, dict[str, Any]] = {}
    for span in spans:
        item = {
            "id": span.key,
            "start": span.start,
            "end": span.end,
            "token_start": first[span.start],
            "token_end": last[span.end],
            "label": span.label,
            "text": text[span.start : span.end],
            **span.attrs,
        }
        if span.sources:
            item["sources"] = list(span.sources)
        if span.rule is not None:
            item["rule"] = span.rule
        out_spans.append(item)
        by_key[span.key] = item
    relations = []
    for relation in layer.relations if layer else ():
        head, child = by_key[relation.head], by_key[relation.child]
        relations.append(
            {
                "id": relation.key,
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": _span_ref(head),
                "child_span": _span_ref(child),
                "label": relation.label,
            }
        )
    meta = {"doc_id": document_.doc_id, "title": document_.title}
    meta.update((k, v) for k, v in document_.meta.items() if k not in meta)
    return {
        "text": text,
        "meta": meta,
        "_annotator_id": layer.annotator if layer else None,
        "_status": str(layer.status) if layer else None,
        "_time_spent_ms": layer.time_spent_ms if layer else None,
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": t.ws} for i, t in enumerate(tokens)],
        "spans": out_spans,
        "relations": relations,
        "answer": "accept",
    }


def _span_ref(item: dict[str, Any]) -> dict[str, Any]:
    return {key: item[key] for key in ("id", "start", "end", "token_start", "token_end", "label")}


def read_spacy(
    data: bytes | Path,
    schema: Schema,
    *,
    source: str,
    name: str,
    layer: str,
    report: FormatReport,
    progress: Progress | None = None,
    **_options: str,
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of a spaCy/Prodigy JSONL file (its path, or its bytes), read a record at a time; the first bad
    line raises a DataError naming it."""
    for line, value in json_values(data, source, progress):
        try:
            record = _record(value, schema, f"{name}-{line}", layer, report)
        except DataError as error:
            raise error.located(source=source, line=line) from None
        if record is not None:
            yield line, record


def _record(
    data: Any, schema: Schema, fallback_id: str, default_layer: str, report: FormatReport
) -> LayerRecord | None:
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object, found {type(data).__name__}")
    answer = data.get("answer", "accept")
    if answer != "accept":
        report.lose("answer", str(answer))
        return None
    checker = SpanChecker(text_of(data.get("text")))
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise DataError("meta must be a JSON object")
    doc_id = meta.get("doc_id")
    if doc_id is None:
        doc_id = f"prodigy-{data['_input_hash']}" if "_input_hash" in data else fallback_id
    rest = {k: v for k, v in meta.items() if k not in ("doc_id", "title")}
    doc = document(doc_id, checker, meta.get("title"), rest)
    annotator = data.get("_annotator_id", default_layer)
    if annotator is None:
        if data.get("spans") or data.get("relations"):
            raise DataError("_annotator_id is null but the line has spans", hint="name the annotator or drop the spans")
        return LayerRecord(doc, None)
    if not isinstance(annotator, str):
        raise DataError(f"_annotator_id must be a string, not {annotator!r}")
    spans, raw_spans = _spans(data.get("spans") or [], checker, schema)
    relations = _relations(data.get("relations") or [], raw_spans, report)
    status = data.get("_status") or Status.DONE.value
    if status not in tuple(Status):
        raise DataError(f"unknown _status {status!r}", hint="use todo, in_progress or done")
    time_spent = data.get("_time_spent_ms") or 0
    if type(time_spent) is not int or time_spent < 0:
        raise DataError(f"_time_spent_ms must be a whole number of at least 0, not {time_spent!r}")
    return LayerRecord(doc, Layer(doc.doc_id, annotator, Status(status), time_spent, spans, relations))


def _spans(items: Any, checker: SpanChecker, schema: Schema) -> tuple[tuple[Span, ...], list[dict[str, Any]]]:
    if not isinstance(items, list):
        raise DataError("spans must be a JSON array")
    spans = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise DataError(f"spans[{i}] must be a JSON object")
        key = item.get("id")
        key = f"s{i + 1}" if key is None else str(key)
        attrs = {name: item[name] for name in schema.attribute_names if item.get(name) is not None}
        sources = item.get("sources") or ()
        if not isinstance(sources, list | tuple) or not all(isinstance(s, str) for s in sources):
            raise DataError("sources must be a list of annotator names", span=key)
        rule = item.get("rule")
        if rule is not None and (not isinstance(rule, str) or not rule):
            raise DataError(f"rule must be a non-empty string or null, not {rule!r}", span=key)
        spans.append(
            checker.span(
                key,
                item.get("start"),
                item.get("end"),
                item.get("label"),
                attrs,
                quoted=item.get("text"),
                sources=tuple(sources),
                rule=rule,
            )
        )
    return tuple(spans), items


def _relations(items: Any, raw_spans: list[dict[str, Any]], report: FormatReport) -> tuple[Relation, ...]:
    if not isinstance(items, list):
        raise DataError("relations must be a JSON array")
    keys = [str(s["id"]) if s.get("id") is not None else f"s{i + 1}" for i, s in enumerate(raw_spans)]
    by_id = dict.fromkeys(keys)
    relations = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise DataError(f"relations[{i}] must be a JSON object")
        key = str(item["id"]) if item.get("id") is not None else f"r{i + 1}"
        label = item.get("label")
        if not isinstance(label, str) or not label:
            raise DataError(f"relation {key}: the label must be a non-empty string")
        ends = []
        for end in ("head", "child"):
            found = _find(item, end, raw_spans, keys, by_id)
            if found is None:
                break
            ends.append(found)
        if len(ends) < 2:
            # A relation between tokens that no span covers (Prodigy allows it): nothing to link here.
            report.lose("relation", label)
            continue
        relations.append(Relation(key, ends[0], ends[1], label))
    return tuple(relations)


def _find(
    item: dict[str, Any], end: str, raw_spans: list[dict[str, Any]], keys: list[str], by_id: dict[str, None]
) -> str | None:
    ref = item.get(f"{end}_span")
    if isinstance(ref, dict):
        if ref.get("id") is not None and str(ref["id"]) in by_id:
            return str(ref["id"])
        for key, span in zip(keys, raw_spans, strict=True):
            if (span.get("start"), span.get("end"), span.get("label")) == (
                ref.get("start"),
                ref.get("end"),
                ref.get("label"),
            ):
                return key
        if ref.get("label") is None:
            return None
        raise DataError(
            f"relation {item.get('label')}: its {end}_span [{ref.get('start')}, {ref.get('end')}) is not a span"
        )
    token = item.get(end)
    matches = [key for key, span in zip(keys, raw_spans, strict=True) if span.get("token_end") == token]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return None
    raise DataError(
        f"relation {item.get('label')}: {len(matches)} spans end on its {end} token {token}",
        hint=f"give the relation a {end}_span",
    )


_PRODIGY_KEYS = frozenset({"tokens", "_input_hash", "_annotator_id", "answer"})


def _sniff(value: dict[str, Any]) -> Likeness:
    if value.keys() & _PRODIGY_KEYS:
        return Likeness.KEYS
    return Likeness.SHAPE if "spans" in value and "text" in value else Likeness.NOT


FORMAT = Format(
    "spacy",
    "spaCy/Prodigy JSONL with tokens, spans, relations",
    EXTENSIONS,
    read=streaming_reader(read_spacy),
    write=write_spacy,
    sniff=_sniff,
    reserved=frozenset({"id", "start", "end", "token_start", "token_end", "label", "text", "sources", "rule"}),
)
