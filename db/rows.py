"""Turning table rows into domain objects, shared by the Store's readers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any, TypeVar, cast

import orjson
from sqlalchemy import Connection, Select, Text, bindparam, select, type_coerce
from sqlalchemy.engine.cursor import CursorFetchStrategy
from sqlalchemy.orm import aliased

from annotator.change import highest_number
from annotator.model import GOLD, Layer, Relation, Span, Status
from db.models import AnnotatorRow, LayerRow, RelationRow, SpanRow
from db.visibility import visible

_STATUS = {status.value: status for status in Status}  # a dict lookup; calling the Enum costs twenty times more

LAYER_COLUMNS = (
    LayerRow.id,
    LayerRow.document_id,
    LayerRow.gold,
    LayerRow.status,
    LayerRow.time_spent_ms,
    LayerRow.version,
    AnnotatorRow.name,
)


def _as_text(column: Any) -> Any:
    """A JSON column read as its text: decoding it with orjson here is faster than the column type's processor,
    and most values are ``{}`` or ``[]``, which need no decoding at all."""
    return type_coerce(column, Text)


def _loads(value: str | Any) -> Any:
    # PostgreSQL hands JSONB text back in its own spacing; both parse the same.
    return orjson.loads(value) if isinstance(value, str) else value


def _plain_rows(connection: Connection, query: Any, parameters: dict[str, Any] | None = None) -> list[Any]:
    """All rows of a Core query of plain columns (ints and text), as the driver returns them.

    The bulk readers need no result processing (JSON is read as text and decoded by the caller), and skipping
    SQLAlchemy's row objects makes an export about a third faster.
    """
    result = connection.execute(query, parameters)
    if type(result.cursor_strategy) is not CursorFetchStrategy:  # buffered (e.g. streamed): take the safe road
        return [tuple(row) for row in result]
    try:
        return cast("list[Any]", result.cursor.fetchall())  # a sequence by the DB-API; sqlite3 and psycopg give a list
    finally:
        result.close()


def span_sort_key(span: Span) -> tuple[int, int, str, str]:
    """The order spans are listed and exported in: by position, then label, then id."""
    return (span.start, span.end, span.label, span.key)


@lru_cache(maxsize=1 << 16)  # the same few ids (r1, r2, ...) come back in every layer of a project
def key_order(key: str) -> tuple[str, int, str]:
    """``r2`` before ``r10``: ids are ordered by their prefix, then their number, then as text."""
    stem = key.rstrip("0123456789")
    digits = key[len(stem) :]
    return (stem, int(digits) if digits else -1, key)


_T = TypeVar("_T")


class KeyOrdering:
    """Keys taken a batch at a time, then put in ``key_order`` at once, cheaply. Keys made here (``r`` and a number
    without leading zeros) are ordered by their numbers, which a sort compares in a tenth of the time of
    ``key_order``'s tuples (16,667 relations: 1 to 2 ms against 11 to 23); any other key orders them all by
    ``key_order``."""

    def __init__(self) -> None:
        self._numbers: dict[int, str] = {}
        self._plain = True

    def add(self, keys: Iterable[str]) -> None:
        numbers = self._numbers
        for key in keys:
            digits = key[1:]  # a number as key_order reads it: ASCII digits, no leading zero
            if key[:1] == "r" and digits.isascii() and digits.isdecimal() and (digits == "0" or digits[0] != "0"):
                numbers[int(digits)] = key
            else:
                self._plain = False

    def ordered(self, keys: Iterable[str]) -> list[str]:
        """``keys`` (those added, as a whole) in ``key_order``."""
        held = list(keys)
        if self._plain and len(self._numbers) == len(held):
            numbers = self._numbers
            return [numbers[number] for number in sorted(numbers)]
        return sorted(held, key=key_order)

    def rebuilt(self, held: dict[str, _T], step: int) -> Iterator[dict[str, _T] | None]:
        """``held`` (its keys those added) made again in key order, ``step`` entries at a time: None after each
        step but the last, then the new dict (one of 16,667 relations built at once took 8 to 15 ms)."""
        keys, ordered = self.ordered(held), dict[str, _T]()
        for first in range(0, len(keys), step):
            ordered.update((key, held[key]) for key in keys[first : first + step])
            if first + step < len(keys):
                yield None
        yield ordered


_SPAN_ROW_ORDER = itemgetter(0, 2, 3, 4, 1)
"""Span rows (layer_id, key, start, end, label, ...) in the order of ``span_sort_key`` within each layer."""


def _relation_order(row: Sequence[Any]) -> tuple[str, int, str]:
    return key_order(row[1])


def layer_query(*, pending: bool = False) -> Select[int, int, bool, str, int, int, str | None]:
    """Layers with their annotator's name (None for gold), ordered gold first, then by annotator name; only the
    visible ones (``db.visibility``) unless ``pending`` (an import's own checks)."""
    query = (
        select(*LAYER_COLUMNS)
        .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
        .order_by(LayerRow.document_id, LayerRow.gold.desc(), AnnotatorRow.name)
    )
    return query if pending else query.where(visible(LayerRow))


_HEAD, _CHILD = aliased(SpanRow), aliased(SpanRow)
# Statements are built once: building a SQLAlchemy statement costs more than running it (the compiled form is
# cached, not the making), and the window reads one layer each time a document opens.
_SPANS = select(
    SpanRow.layer_id,
    SpanRow.key,
    SpanRow.start,
    SpanRow.end,
    SpanRow.label,
    _as_text(SpanRow.attrs),
    _as_text(SpanRow.sources),
    SpanRow.rule,
)
_RELATIONS = (
    select(RelationRow.layer_id, RelationRow.key, _HEAD.key, _CHILD.key, RelationRow.label)
    .join(_HEAD, _HEAD.id == RelationRow.head_id)
    .join(_CHILD, _CHILD.id == RelationRow.child_id)
)
# In the order of the index on (layer_id, start), which SQLite then need not sort; ties are sorted in Python.
_SPANS_OF_LAYERS = _SPANS.where(SpanRow.layer_id.in_(bindparam("layer_ids", expanding=True)))
_SPANS_OF_LAYERS = _SPANS_OF_LAYERS.order_by(SpanRow.layer_id, SpanRow.start)
_RELATIONS_OF_LAYERS = _RELATIONS.where(RelationRow.layer_id.in_(bindparam("layer_ids", expanding=True)))
_RELATIONS_OF_LAYERS = _RELATIONS_OF_LAYERS.order_by(RelationRow.layer_id)
_SPANS_OF_LAYER = _SPANS.where(SpanRow.layer_id == bindparam("layer_id")).order_by(SpanRow.start)
_SPANS_BEFORE = _SPANS_OF_LAYER.where(SpanRow.start < bindparam("offset"))
_SPANS_FROM = _SPANS_OF_LAYER.where(SpanRow.start >= bindparam("offset"))
_SPANS_FROM_SOME = _SPANS_FROM.limit(bindparam("limit"))
_SPANS_AT = _SPANS.where(SpanRow.layer_id == bindparam("layer_id"), SpanRow.start == bindparam("offset"))
_RELATIONS_OF_LAYER = _RELATIONS.where(RelationRow.layer_id == bindparam("layer_id"))
# In the order of the unique index on (layer_id, key): a part begins after the last key of the part before.
_RELATIONS_AFTER = _RELATIONS_OF_LAYER.where(RelationRow.key > bindparam("after")).order_by(RelationRow.key)
_RELATIONS_AFTER_SOME = _RELATIONS_AFTER.limit(bindparam("limit"))
_VERSION = select(LayerRow.version).where(LayerRow.id == bindparam("layer_id"))


def _spans(rows: Iterable[Sequence[Any]]) -> list[Span]:
    """Spans of span rows (layer_id, key, start, end, label, attrs, sources, rule), JSON decoded only where there
    is any.

    This runs once per span of an export: plain tuples in, no call per span but the constructor.
    """
    return [
        Span(
            key,
            start,
            end,
            label,
            _loads(attrs) if attrs != "{}" else {},
            tuple(_loads(sources)) if sources != "[]" else (),
            rule,
        )
        for _, key, start, end, label, attrs, sources, rule in rows
    ]


def _relations(rows: Iterable[Sequence[Any]]) -> list[Relation]:
    """Relations of relation rows (layer_id, key, head key, child key, label) of one layer, ordered by id."""
    return [Relation(key, head, child, label) for _, key, head, child, label in sorted(rows, key=_relation_order)]


def _layer(row: Any, doc_id: str, spans: list[Span], relations: list[Relation]) -> Layer:
    return Layer(
        doc_id=doc_id,
        annotator=GOLD if row.gold else row.name,
        status=_STATUS[row.status],
        time_spent_ms=row.time_spent_ms,
        spans=tuple(spans),
        relations=tuple(relations),
    )


def load_layers(connection: Connection, rows: Sequence[Any], doc_ids: dict[int, str]) -> dict[int, Layer]:
    """Whole layers (spans and relations) for ``rows`` of ``layer_query``, by layer row id."""
    ids = [row.id for row in rows]
    spans: dict[int, list[Span]] = {layer_id: [] for layer_id in ids}
    relations: dict[int, list[Relation]] = {layer_id: [] for layer_id in ids}
    for chunk in _chunks(ids, 500):
        found = _plain_rows(connection, _SPANS_OF_LAYERS, {"layer_ids": list(chunk)})
        found.sort(key=_SPAN_ROW_ORDER)
        for layer_id, group in groupby(found, key=itemgetter(0)):
            spans[layer_id] = _spans(group)
        found = _plain_rows(connection, _RELATIONS_OF_LAYERS, {"layer_ids": list(chunk)})
        for layer_id, group in groupby(found, key=itemgetter(0)):
            relations[layer_id] = _relations(group)
    return {row.id: _layer(row, doc_ids[row.document_id], spans[row.id], relations[row.id]) for row in rows}


def one_layer(connection: Connection, row: Any, doc_id: str) -> Layer:
    """The whole layer of one row of ``layer_query``: what ``load_layers`` gives for one, with less overhead."""
    parameters = {"layer_id": row.id}
    found = _plain_rows(connection, _SPANS_OF_LAYER, parameters)
    found.sort(key=_SPAN_ROW_ORDER)
    return _layer(row, doc_id, _spans(found), _relations(_plain_rows(connection, _RELATIONS_OF_LAYER, parameters)))


@dataclass(frozen=True, slots=True)
class LayerStart:
    """The part of a layer that a window shows first: the layer's state and its spans that start before code
    point ``rest_from``, in order. ``layer_rest`` reads the rest, so that a long document shows without waiting."""

    doc_id: str
    annotator: str
    status: Status
    time_spent_ms: int
    spans: tuple[Span, ...]
    rest_from: int
    layer_id: int
    version: int


def layer_start(connection: Connection, row: Any, doc_id: str, before: int) -> LayerStart:
    """For one row of ``layer_query``: the spans that start before ``before``, and where the rest begins."""
    found = _plain_rows(connection, _SPANS_BEFORE, {"layer_id": row.id, "offset": before})
    found.sort(key=_SPAN_ROW_ORDER)
    annotator = GOLD if row.gold else row.name
    status, spans = _STATUS[row.status], tuple(_spans(found))
    return LayerStart(doc_id, annotator, status, row.time_spent_ms, spans, before, row.id, row.version)


def layer_rest(connection: Connection, start: LayerStart) -> Layer | None:
    """The whole layer that ``start`` began, reading only what it left out; None if the layer changed since (every
    change bumps its version, and a replaced layer is a new row)."""
    found = _plain_rows(connection, _SPANS_FROM, {"layer_id": start.layer_id, "offset": start.rest_from})
    relations = _plain_rows(connection, _RELATIONS_OF_LAYER, {"layer_id": start.layer_id})
    if connection.scalar(_VERSION, {"layer_id": start.layer_id}) != start.version:
        return None
    found.sort(key=_SPAN_ROW_ORDER)
    spans = start.spans + tuple(_spans(found))
    return Layer(start.doc_id, start.annotator, start.status, start.time_spent_ms, spans, tuple(_relations(relations)))


@dataclass(frozen=True, slots=True)
class LayerPart:
    """A part of the rest of a layer that a ``LayerStart`` began: some of its spans, in order, or once the spans are
    all read, some of its relations. ``layer_part`` reads the next one after it."""

    spans: tuple[Span, ...]
    relations: tuple[Relation, ...]
    spans_from: int | None
    """The spans that start at or after this code point are still to read; None: every span is read."""
    relations_after: str | None
    """The relations whose keys come after this one (as text) are still to read; None: every relation is read."""
    highest: tuple[int, int] = (0, 0)
    """The highest numbers of the span keys (``s12``) and relation keys (``r3``) read so far, the start's included:
    once the layer is read whole, what a fresh key of either needs (``Store.layer_part`` remembers them)."""

    @property
    def done(self) -> bool:
        return self.spans_from is None and self.relations_after is None


def layer_part(
    connection: Connection, start: LayerStart, after: LayerPart | None, limit: int | None
) -> LayerPart | None:
    """The part of the layer that ``start`` began which comes after ``after`` (or after ``start``): about ``limit``
    spans (the spans that start at one position are never split between parts), else up to ``limit`` relations;
    with ``limit`` None, all that is left. None if the layer changed since ``start`` was read."""
    spans_from = start.rest_from if after is None else after.spans_from
    relations_after = "" if after is None else after.relations_after
    layer = {"layer_id": start.layer_id}
    spans: list[Span] = []
    relations: list[Relation] = []
    if spans_from is not None:
        if limit is None:
            found, spans_from = _plain_rows(connection, _SPANS_FROM, layer | {"offset": spans_from}), None
        else:
            found = _plain_rows(connection, _SPANS_FROM_SOME, layer | {"offset": spans_from, "limit": limit})
            if len(found) < limit:
                spans_from = None
            else:  # the spans at the last position may go on past the limit: they are the next part's
                last = found[-1][2]
                found = [row for row in found if row[2] < last]
                if not found:  # all of them at one position: read that position whole
                    found = _plain_rows(connection, _SPANS_AT, layer | {"offset": last})
                    last += 1
                spans_from = last
        found.sort(key=_SPAN_ROW_ORDER)
        spans = _spans(found)
    if relations_after is not None and (spans_from is None and (limit is None or not spans)):
        if limit is None:
            found = _plain_rows(connection, _RELATIONS_AFTER, layer | {"after": relations_after})
            relations_after = None
        else:
            found = _plain_rows(connection, _RELATIONS_AFTER_SOME, layer | {"after": relations_after, "limit": limit})
            relations_after = found[-1][1] if len(found) == limit else None
        relations = _relations(found)
    if connection.scalar(_VERSION, layer) != start.version:
        return None
    span_high, relation_high = after.highest if after else (highest_number((s.key for s in start.spans), "s"), 0)
    highest = (
        max(span_high, highest_number((s.key for s in spans), "s")),
        max(relation_high, highest_number((r.key for r in relations), "r")),
    )
    return LayerPart(tuple(spans), tuple(relations), spans_from, relations_after, highest)


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
