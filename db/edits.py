"""Single edits of one layer, as a person makes them: each is one transaction, committed before it returns.

A layer is created by its first edit. Every edit bumps the layer's ``version``. A Store opened with a user changes
only that user's own layers, unless the user is a lead (``db.roles``). On PostgreSQL an edit that met another
writer is run again (``db.conflicts``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import aliased

from annotator.checks import check_span
from annotator.errors import DataError
from annotator.model import GOLD, Relation, Span, Status
from db.conflicts import retrying
from db.models import AnnotatorRow, DocumentRow, LayerRow, RelationRow, SpanRow, SpeakerRow, TargetRow
from db.roles import layer_name, require_owner

if TYPE_CHECKING:
    from annotator.schema import Schema

_NUMBERED = re.compile(r"^[a-z]+(\d+)$")


class Edits:
    """The edit methods of the Store (mixed into ``db.store.Store``)."""

    schema: Schema
    _user_name: str | None = None
    """Who is working (None: a trusted caller); set by the Store."""

    def _write(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _may_change(self, connection: Connection, doc_id: str, annotator: str) -> None:
        require_owner(connection, self._user_name, annotator, f"change {layer_name(annotator, doc_id)}")

    @retrying
    def add_span(
        self,
        doc_id: str,
        annotator: str,
        start: int,
        end: int,
        label: str,
        attrs: dict[str, str] | None = None,
        *,
        key: str | None = None,
        sources: tuple[str, ...] = (),
    ) -> Span:
        """Store a new span (a fresh ``key`` unless one is given, as when an undo puts a span back)."""
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, text_length = _layer(connection, doc_id, annotator, create=True)
            key = key or _next_key(connection, SpanRow, layer_id, "s")
            span = Span(key, start, end, label, dict(attrs or {}), tuple(sources))
            check_span(text_length, span, self.schema, gold=annotator == GOLD)
            connection.execute(
                insert(SpanRow),
                {
                    "layer_id": layer_id,
                    "key": key,
                    "start": start,
                    "end": end,
                    "label": label,
                    "attrs": span.attrs,
                    "sources": list(sources),
                },
            )
            _touch(connection, layer_id)
        return span

    @retrying
    def remove_span(self, doc_id: str, annotator: str, key: str) -> tuple[Span, tuple[Relation, ...]]:
        """Delete a span and the relations that use it; returns both, so that an undo can restore them."""
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, _ = _layer(connection, doc_id, annotator)
            row = _span_row(connection, layer_id, key)
            relations = tuple(_relations_of(connection, layer_id, row.id))
            connection.execute(delete(SpanRow).where(SpanRow.id == row.id))
            _touch(connection, layer_id)
        span = Span(key, row.start, row.end, row.label, row.attrs or {}, tuple(row.sources or ()))
        return span, relations

    @retrying
    def set_span_attributes(self, doc_id: str, annotator: str, key: str, values: dict[str, str | None]) -> Span:
        """Set (or, with None, clear) attributes of a span; returns the span as stored now."""
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, _ = _layer(connection, doc_id, annotator)
            row = _span_row(connection, layer_id, key)
            attrs = dict(row.attrs or {})
            for name, value in values.items():
                if value is None:
                    attrs.pop(name, None)
                else:
                    problem = self.schema.attribute_problem(row.label, name, value)
                    if problem:
                        raise DataError(problem, span=key)
                    attrs[name] = value
                    _register(connection, self.schema, name, value)
            connection.execute(update(SpanRow).where(SpanRow.id == row.id).values(attrs=attrs))
            _touch(connection, layer_id)
        return Span(key, row.start, row.end, row.label, attrs, tuple(row.sources or ()))

    @retrying
    def add_relation(
        self, doc_id: str, annotator: str, head: str, child: str, label: str, *, key: str | None = None
    ) -> Relation:
        """Link two spans of one layer, as the schema allows (labels of both ends, at most N per head)."""
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            relation, _ = _link(connection, self.schema, doc_id, annotator, head, child, label, key, replace=False)
        return relation

    @retrying
    def link(
        self, doc_id: str, annotator: str, head: str, child: str, label: str
    ) -> tuple[Relation, tuple[Relation, ...]]:
        """Like ``add_relation``, but where ``head`` has its most ``label`` links already, the oldest give way.

        Returns the new relation and those it replaced (so that an undo can put them back): one transaction.
        """
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            return _link(connection, self.schema, doc_id, annotator, head, child, label, None, replace=True)

    @retrying
    def remove_relation(self, doc_id: str, annotator: str, key: str) -> Relation:
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, _ = _layer(connection, doc_id, annotator)
            relations = [r for r in _relations_of(connection, layer_id) if r.key == key]
            if not relations:
                raise DataError(f"no relation {key!r} in the {annotator} layer of {doc_id!r}")
            connection.execute(delete(RelationRow).where(RelationRow.layer_id == layer_id, RelationRow.key == key))
            _touch(connection, layer_id)
        return relations[0]

    @retrying
    def apply(
        self,
        doc_id: str,
        annotator: str,
        *,
        remove_relations: Sequence[str] = (),
        remove_spans: Sequence[str] = (),
        add_spans: Sequence[Span] = (),
        add_relations: Sequence[Relation] = (),
    ) -> None:
        """Several changes to one layer as one transaction, in this order: what an undo or a redo puts back.

        Spans and relations are added with their own keys; removing a span removes the relations that use it.
        """
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, text_length = _layer(connection, doc_id, annotator, create=bool(add_spans))
            if remove_relations:
                connection.execute(
                    delete(RelationRow).where(RelationRow.layer_id == layer_id, RelationRow.key.in_(remove_relations))
                )
            for key in remove_spans:
                connection.execute(delete(SpanRow).where(SpanRow.id == _span_row(connection, layer_id, key).id))
            for span in add_spans:
                check_span(text_length, span, self.schema, gold=annotator == GOLD)
                row = {"layer_id": layer_id, "key": span.key, "start": span.start, "end": span.end}
                row |= {"label": span.label, "attrs": dict(span.attrs), "sources": list(span.sources)}
                connection.execute(insert(SpanRow), row)
            for relation in add_relations:
                head, child = (
                    _span_row(connection, layer_id, relation.head),
                    _span_row(connection, layer_id, relation.child),
                )
                connection.execute(
                    insert(RelationRow),
                    {"layer_id": layer_id, "key": relation.key, "head_id": head.id, "child_id": child.id}
                    | {"label": relation.label},
                )
            _touch(connection, layer_id)

    @retrying
    def set_status(self, doc_id: str, annotator: str, status: Status, *, add_time_ms: int = 0) -> None:
        """Set a layer's status (creating the layer if needed) and add time spent on it."""
        if add_time_ms < 0:
            raise DataError("time spent cannot be negative")
        with self._write() as connection:
            self._may_change(connection, doc_id, annotator)
            layer_id, _ = _layer(connection, doc_id, annotator, create=True)
            connection.execute(
                update(LayerRow)
                .where(LayerRow.id == layer_id)
                .values(status=Status(status).value, time_spent_ms=LayerRow.time_spent_ms + add_time_ms)
            )
            _touch(connection, layer_id)


def _layer(connection: Connection, doc_id: str, annotator: str, *, create: bool = False) -> tuple[int, int]:
    """The layer's row id and its document's text length; the layer is created if ``create``."""
    document = connection.execute(
        select(DocumentRow.id, func.length(DocumentRow.text)).where(DocumentRow.doc_id == doc_id)
    ).first()
    if document is None:
        raise DataError(f"no document {doc_id!r}")
    document_id, text_length = document
    annotator_id = None
    if annotator != GOLD:
        annotator_id = connection.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == annotator))
        if annotator_id is None:
            raise DataError(f"no annotator {annotator!r}", hint="add one with `annotator annotators add NAME`")
    query = select(LayerRow.id).where(LayerRow.document_id == document_id)
    query = query.where(LayerRow.gold) if annotator_id is None else query.where(LayerRow.annotator_id == annotator_id)
    # On PostgreSQL, hold the layer's row first: a second edit of the layer waits here, and then runs again on what
    # the first one stored (see db.conflicts), instead of picking the same new span id. SQLite ignores it.
    layer_id = connection.scalar(query.with_for_update(key_share=True))
    if layer_id is None:
        if not create:
            raise DataError(f"{annotator} has no layer on {doc_id!r} yet")
        layer_id = connection.scalar(
            insert(LayerRow).returning(LayerRow.id),
            {
                "document_id": document_id,
                "annotator_id": annotator_id,
                "gold": annotator_id is None,
                "status": Status.IN_PROGRESS.value,
            },
        )
    return layer_id, text_length


def _span_row(connection: Connection, layer_id: int, key: str):  # type: ignore[no-untyped-def]
    row = connection.execute(select(SpanRow).where(SpanRow.layer_id == layer_id, SpanRow.key == key)).first()
    if row is None:
        raise DataError(f"no span {key!r} in this layer")
    return row


def _relations_of(connection: Connection, layer_id: int, span_id: int | None = None) -> Iterator[Relation]:
    head, child = aliased(SpanRow), aliased(SpanRow)
    query = (
        select(RelationRow.key, head.key, child.key, RelationRow.label)
        .join(head, head.id == RelationRow.head_id)
        .join(child, child.id == RelationRow.child_id)
        .where(RelationRow.layer_id == layer_id)
    )
    if span_id is not None:
        query = query.where((RelationRow.head_id == span_id) | (RelationRow.child_id == span_id))
    for row in connection.execute(query):
        yield Relation(*row)


def _next_key(connection: Connection, table: type[SpanRow] | type[RelationRow], layer_id: int, prefix: str) -> str:
    """``prefix`` and one more than the largest number after it among the layer's keys (``s1``, ``s2``...)."""
    query = select(table.key).where(table.layer_id == layer_id, table.key.startswith(prefix, autoescape=True))
    # The longest keys, largest first, hold the largest number: look at a few of them before reading all.
    for limit in (20, None):
        ordered = query.order_by(func.length(table.key).desc(), table.key.desc()).limit(limit)
        numbers = [
            int(match.group(1))
            for key in connection.scalars(ordered)
            if (match := _NUMBERED.match(key)) and key[: -len(match.group(1))] == prefix
        ]
        if numbers or limit is None:
            return f"{prefix}{max(numbers, default=0) + 1}"
    raise AssertionError("unreachable")


def _touch(connection: Connection, layer_id: int) -> None:
    connection.execute(update(LayerRow).where(LayerRow.id == layer_id).values(version=LayerRow.version + 1))


def _link(
    connection: Connection,
    schema: Schema,
    doc_id: str,
    annotator: str,
    head: str,
    child: str,
    label: str,
    key: str | None,
    *,
    replace: bool,
) -> tuple[Relation, tuple[Relation, ...]]:
    definition = schema.relation(label)
    if definition is None:
        raise DataError(f"unknown relation {label!r}")
    layer_id, _ = _layer(connection, doc_id, annotator)
    head_row, child_row = _span_row(connection, layer_id, head), _span_row(connection, layer_id, child)
    for end, row, want in (("head", head_row, definition.head), ("child", child_row, definition.child)):
        if row.label != want:
            raise DataError(f"{label} needs a {want} {end}, but {row.key} is a {row.label}")
    links = select(func.count()).where(RelationRow.head_id == head_row.id, RelationRow.label == label)
    count = connection.scalar(links) or 0
    full = bool(definition.max_per_head and count >= definition.max_per_head)
    if full and not replace:
        raise DataError(f"{head} already has {count} {label} relation(s); remove one first")
    if connection.scalar(links.where(RelationRow.child_id == child_row.id)):
        raise DataError(f"{head} is already linked to {child} by {label}")
    removed: list[Relation] = []
    if full:
        existing = [r for r in _relations_of(connection, layer_id, head_row.id) if r.head == head and r.label == label]
        existing.sort(key=lambda r: _key_number(r.key))
        removed = existing[: count - (definition.max_per_head or 0) + 1]
        keys = [r.key for r in removed]
        connection.execute(delete(RelationRow).where(RelationRow.layer_id == layer_id, RelationRow.key.in_(keys)))
    key = key or _next_key(connection, RelationRow, layer_id, "r")
    connection.execute(
        insert(RelationRow),
        {"layer_id": layer_id, "key": key, "head_id": head_row.id, "child_id": child_row.id, "label": label},
    )
    _touch(connection, layer_id)
    return Relation(key, head, child, label), tuple(removed)


def _key_number(key: str) -> tuple[int, str]:
    match = _NUMBERED.match(key)
    return (int(match.group(1)) if match else 0, key)


def _register(connection: Connection, schema: Schema, name: str, value: str) -> None:
    """A speaker or target named for the first time joins the project's registry, in the same transaction."""
    attribute = schema.attribute(name)
    kind = attribute.kind if attribute else None
    table = SpeakerRow if kind == "speaker" else TargetRow if kind == "target" else None
    if table is not None and connection.scalar(select(table.id).where(table.name == value)) is None:
        connection.execute(insert(table), {"name": value, **({"aliases": []} if table is SpeakerRow else {})})
