"""Native JSONL: one line per (document, layer), lossless. FORMATS.md ("Native JSONL") describes it.

Offsets are code points of the stored text, end exclusive. Every span carries its text and every attribute key
of the schema (null where it does not apply), so that columnar loaders read the file without a schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from annotator.errors import DataError
from annotator.formats.format import Format, Likeness, Progress, Records
from annotator.formats.report import FormatReport
from annotator.model import Document, Layer, LayerRecord, Relation, Span, Status, text_sha256
from annotator.schema import Schema
from annotator.text import NewlineRemap, Utf16Index
from annotator.values import JSON_DEPTH_MAX, check_text

EXTENSIONS = (".jsonl", ".ndjson")
OFFSET_UNITS = ("codepoint", "utf16")
RECORD_KEYS = (
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
)
"""The keys of a record, in the order ``write_native`` writes them."""
_RECORD_KEYS = frozenset(RECORD_KEYS)
_SPAN_KEYS = frozenset({"id", "start", "end", "label", "text", "sources", "rule"})
_RELATION_KEYS = frozenset({"id", "head", "child", "label"})


def write_native(
    records: Iterable[LayerRecord], out: IO[bytes], schema: Schema, progress: Callable[[int], None] | None = None
) -> int:
    """Write ``records`` as native JSONL lines; returns the number of lines."""
    nulls = dict.fromkeys(schema.attribute_names)
    count = 0
    document: Document | None = None
    head: dict[str, Any] = {}
    for record in records:
        if record.document is not document:
            document = record.document
            meta = {"title": document.title} | dict(sorted(document.meta.items()))
            head = {"text": document.text, "text_sha256": document.sha256, "meta": meta}
        layer, text = record.layer, document.text
        line = {
            "doc_id": document.doc_id,
            "annotator": layer.annotator if layer else None,
            "status": str(layer.status) if layer else None,
            "time_spent_ms": layer.time_spent_ms if layer else None,
            "offset_unit": "codepoint",
            **head,
            "spans": [_span_out(s, text, nulls) for s in (layer.spans if layer else ())],
            "relations": [
                {"id": r.key, "head": r.head, "child": r.child, "label": r.label}
                for r in (layer.relations if layer else ())
            ],
        }
        out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        count += 1
        if progress:
            progress(1)
    return count


def _span_out(span: Span, text: str, nulls: dict[str, None]) -> dict[str, Any]:
    # Every attribute key in the schema's order, then the span's values in their places (the Store holds only
    # attributes of the schema, so no other key can appear). ``rule`` only on a span accepted from a proposal: files
    # of projects that never used proposals stay as they were.
    out = {
        "id": span.key,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": text[span.start : span.end],
        **nulls,
        **span.attrs,
        "sources": list(span.sources),
    }
    if span.rule is not None:
        out["rule"] = span.rule
    return out


def read_native(
    stream: IO[bytes], schema: Schema, *, source: str, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[int | None, LayerRecord]]:
    """Parse native JSONL from a binary stream, line by line; the first bad line raises a located DataError."""
    for number, raw in enumerate(stream, start=1):
        if progress:
            progress(len(raw))
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            yield number, parse_record(_loads(raw), schema)
        except orjson.JSONDecodeError as error:
            raise DataError(
                f"not valid JSON ({error.msg})",
                source=source,
                line=number,
                column=_column(raw, error.pos),
                hint="each line must be one JSON object",
            ) from None
        except DataError as error:
            raise error.located(source=source, line=number) from None


def _column(raw: bytes, position: int) -> int:
    """The column (from 1) of an error at character ``position`` of a line read with its line break: one past the
    line's last character at most (orjson counts "unexpected end of data" after the break, on a line of its own)."""
    return min(position, len(raw.rstrip(b"\r\n").decode("utf-8", "replace"))) + 1


def parse_record(data: Any, schema: Schema) -> LayerRecord:
    """One native record (a parsed JSON object) as a document with its layer; checks offsets and texts."""
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object, found {type(data).__name__}")
    _no_unknown(data, _RECORD_KEYS, "record")
    doc_id = _string(data.get("doc_id"), "doc_id")
    raw_text = _string(data.get("text"), "text")
    remap = NewlineRemap(raw_text)
    text = remap.text
    given_sha = data.get("text_sha256")
    if given_sha is not None and given_sha not in (text_sha256(text), text_sha256(raw_text)):
        raise DataError("text_sha256 does not match the text", hint="the text was changed after it was exported")
    meta = data.get("meta")
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        raise DataError("meta must be a JSON object")
    title = meta.get("title")
    title = text.split("\n", 1)[0].strip() if title is None else _string(title, "meta.title", empty=True)
    # The id is looked up in the database before the import checks the document (annotator.checks) where it stores it.
    document = Document(
        check_text(doc_id, "the document id"), text, title, {k: v for k, v in meta.items() if k != "title"}
    )
    annotator = data.get("annotator")
    if annotator is None:
        if data.get("spans") or data.get("relations"):
            raise DataError('spans need a layer: give the record an annotator (or "gold")')
        return LayerRecord(document, None)
    unit = data.get("offset_unit", "codepoint")
    if unit not in OFFSET_UNITS:
        raise DataError(f"unknown offset_unit {unit!r}", hint="use codepoint or utf16")
    convert = _converter(raw_text, unit)
    allowed = _SPAN_KEYS | frozenset(schema.attribute_names)
    spans = tuple(
        _span(item, i, raw_text, convert, remap, schema, allowed) for i, item in enumerate(_list(data, "spans"))
    )
    relations = tuple(_relation(item, i) for i, item in enumerate(_list(data, "relations")))
    status = data.get("status", Status.DONE.value)
    if status not in tuple(Status):
        raise DataError(f"unknown status {status!r}", hint="use todo, in_progress or done")
    time_spent = data.get("time_spent_ms", 0)
    if not _is_int(time_spent) or time_spent < 0:
        raise DataError(f"time_spent_ms must be a whole number of at least 0, not {time_spent!r}")
    name = _string(annotator, "annotator")
    return LayerRecord(document, Layer(doc_id, name, Status(status), time_spent, spans, relations))


def _converter(raw_text: str, unit: str) -> Callable[[int], int]:
    if unit == "codepoint":
        return lambda offset: offset
    index = Utf16Index(raw_text)

    def to_codepoint(offset: int) -> int:
        try:
            return index.to_codepoint(offset)
        except ValueError as error:
            raise DataError(f"UTF-16 offset {offset}: {error}") from None

    return to_codepoint


def _span(
    item: Any,
    i: int,
    raw_text: str,
    convert: Callable[[int], int],
    remap: NewlineRemap,
    schema: Schema,
    allowed: frozenset[str],
) -> Span:
    # The hot path of an import: messages are built only when something is wrong.
    key = _item_key(item, i, "spans", "s", allowed)
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int:
        raise DataError("start and end must be whole numbers", span=key)
    given = (start, end)
    start, end = convert(start), convert(end)
    if not 0 <= start < end <= len(raw_text):
        raise DataError(
            f"offsets outside the text (0 <= start < end <= {len(raw_text)})",
            span=f"{key} [{given[0]}, {given[1]})",
            hint="check the offset unit (code points, end exclusive)",
        )
    quoted = item.get("text")
    if quoted is not None and quoted != raw_text[start:end]:
        raise DataError(
            f"its text {_clip(str(quoted))!r} differs from the document's {_clip(raw_text[start:end])!r}",
            span=f"{key} [{given[0]}, {given[1]})",
            hint="fix the offsets or the span's text",
        )
    label = item.get("label")
    if type(label) is not str or not label:
        _string(label, "label")
    attrs = {}
    for name in schema.attribute_names:
        value = item.get(name)
        if value is not None:
            attrs[name] = value
    sources = item.get("sources")
    if sources:
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise DataError("sources must be a list of annotator names", span=key)
        sources = tuple(sources)
    elif sources is not None and sources != []:
        raise DataError("sources must be a list of annotator names", span=key)
    else:
        sources = ()
    rule = item.get("rule")
    if rule is not None and (type(rule) is not str or not rule):
        raise DataError(f"rule must be a non-empty string or null, not {_clip(repr(rule))}", span=key)
    if not remap.identity:
        start, end = remap.offset(start), remap.offset(end)
    return Span(key, start, end, label, attrs, sources, rule)


def _relation(item: Any, i: int) -> Relation:
    key = _item_key(item, i, "relations", "r", _RELATION_KEYS)
    return Relation(
        key,
        _string(item.get("head"), f"relation {key}: head"),
        _string(item.get("child"), f"relation {key}: child"),
        _string(item.get("label"), "label"),
    )


def _item_key(item: Any, i: int, what: str, prefix: str, allowed: frozenset[str]) -> str:
    """The id of item ``i`` of a record's spans or relations (made up where it has none), after checking its keys."""
    if not isinstance(item, dict):
        raise DataError(f"{what}[{i}] must be a JSON object")
    key = item.get("id")
    key = f"{prefix}{i + 1}" if key is None else _string(key, f"{what}[{i}].id")
    if not item.keys() <= allowed:
        _no_unknown(item, allowed, f"{what[:-1]} {key}")
    return key


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{key} must be a JSON array")
    return value


def _string(value: Any, what: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise DataError(f"{what} must be a non-empty string, not {_clip(repr(value))}")
    return value


def _loads(raw: bytes) -> Any:
    """One line's JSON value, with integers past 64 bits kept as integers (and so refused by the checks).

    orjson reads such an integer as a float, which would be stored as another number than the file's; the few
    lines with a float that large are read again by the standard library, which keeps integers whole.
    """
    data = orjson.loads(raw)
    if isinstance(data, dict) and _has_huge_float(data.get("meta")):
        return json.loads(raw)
    return data


def _has_huge_float(value: Any, depth: int = 0) -> bool:
    if isinstance(value, float):
        return abs(value) >= 2**63
    if depth > JSON_DEPTH_MAX:
        return False  # refused as too deep anyway
    if isinstance(value, dict):
        return any(_has_huge_float(item, depth + 1) for item in value.values())
    if isinstance(value, list):
        return any(_has_huge_float(item, depth + 1) for item in value)
    return False


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _no_unknown(data: dict[str, Any], allowed: set[str] | frozenset[str], what: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DataError(f"{what}: unknown key {unknown[0]!r}", hint="attributes must be declared in the schema")


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _write(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Progress | None = None,
) -> None:
    write_native(records, out, schema, progress)


def _read(
    path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **_options: str
) -> Records:
    with path.open("rb") as stream:
        yield from read_native(stream, schema, source=str(path), progress=progress)


def _sniff(value: dict[str, Any]) -> Likeness:
    return Likeness.SHAPE if "doc_id" in value and "text" in value else Likeness.NOT


FORMAT = Format(
    "native",
    "native JSONL: lossless, offsets in code points",
    EXTENSIONS,
    read=_read,
    write=_write,
    sniff=_sniff,
    reserved=_SPAN_KEYS | _RELATION_KEYS | _RECORD_KEYS,
)
