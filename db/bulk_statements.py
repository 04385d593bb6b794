"""Reading the statements of a project's layers for the statements export: only the columns a statement needs.

Reading whole layers (``db.bulk_export``) makes a ``Span`` of every column of every span, then the export throws
most of it away. A statement needs its content spans, the position (and a source's canonical speaker) of the spans
its two relations lead to, and for the report only counts of the rest: SQL counts those, by label. Documents are
read in the chunks and order of ``export_records``, layers in its order, so the rows come out in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple
from typing import cast as cast_type

import orjson
from sqlalchemy import Connection, Select, Text, bindparam, cast, exists, func, select, type_coerce
from sqlalchemy.engine.cursor import CursorFetchStrategy
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import BindParameter

from annotator.model import GOLD, Document, Status
from annotator.schema import StatementDef
from annotator.statement_rows import Content, SourceMention, StatementsLayer, StatementsRecord
from db.bulk_export import CHUNK, chosen, layers_of, without_layers
from db.models import AnnotatorRow, DocumentRow, LayerRow, RelationRow, SpanRow
from db.rows import key_order
from db.visibility import visible

_CHILD = aliased(SpanRow)
_DOCUMENTS = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.text).where(visible(DocumentRow))
_DOCUMENTS = _DOCUMENTS.order_by(DocumentRow.id)
_GOLD: BindParameter[int] = bindparam("gold", expanding=True)
# Gold spans with sources (the JSON as text: ``[]`` on SQLite and PostgreSQL alike when there are none).
_SOURCED = (
    select(SpanRow.layer_id, func.count())
    .where(SpanRow.layer_id.in_(_GOLD), cast(SpanRow.sources, Text) != "[]")
    .group_by(SpanRow.layer_id)
)
_CONTENT_ORDER = itemgetter(0, 3, 4, 2)  # layer, start, end, key: the order of ``db.rows.span_sort_key``


class _Queries(NamedTuple):
    """The queries of one export, each of the layers it chooses of the documents from row id ``first`` to
    ``last`` (a chunk): a subquery, so that no query carries a list of hundreds of ids."""

    contents: Select[int, int, str, int, int, str]
    sources: Select[int, str, int, int, str]
    cues: Select[int, str, int, int]
    spans: Select[int, int]
    unlinked: Select[int, str, int]
    relations: Select[int, str, int]
    ruled: Select[int, int]


def _queries(layer: str, status: str) -> _Queries:
    ids = select(LayerRow.id).outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id).where(visible(LayerRow))
    ids = chosen(
        ids.where(LayerRow.document_id.between(bindparam("first"), bindparam("last"))), layer=layer, status=status
    )
    # In the order of the index on (layer_id, start); ties are sorted in Python, as ``db.rows`` sorts them.
    contents = select(
        SpanRow.layer_id, SpanRow.id, SpanRow.key, SpanRow.start, SpanRow.end, type_coerce(SpanRow.attrs, Text)
    )
    contents = contents.where(SpanRow.layer_id.in_(ids), SpanRow.label == bindparam("content"))
    # The relations of one kind, by the row id of the span they start at, with the position of the span they lead to.
    links = select(RelationRow.head_id, RelationRow.key, _CHILD.start, _CHILD.end)
    links = links.join(_CHILD, _CHILD.id == RelationRow.child_id)
    links = links.where(RelationRow.layer_id.in_(ids), RelationRow.label == bindparam("relation"))
    # Spans that are neither a content nor linked to one (found by the index on child_id), by label.
    linked = exists().where(
        RelationRow.child_id == SpanRow.id, RelationRow.label.in_(bindparam("links", expanding=True))
    )
    unlinked = select(SpanRow.layer_id, SpanRow.label, func.count())
    unlinked = unlinked.where(SpanRow.layer_id.in_(ids), SpanRow.label != bindparam("content"), ~linked)
    relations = select(RelationRow.layer_id, RelationRow.label, func.count()).where(RelationRow.layer_id.in_(ids))
    return _Queries(
        contents.order_by(SpanRow.layer_id, SpanRow.start),
        links.add_columns(type_coerce(_CHILD.attrs, Text)),  # and a source's attributes, for its speaker
        links,
        select(SpanRow.layer_id, func.count()).where(SpanRow.layer_id.in_(ids)).group_by(SpanRow.layer_id),
        unlinked.group_by(SpanRow.layer_id, SpanRow.label),
        relations.group_by(RelationRow.layer_id, RelationRow.label),
        # Spans accepted from proposals: the rule is not written.
        select(SpanRow.layer_id, func.count())
        .where(SpanRow.layer_id.in_(ids), SpanRow.rule.is_not(None))
        .group_by(SpanRow.layer_id),
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
    queries = _queries(layer, status)
    result = connection.execute(_DOCUMENTS.execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        documents = {row.id: Document(row.doc_id, row.text) for row in chunk}
        ids = list(documents)
        rows = layers_of(connection, ids, layer=layer, status=status)
        layers = _read(connection, definition, queries, {"first": ids[0], "last": ids[-1]}, rows, documents)
        by_document = {doc: list(group) for doc, group in groupby(rows, key=lambda row: row.document_id)}
        empty = without_layers(connection, ids) if with_empty else set()
        for id_, document in documents.items():
            if id_ in empty:
                yield StatementsRecord(document, None)
            for row in by_document.get(id_, ()):
                yield StatementsRecord(document, layers[row.id])


def _read(
    connection: Connection,
    definition: StatementDef,
    queries: _Queries,
    chunk: dict[str, int],
    rows: Sequence[Any],
    documents: dict[int, Document],
) -> dict[int, StatementsLayer]:
    """The statements of the layers of ``rows`` (of ``layer_query``; those of the chunk), by layer row id."""
    content, speaker = definition.content, definition.speaker
    source_relation, cue_relation = definition.source_relation, definition.cue_relation
    if cue_relation == source_relation:  # a relation that is both is a source relation
        cue_relation = None
    links = tuple(name for name in (source_relation, cue_relation) if name)
    contents = _rows(connection, queries.contents, chunk | {"content": content})
    contents.sort(key=_CONTENT_ORDER)
    found = _rows(connection, queries.sources, chunk | {"relation": source_relation}) if source_relation else []
    sources = _first_sources(found)
    found = _rows(connection, queries.cues, chunk | {"relation": cue_relation}) if cue_relation else []
    cues, cue_counts = _first_cues(found)
    spans = dict(_rows(connection, queries.spans, chunk))
    lost: dict[int, list[tuple[str, str, int]]] = {}
    for layer_id, label, count in _rows(connection, queries.unlinked, chunk | {"content": content, "links": links}):
        lost.setdefault(layer_id, []).append(("unlinked", label, count))
    relations: dict[int, int] = {}
    for layer_id, label, count in _rows(connection, queries.relations, chunk):
        relations[layer_id] = relations.get(layer_id, 0) + count
        if label not in links:
            lost.setdefault(layer_id, []).append(("relation", label, count))
    gold = [row.id for row in rows if row.gold]
    for layer_id, count in _rows(connection, _SOURCED, {"gold": gold}) if gold else ():
        lost.setdefault(layer_id, []).append(("sources", "", count))
    for layer_id, count in _rows(connection, queries.ruled, chunk):
        lost.setdefault(layer_id, []).append(("rule", "", count))
    contents_of = {layer_id: list(group) for layer_id, group in groupby(contents, key=itemgetter(0))}
    loads = orjson.loads
    read = {}
    for row in rows:
        layer_id = row.id
        statements = []
        for _, id_, key, start, end, attrs in contents_of.get(layer_id, ()):
            source = sources.get(id_)
            if source is not None:
                said = source[4]
                name = (
                    None if not speaker or said == "{}" else (loads(said) if type(said) is str else said).get(speaker)
                )
                source = SourceMention(source[2], source[3], name)
            cue = cues.get(id_)
            if cue is not None:
                cue = (cue[2], cue[3])
            values = {} if attrs == "{}" else loads(attrs) if type(attrs) is str else attrs  # JSONB: decoded already
            statements.append(
                Content(key, start, end, values, source, cue, cue_counts.get(id_, 0 if cue is None else 1))
            )
        read[layer_id] = StatementsLayer(
            documents[row.document_id].doc_id,
            GOLD if row.gold else row.name,
            Status(row.status),
            row.time_spent_ms,
            statements,
            spans.get(layer_id, 0),
            relations.get(layer_id, 0),
            tuple(lost.get(layer_id, ())),
        )
    return read


def _first_sources(rows: list[Any]) -> dict[int, Any]:
    """The first of the rows of ``_SOURCES`` (head, key, start, end, attrs) of each head, by relation id."""
    first: dict[int, Any] = {}
    for row in rows:
        other = first.setdefault(row[0], row)
        if other is not row and key_order(row[1]) < key_order(other[1]):
            first[row[0]] = row
    return first


def _first_cues(rows: list[Any]) -> tuple[dict[int, Any], dict[int, int]]:
    """The first of the rows of ``_LINKS`` (head, key, start, end) of each head in the text (the first by relation
    id among those at one position), and how many each head has where it has more than one."""
    first: dict[int, Any] = {}
    counts: dict[int, int] = {}
    for row in rows:
        head = row[0]
        other = first.setdefault(head, row)
        if other is not row:
            counts[head] = counts.get(head, 1) + 1
            if (row[2], row[3], key_order(row[1])) < (other[2], other[3], key_order(other[1])):
                first[head] = row
    return first, counts


def _rows(connection: Connection, query: Any, parameters: dict[str, Any]) -> list[Any]:
    """All rows of a Core query of plain columns, as the driver returns them (no SQLAlchemy row objects)."""
    result = connection.execute(query, parameters)
    if type(result.cursor_strategy) is not CursorFetchStrategy:  # buffered: take the safe road
        return [tuple(row) for row in result]
    try:
        return cast_type("list[Any]", result.cursor.fetchall())
    finally:
        result.close()
