"""A format made for the tests, to show that adding one is a module and a line in ``annotator.formats.FORMATS``.

"marks" JSONL: ``{"marks_doc", "by", "text", "marks": [[start, end, label, id], ...]}`` a line per document and
layer (``by`` null for a document without one). It reads what it writes, is told from its ``marks`` key, takes an
option (``order``) and writes a file beside its export (``NAME.labels.txt``, the schema's labels).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import orjson

from annotator.errors import DataError
from annotator.formats import FORMATS
from annotator.formats.foreign import SpanChecker, document, json_values, text_of
from annotator.formats.format import Choice, Format, Likeness, Option, Progress, Records, Sidecar, bytes_reader
from annotator.formats.report import FormatReport
from annotator.model import Layer, LayerRecord, Span, Status
from annotator.schema import Schema


def write_marks(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Progress | None = None,
    *,
    order: str = "start",
) -> None:
    def key(span: Span) -> tuple[Any, ...]:
        return (span.start, span.end, span.label) if order == "start" else (span.label, span.start, span.end)

    for record in records:
        layer = record.layer
        spans = sorted(layer.spans, key=key) if layer is not None else []
        line = {
            "marks_doc": record.document.doc_id,
            "by": layer.annotator if layer is not None else None,
            "text": record.document.text,
            "marks": [[s.start, s.end, s.label, s.key] for s in spans],
        }
        out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        if layer is not None:
            for relation in layer.relations:
                report.lose("relation", relation.label)
            for span in spans:
                for name in span.attrs:
                    report.lose("attribute", name)
        if progress:
            progress(1)


def read_marks(
    raw: bytes, schema: Schema, *, source: str, name: str, layer: str, report: FormatReport, **_options: str
) -> Records:
    for line, data in json_values(raw, source):
        try:
            checker = SpanChecker(text_of(data.get("text")))
            doc = document(data.get("marks_doc"), checker)
            spans = tuple(checker.span(key, start, end, label) for start, end, label, key in data["marks"])
        except DataError as error:
            raise error.located(source=source, line=line) from None
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise DataError(f"not a marks line: {error!r}", source=source, line=line) from None
        by = data.get("by")
        yield line, LayerRecord(doc, Layer(doc.doc_id, by, Status.DONE, 0, spans) if by is not None else None)


def _sniff(value: dict[str, Any]) -> Likeness:
    return Likeness.LABELS if "marks" in value else Likeness.NOT


ORDER = Option(
    "order",
    "start (spans by offset) or label (by label, then offset).",
    (Choice("start", "spans by offset"), Choice("label", "by label, then offset")),
    default="start",
)
LABEL_LIST = Sidecar(
    ".labels.txt",
    "label list",
    "marks label list",
    lambda schema: "".join(f"{name}\n" for name in schema.label_names).encode(),
)

FORMAT = Format(
    "marks",
    "marks JSONL: [start, end, label, id] per span",
    (".jsonl",),
    read=bytes_reader(read_marks),
    write=write_marks,
    sniff=_sniff,
    options=(ORDER,),
    sidecars=(LABEL_LIST,),
)


@contextmanager
def registered() -> Iterator[Format]:
    """The one line that adds a format, ``FORMATS.append(FORMAT)``, for the time of a test."""
    FORMATS.append(FORMAT)
    try:
        yield FORMAT
    finally:
        FORMATS.remove(FORMAT)
