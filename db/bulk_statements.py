"""Reading the statements of a project's layers for the statements export: only the columns a statement needs.

Reading whole layers (``db.bulk_export``) makes a ``Span`` of every column of every span, then the export throws
most of it away. A statement needs its content spans, the position (and a source's canonical speaker) of the spans
its two relations lead to, and for the report only counts of the rest: SQL counts those, by label. Documents are
read in the chunks and order of ``export_records``, layers in its order, so the rows come out in the same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any
from typing import cast as cast_type

import orjson
from sqlalchemy import Connection, Text, bindparam, cast, func, select, type_coerce
from sqlalchemy.engine.cursor import CursorFetchStrategy
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter

from annotator.model import GOLD, Document, Status
from annotator.schema import StatementDef
from annotator.statement_rows import Content, SourceMention, StatementsLayer, StatementsRecord
from db.bulk_export import CHUNK, layers_of, without_layers
from db.models import DocumentRow, RelationRow, SpanRow
from db.rows import key_order

LAYERS_AT_ONCE = 500
"""Layer ids in one query's ``IN`` list."""

_LAYERS: BindParameter[int] = bindparam("layer_ids", expanding=True)
_CHILD = aliased(SpanRow)
_DOCUMENTS = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.text).order_by(DocumentRow.id)
# In the order of the index on (layer_id, start); ties are sorted in Python, as ``db.rows`` sorts them.
_CONTENTS = (
    select(SpanRow.layer_id, SpanRow.id, SpanRow.key, SpanRow.start, SpanRow.end, type_coerce(SpanRow.attrs, Text))
    .where(SpanRow.layer_id.in_(_LAYERS), SpanRow.label == bindparam("content"))
    .order_by(SpanRow.layer_id, SpanRow.start)
)
_CONTENT_ORDER = itemgetter(0, 3, 4, 2)  # layer, start, end, key: the order of ``db.rows.span_sort_key``
# The source and cue relations, each with the span it leads to (the head is a content span, known by its row id).
_LINKS = (
    select(
        RelationRow.layer_id,
        RelationRow.key,
        RelationRow.head_id,
        RelationRow.label,
        RelationRow.child_id,
        _CHILD.label,
        _CHILD.start,
        _CHILD.end,
        type_coerce(_CHILD.attrs, Text),
    )
    .join(_CHILD, _CHILD.id == RelationRow.child_id)
    .where(RelationRow.layer_id.in_(_LAYERS), RelationRow.label.in_(bindparam("links", expanding=True)))
    .order_by(RelationRow.layer_id)
)
_SPAN_LABELS = (
    select(SpanRow.layer_id, SpanRow.label, func.count())
    .where(SpanRow.layer_id.in_(_LAYERS))
    .group_by(SpanRow.layer_id, SpanRow.label)
    .order_by(SpanRow.layer_id)
)
_RELATION_LABELS = (
    select(RelationRow.layer_id, RelationRow.label, func.count())
    .where(RelationRow.layer_id.in_(_LAYERS))
    .group_by(RelationRow.layer_id, RelationRow.label)
    .order_by(RelationRow.layer_id)
)
# Gold spans with sources (the JSON as text: ``[]`` on SQLite and PostgreSQL alike when there are none).
_SOURCED = (
    select(SpanRow.layer_id, func.count())
    .where(SpanRow.layer_id.in_(_LAYERS), cast(SpanRow.sources, Text) != "[]")
    .group_by(SpanRow.layer_id)
)


def statement_records(
    connection: Connection,
    definition: StatementDef,
    *,
    layer: str = "all",
    status: str = "done",
    with_empty: bool = False,
) -> Iterator[StatementsRecord]:
    """The statements of the layers ``db.bulk_export.export_records`` gives for the same choices, in its order,
    as ``definition`` makes them (what ``annotator.statement_rows.statements_layer`` makes of each whole layer)."""
    result = connection.execute(_DOCUMENTS.execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        documents = {row.id: Document(row.doc_id, row.text) for row in chunk}
        ids = list(documents)
        rows = layers_of(connection, ids, layer=layer, status=status)
        layers: dict[int, StatementsLayer] = {}
        for part in range(0, len(rows), LAYERS_AT_ONCE):
            layers.update(_read(connection, definition, rows[part : part + LAYERS_AT_ONCE], documents))
        by_document = {doc: list(group) for doc, group in groupby(rows, key=lambda row: row.document_id)}
        empty = without_layers(connection, ids) if with_empty else set()
        for id_, document in documents.items():
            if id_ in empty:
                yield StatementsRecord(document, None)
            for row in by_document.get(id_, ()):
                yield StatementsRecord(document, layers[row.id])


def _read(
    connection: Connection, definition: StatementDef, rows: Sequence[Any], documents: dict[int, Document]
) -> dict[int, StatementsLayer]:
    ids = [row.id for row in rows]
    gold = [row.id for row in rows if row.gold]
    links = tuple(name for name in (definition.source_relation, definition.cue_relation) if name)
    contents = _rows(connection, _CONTENTS, {"layer_ids": ids, "content": definition.content})
    contents.sort(key=_CONTENT_ORDER)
    contents_of = _by_layer(contents)
    links_of = _by_layer(_rows(connection, _LINKS, {"layer_ids": ids, "links": links}) if links else [])
    spans_of = _by_layer(_rows(connection, _SPAN_LABELS, {"layer_ids": ids}))
    relations_of = _by_layer(_rows(connection, _RELATION_LABELS, {"layer_ids": ids}))
    sourced = dict(_rows(connection, _SOURCED, {"layer_ids": gold})) if gold else {}
    content = definition.content
    layers = {}
    for row in rows:
        layer_id = row.id
        read, linked = _layer(definition, contents_of.get(layer_id, ()), links_of.get(layer_id, ()))
        span_labels, relation_labels = spans_of.get(layer_id, ()), relations_of.get(layer_id, ())
        lost = [("relation", label, count) for _, label, count in relation_labels if label not in links]
        lost += [
            ("unlinked", label, count - linked[label])
            for _, label, count in span_labels
            if label != content and count > linked[label]
        ]
        if row.gold and sourced.get(layer_id):
            lost.append(("sources", "", sourced[layer_id]))
        layers[layer_id] = StatementsLayer(
            documents[row.document_id].doc_id,
            GOLD if row.gold else row.name,
            Status(row.status),
            row.time_spent_ms,
            read,
            sum(count for _, _, count in span_labels),
            sum(count for _, _, count in relation_labels),
            tuple(lost),
        )
    return layers


def _layer(
    definition: StatementDef, contents: Sequence[Any], links: Sequence[Any]
) -> tuple[list[Content], Counter[str]]:
    """The content spans of one layer with their first source and cue, and how many spans of each label a source
    or cue relation leads to (the others no statement holds)."""
    source_relation, speaker = definition.source_relation, definition.speaker
    keys = {row[1]: row[2] for row in contents}  # a content span's row id: its key
    sources: dict[int, list[Any]] = {}
    cues: dict[int, list[Any]] = {}
    linked: dict[int, str] = {}  # the row id of each span a source or cue relation leads to: its label
    for _, key, head, label, child, child_label, start, end, attrs in links:
        linked[child] = child_label
        if head in keys:
            found = sources if label == source_relation else cues
            found.setdefault(head, []).append((key, start, end, attrs))
    read = []
    for _, id_, key, start, end, attrs in contents:
        source = None
        said = sources.get(id_)
        if said:  # the first by relation id, as ``annotator.statement`` has them
            _, source_start, source_end, source_attrs = said[0] if len(said) == 1 else min(said, key=_relation_order)
            name = _loads(source_attrs).get(speaker) if speaker and source_attrs != "{}" else None
            source = SourceMention(source_start, source_end, name)
        cue = None
        count = 0
        told = cues.get(id_)
        if told:  # the first in the text, the first by relation id among those at one position
            count = len(told)
            _, cue_start, cue_end, _ = told[0] if count == 1 else min(told, key=_cue_order)
            cue = (cue_start, cue_end)
        read.append(Content(key, start, end, _loads(attrs) if attrs != "{}" else {}, source, cue, count))
    return read, Counter(linked.values())


def _relation_order(link: Sequence[Any]) -> tuple[str, int, str]:
    return key_order(link[0])


def _cue_order(link: Sequence[Any]) -> tuple[int, int, tuple[str, int, str]]:
    return link[1], link[2], key_order(link[0])


def _loads(value: str | Any) -> Any:
    # PostgreSQL's driver may hand JSONB back decoded already.
    return orjson.loads(value) if isinstance(value, str) else value


def _by_layer(rows: list[Any]) -> dict[int, list[Any]]:
    """Rows whose first column is a layer id, grouped by it (rows of one layer next to each other)."""
    return {layer_id: list(group) for layer_id, group in groupby(rows, key=itemgetter(0))}


def _rows(connection: Connection, query: Any, parameters: dict[str, Any]) -> list[Any]:
    """All rows of a Core query of plain columns, as the driver returns them (no SQLAlchemy row objects)."""
    result = connection.execute(query, parameters)
    if type(result.cursor_strategy) is not CursorFetchStrategy:  # buffered: take the safe road
        return [tuple(row) for row in result]
    try:
        return cast_type("list[Any]", result.cursor.fetchall())
    finally:
        result.close()
