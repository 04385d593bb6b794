"""Statements JSONL: one row per statement (per CLAIM in the default schema), the training rows for stance and
attribution models. What a statement is comes from the schema (``annotator.statement``).

Each row has every key below, each keeping one type (null where there is no value), so that Hugging Face
``datasets`` and pyarrow load the file without a hand-written schema; the keys are the same whatever the schema
calls the parts of a statement:

- ``doc_id``, ``annotator`` (the layer: an annotator's name or ``gold``), ``status``;
- ``claim_id``, ``start``, ``end`` (code points of the document's text, end exclusive) and ``text``: the content;
- ``context`` with ``context_start`` and ``context_end``: the paragraph (the line) the content is in, or the lines
  it spans;
- ``speaker`` (the canonical name) and ``speaker_mention`` with ``speaker_start``/``speaker_end``: the source
  mention the content is attributed to;
- ``cue`` with ``cue_start``/``cue_end``: the content's first cue, by position;
- ``stance``, ``target``, ``quote_type``; then the content label's other attributes, by their names.

Rows name their document by ``doc_id``, so titles and meta are not repeated. A statement cannot hold source and
cue spans that no content links to, a content's cues past the first, other relations, gold sources and time
spent: the report counts them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from annotator.formats.format import Format, Likeness
from annotator.formats.report import FormatReport
from annotator.model import LayerRecord
from annotator.schema import Schema
from annotator.statement_rows import StatementsRecord, statements_layer

_DUMPS_OPTION = orjson.OPT_APPEND_NEWLINE
PROGRESS_EVERY = 50
"""Records between two calls of ``progress``: a progress bar's update costs as much as writing a record."""
_KEYS: tuple[str, ...] = (
    "doc_id",
    "annotator",
    "status",
    "claim_id",
    "start",
    "end",
    "text",
    "context",
    "context_start",
)
_KEYS += ("context_end", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")
_KEYS += ("stance", "target", "quote_type")


def columns(schema: Schema) -> tuple[str, ...]:
    """The keys of every row, in order: those above, then the content label's other attributes."""
    definition = schema.statement
    held = (definition.stance, definition.target, definition.quote_type, definition.speaker)
    names = tuple(a.name for a in schema.attributes_for(definition.content) if a.name not in held)
    return _KEYS + tuple(name for name in names if name not in _KEYS)


def write_statements(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one row per content span of each record's layer."""
    definition = schema.statement
    statements = (
        StatementsRecord(r.document, None if r.layer is None else statements_layer(definition, r.layer))
        for r in records
    )
    write_statement_records(statements, out, schema, report, progress)


def write_statement_records(
    records: Iterable[StatementsRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one row per content span of each record's statements (``Store.statement_records`` reads them)."""
    definition = schema.statement
    content = definition.content
    held = (definition.stance, definition.target, definition.quote_type, definition.speaker)
    stance, target, quote_type = (name or "" for name in held[:3])  # "": the schema lacks it (no attribute has it)
    names = tuple(a.name for a in schema.attributes_for(content) if a.name not in held)
    extra = tuple(name for name in names if name not in _KEYS)  # a name that is a key of the row cannot go
    lost: Counter[tuple[str, str]] = Counter()
    lost_names = tuple(name for name in names if name not in extra)
    dumps, write, option = orjson.dumps, out.write, _DUMPS_OPTION
    done = 0
    document, text, length = None, "", 0
    # A paragraph's text, made once per document: its layers' claims share it, and a string keeps its UTF-8 form
    # once orjson has asked for it, so it is not encoded again for each row (the largest cost of a row).
    contexts: dict[tuple[int, int], str] = {}
    for record in records:
        layer = record.layer
        done += 1
        if progress and done == PROGRESS_EVERY:
            progress(done)
            done = 0
        if layer is None:
            continue
        if record.document is not document:
            document, contexts = record.document, {}
            text = document.text
            length = len(text)
        for kind, detail, count in layer.lost:
            lost[(kind, detail)] += count
        # The keys every row of the layer starts with, written once: each row is this and the rest of its object.
        head = dumps({"doc_id": layer.doc_id, "annotator": layer.annotator, "status": str(layer.status)})[:-1] + b","
        rows = []
        for key, start, end, attrs, source, cue_at, cues in layer.contents:
            context_start = text.rfind("\n", 0, start) + 1
            context_end = text.find("\n", end)
            if context_end < 0:
                context_end = length
            context = contexts.get((context_start, context_end))
            if context is None:
                context = contexts[(context_start, context_end)] = text[context_start:context_end]
            if source is None:
                speaker_name = mention = speaker_start = speaker_end = None
            else:
                speaker_start, speaker_end, speaker_name = source
                mention = text[speaker_start:speaker_end]
            if cue_at is None:
                cue = cue_start = cue_end = None
            else:
                if cues > 1:
                    lost[("cue", "")] += cues - 1
                cue_start, cue_end = cue_at
                cue = text[cue_start:cue_end]
            row: dict[str, Any] = {
                "claim_id": key,
                "start": start,
                "end": end,
                "text": text[start:end],
                "context": context,
                "context_start": context_start,
                "context_end": context_end,
                "speaker": speaker_name,
                "speaker_mention": mention,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "cue": cue,
                "cue_start": cue_start,
                "cue_end": cue_end,
                "stance": attrs.get(stance),
                "target": attrs.get(target),
                "quote_type": attrs.get(quote_type),
            }
            if names:
                for name in extra:
                    row[name] = attrs.get(name)
                for name in lost_names:
                    if name in attrs:
                        lost[("attribute", name)] += 1
            rows.append(head + dumps(row, option=option)[1:])
        write(b"".join(rows))
        if layer.time_spent_ms:
            lost[("time", "")] += 1
    if progress and done:
        progress(done)
    for (kind, detail), count in lost.items():
        report.lose(kind, detail, count)


def _sniff(value: dict[str, Any]) -> Likeness:
    # Told, so that importing one says it is an export only.
    return Likeness.LABELS if "claim_id" in value and "context" in value else Likeness.NOT


FORMAT = Format(
    "statements",
    "one JSONL row per claim with its context",
    (".jsonl",),
    write=write_statements,
    write_statements=write_statement_records,
    sniff=_sniff,
)
