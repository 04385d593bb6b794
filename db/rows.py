"""Turning table rows into domain objects, shared by the Store's readers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from annotator.model import GOLD, Layer, Relation, Span, Status
from db.models import AnnotatorRow, LayerRow, RelationRow, SpanRow

LAYER_COLUMNS = (
    LayerRow.id,
    LayerRow.document_id,
    LayerRow.gold,
    LayerRow.status,
    LayerRow.time_spent_ms,
    AnnotatorRow.name,
)


def span_sort_key(span: Span) -> tuple[int, int, str, str]:
    """The order spans are listed and exported in: by position, then label, then id."""
    return (span.start, span.end, span.label, span.key)


def key_order(key: str) -> tuple[str, int, str]:
    """``r2`` before ``r10``: ids are ordered by their prefix, then their number, then as text."""
    stem = key.rstrip("0123456789")
    digits = key[len(stem) :]
    return (stem, int(digits) if digits else -1, key)


def layer_query():  # type: ignore[no-untyped-def]
    """Layers with their annotator's name (None for gold), ordered gold first, then by annotator name."""
    return (
        select(*LAYER_COLUMNS)
        .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
        .order_by(LayerRow.document_id, LayerRow.gold.desc(), AnnotatorRow.name)
    )


def load_layers(connection: Connection, rows: Sequence[Any], doc_ids: dict[int, str]) -> dict[int, Layer]:
    """Whole layers (spans and relations) for ``rows`` of ``layer_query``, by layer row id."""
    ids = [row.id for row in rows]
    spans: dict[int, list[Span]] = {layer_id: [] for layer_id in ids}
    span_keys: dict[int, str] = {}
    relations: dict[int, list[Relation]] = {layer_id: [] for layer_id in ids}
    for chunk in _chunks(ids, 500):
        query = (
            select(SpanRow.id, SpanRow.layer_id, SpanRow.key, SpanRow.start, SpanRow.end, SpanRow.label,
                   SpanRow.attrs, SpanRow.sources)
            .where(SpanRow.layer_id.in_(chunk))
            .order_by(SpanRow.layer_id, SpanRow.start, SpanRow.end, SpanRow.label, SpanRow.key)
        )
        # Plain tuples: this loop runs once per span of an export.
        for id_, layer_id, key, start, end, label, attrs, sources in connection.execute(query):
            span_keys[id_] = key
            spans[layer_id].append(Span(key, start, end, label, attrs or {}, tuple(sources) if sources else ()))
        query = select(
            RelationRow.layer_id, RelationRow.key, RelationRow.head_id, RelationRow.child_id, RelationRow.label
        ).where(RelationRow.layer_id.in_(chunk))
        for layer_id, key, head, child, label in connection.execute(query):
            relations[layer_id].append(Relation(key, span_keys[head], span_keys[child], label))
    layers = {}
    for row in rows:
        layers[row.id] = Layer(
            doc_id=doc_ids[row.document_id],
            annotator=GOLD if row.gold else row.name,
            status=Status(row.status),
            time_spent_ms=row.time_spent_ms,
            spans=tuple(spans[row.id]),
            relations=tuple(sorted(relations[row.id], key=lambda relation: key_order(relation.key))),
        )
    return layers


def canonical(layer: Layer) -> Layer:
    """The layer with spans and relations in the stored order, for comparing an import with what is stored."""
    return Layer(
        layer.doc_id,
        layer.annotator,
        Status(layer.status),
        layer.time_spent_ms,
        tuple(sorted(layer.spans, key=span_sort_key)),
        tuple(sorted(layer.relations, key=lambda relation: key_order(relation.key))),
    )


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
