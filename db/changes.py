"""Writing one ``LayerChange`` into one layer: the one way every edit of the Store, on any layer, is stored.

The caller (``db.edits``, ``db.adjudication``) holds a write transaction, has found the layer with ``find_layer``,
has checked who may change it and, for a change built on an earlier read, that the layer is still at the change's
``version_before``. ``write_change`` checks the change against the text, the schema and what the layer holds, stores
it, moves the layer's version on by one and returns the change as stored: fresh keys where it gave none, the
relations that went with a removed span in ``unlinked``, and the removed and modified spans as the layer held them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import aliased

from annotator.change import LayerChange, fresh_keys
from annotator.checks import check_span
from annotator.errors import DataError, GoldChanged, LayerChanged
from annotator.model import GOLD, Relation, Span, Status
from annotator.schema import AttributeKind
from db.models import AnnotatorRow, DocumentRow, LayerRow, RelationRow, Setting, SpanRow, SpeakerRow, TargetRow
from db.roles import layer_name

if TYPE_CHECKING:
    from annotator.schema import Schema

EDITOR_KEY = "gold-editor:{layer_id}"
"""The setting that names who made a gold layer's latest change, and at which version (for ``GoldChanged``)."""


@dataclass(frozen=True, slots=True)
class LayerAt:
    """A layer as a change finds it: its row (``id`` None before the layer's first change), version and status."""

    doc_id: str
    annotator: str
    document_id: int
    annotator_id: int | None
    text_length: int
    id: int | None
    version: int
    status: Status

    @property
    def name(self) -> str:
        return layer_name(self.annotator, self.doc_id)


def find_layer(connection: Connection, doc_id: str, annotator: str) -> LayerAt:
    """The layer of ``annotator`` (or gold) on ``doc_id``, held for this transaction; version 0 and todo if there is
    none yet."""
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
    query = select(LayerRow.id, LayerRow.version, LayerRow.status).where(LayerRow.document_id == document_id)
    query = query.where(LayerRow.gold) if annotator_id is None else query.where(LayerRow.annotator_id == annotator_id)
    # On PostgreSQL, hold the layer's row first: a second edit of the layer waits here, and then runs again on what
    # the first one stored (see db.conflicts), instead of picking the same new span id. SQLite ignores it.
    row = connection.execute(query.with_for_update(key_share=True)).first()
    if row is None:
        return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, None, 0, Status.TODO)
    return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, row.id, row.version, Status(row.status))


def refuse_if_moved(connection: Connection, layer: LayerAt, version: int) -> None:
    """Raise ``LayerChanged`` (``GoldChanged`` for gold, naming who changed it) unless ``layer`` is at ``version``."""
    if layer.version == version:
        return
    if layer.annotator == GOLD:
        raise GoldChanged(layer.doc_id, editor(connection, layer.id, layer.version))
    raise LayerChanged(layer.doc_id, layer.annotator)


def write_change(
    connection: Connection, schema: Schema, layer: LayerAt, change: LayerChange, *, user: str | None
) -> LayerChange:
    """Store ``change`` in ``layer`` in this order: unlink, remove, add, modify, link, status; see the module."""
    if change.status is not None and layer.id is not None and Status(change.status[1]) == layer.status:
        change = replace(change, status=None)  # the status it has: no change
    if change.empty:
        return replace(change, version_before=layer.version, version_after=layer.version)
    layer_id = layer.id if layer.id is not None else _create(connection, layer, change)
    unlinked = _relations(connection, layer_id, layer, keys=[r.key for r in change.unlinked])
    removed = _spans(connection, layer_id, layer, [s.key for s in change.removed])
    if removed:
        ids = [span_id for span_id, _ in removed.values()]
        for relation in _relations(connection, layer_id, layer, span_ids=ids).values():
            unlinked.setdefault(relation.key, relation)
        if unlinked:
            keys = list(unlinked)
            connection.execute(delete(RelationRow).where(RelationRow.layer_id == layer_id, RelationRow.key.in_(keys)))
        connection.execute(delete(SpanRow).where(SpanRow.id.in_(ids)))
    elif unlinked:
        keys = list(unlinked)
        connection.execute(delete(RelationRow).where(RelationRow.layer_id == layer_id, RelationRow.key.in_(keys)))
    added = _add(connection, schema, layer_id, layer, change.added)
    modified = _modify(connection, schema, layer_id, layer, change.modified)
    linked = _link(connection, schema, layer_id, layer, change.linked)
    status = None
    if change.status is not None and Status(change.status[1]) != layer.status:
        status = (layer.status, Status(change.status[1]))
    version = layer.version + 1
    values: dict[str, Any] = {"version": version} | ({"status": status[1].value} if status else {})
    moved = connection.execute(
        update(LayerRow).where(LayerRow.id == layer_id, LayerRow.version == layer.version).values(**values)
    )
    if moved.rowcount != 1:  # pragma: no cover - the layer's row is held (find_layer): a conflict comes first
        raise LayerChanged(layer.doc_id, layer.annotator)
    if layer.annotator == GOLD:
        _set_editor(connection, layer_id, version, user)
    return LayerChange(
        change.doc_id,
        change.annotator,
        layer.version,
        version,
        added=added,
        removed=tuple(span for _, span in removed.values()),
        modified=modified,
        linked=linked,
        unlinked=tuple(unlinked.values()),
        status=status,
    )


def span_of(connection: Connection, layer: LayerAt, key: str) -> Span:
    """The span ``key`` as the layer holds it."""
    found = _spans(connection, layer.id, layer, [key])
    return found[key][1]


def relations_of(
    connection: Connection, layer: LayerAt, *, keys: Sequence[str] = (), head: str | None = None
) -> list[Relation]:
    """The layer's relations named by ``keys`` (each must exist), or those whose head is the span ``head``."""
    if head is not None:
        span_id = _spans(connection, layer.id, layer, [head])[head][0]
        return [r for r in _relations(connection, layer.id, layer, span_ids=[span_id]).values() if r.head == head]
    return list(_relations(connection, layer.id, layer, keys=keys).values())


def editor(connection: Connection, layer_id: int | None, version: int) -> str | None:
    """Who made the gold layer's change that brought it to ``version``, where the Store recorded it."""
    if layer_id is None:
        return None
    value = connection.scalar(select(Setting.value).where(Setting.key == EDITOR_KEY.format(layer_id=layer_id)))
    record = orjson.loads(value) if value else {}
    return record.get("by") if record.get("version") == version else None


# -- the steps ------------------------------------------------------------------------------------------------------


def _create(connection: Connection, layer: LayerAt, change: LayerChange) -> int:
    status = Status(change.status[1]) if change.status else Status.IN_PROGRESS
    layer_id: int = connection.scalar(
        insert(LayerRow).returning(LayerRow.id),
        {
            "document_id": layer.document_id,
            "annotator_id": layer.annotator_id,
            "gold": layer.annotator_id is None,
            "status": status.value,
            "version": 0,
        },
    )
    return layer_id


def _spans(
    connection: Connection, layer_id: int | None, layer: LayerAt, keys: Sequence[str]
) -> dict[str, tuple[int, Span]]:
    """{key: (row id, Span)} for ``keys``, in their order; a key the layer lacks is refused."""
    if not keys:
        return {}
    found: dict[str, tuple[int, Span]] = {}
    if layer_id is not None:
        query = select(SpanRow).where(SpanRow.layer_id == layer_id, SpanRow.key.in_(list(keys)))
        for row in connection.execute(query):
            found[row.key] = (row.id, _span(row))
    for key in keys:
        if key not in found:
            raise DataError(f"no span {key!r} in {layer.name}")
    return {key: found[key] for key in keys}


def _span(row: Any) -> Span:
    return Span(row.key, row.start, row.end, row.label, dict(row.attrs or {}), tuple(row.sources or ()))


def _relations(
    connection: Connection,
    layer_id: int | None,
    layer: LayerAt,
    *,
    keys: Sequence[str] = (),
    span_ids: Sequence[int] = (),
) -> dict[str, Relation]:
    """{key: Relation} for the relations ``keys`` names (each must exist, in their order), or all those that use one
    of the spans ``span_ids`` (in key order)."""
    if not keys and not span_ids:
        return {}
    head, child = aliased(SpanRow), aliased(SpanRow)
    query = (
        select(RelationRow.key, head.key, child.key, RelationRow.label)
        .join(head, head.id == RelationRow.head_id)
        .join(child, child.id == RelationRow.child_id)
        .where(RelationRow.layer_id == layer_id)
    )
    if keys:
        query = query.where(RelationRow.key.in_(list(keys)))
    else:
        query = query.where(RelationRow.head_id.in_(list(span_ids)) | RelationRow.child_id.in_(list(span_ids)))
    found = {row[0]: Relation(*row) for row in connection.execute(query.order_by(RelationRow.id))}
    for key in keys:
        if key not in found:
            raise DataError(f"no relation {key!r} in {layer.name}")
    return {key: found[key] for key in keys} if keys else found


def _fresh(
    connection: Connection, table: type[SpanRow] | type[RelationRow], layer_id: int, prefix: str, given: list[str]
) -> Iterator[str]:
    """New keys for the layer: ``prefix`` and numbers after the largest among its keys and those ``given``."""
    query = select(table.key).where(table.layer_id == layer_id, table.key.startswith(prefix, autoescape=True))
    stored: list[str] = []
    # The longest keys, largest first, hold the largest number: look at a few of them before reading all.
    for limit in (20, None):
        stored = list(connection.scalars(query.order_by(func.length(table.key).desc(), table.key.desc()).limit(limit)))
        if limit is None or next(fresh_keys(stored, prefix)) != f"{prefix}1":
            break
    return fresh_keys([*stored, *given], prefix)


def _taken(
    connection: Connection, table: type[SpanRow] | type[RelationRow], layer_id: int, keys: list[str], given: list[str]
) -> None:
    """Refuse a key given twice in ``keys``, or one of those ``given`` (not fresh) that the layer holds already."""
    if len(set(keys)) < len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise DataError(f"the id {twice!r} is given twice in one change", hint="ids are unique in a layer")
    query = select(table.key).where(table.layer_id == layer_id, table.key.in_(given)).limit(1)
    if given and (key := connection.scalar(query)) is not None:
        raise DataError(f"the id {key!r} is taken in this layer", hint="ids are unique in a layer")


def _add(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, spans: Sequence[Span]
) -> tuple[Span, ...]:
    if not spans:
        return ()
    given = [s.key for s in spans if s.key]
    if len(given) < len(spans):
        keys = _fresh(connection, SpanRow, layer_id, "s", given)
        spans = [s if s.key else Span(next(keys), s.start, s.end, s.label, dict(s.attrs), s.sources) for s in spans]
    _taken(connection, SpanRow, layer_id, [s.key for s in spans], given)
    for span in spans:
        check_span(layer.text_length, span, schema, gold=layer.annotator == GOLD)
    rows = [
        {"layer_id": layer_id, "key": s.key, "start": s.start, "end": s.end, "label": s.label}
        | {"attrs": dict(s.attrs), "sources": list(s.sources)}
        for s in spans
    ]
    connection.execute(insert(SpanRow), rows)
    _register(connection, schema, [(name, value) for s in spans for name, value in s.attrs.items()])
    return tuple(Span(s.key, s.start, s.end, s.label, dict(s.attrs), tuple(s.sources)) for s in spans)


def _modify(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, pairs: Sequence[tuple[Span, Span]]
) -> tuple[tuple[Span, Span], ...]:
    """Set the attributes of spans: each pair is (before, after) of one span; offsets and label stay."""
    if not pairs:
        return ()
    stored = _spans(connection, layer_id, layer, [after.key for _, after in pairs])
    done = []
    for _, after in pairs:
        span_id, before = stored[after.key]
        if (after.start, after.end, after.label) != (before.start, before.end, before.label):
            raise DataError("a change of attributes keeps the span's offsets and label", span=after.key)
        changed = [(name, value) for name, value in after.attrs.items() if before.attrs.get(name) != value]
        for name, value in changed:
            problem = schema.attribute_problem(before.label, name, value)
            if problem:
                raise DataError(problem, span=after.key)
        _register(connection, schema, changed)
        attrs = dict(after.attrs)
        connection.execute(update(SpanRow).where(SpanRow.id == span_id).values(attrs=attrs))
        done.append((before, Span(before.key, before.start, before.end, before.label, attrs, before.sources)))
    return tuple(done)


def _link(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, relations: Sequence[Relation]
) -> tuple[Relation, ...]:
    """Add relations as the schema allows them: the labels of both ends, no link twice, at most N per head."""
    if not relations:
        return ()
    given = [r.key for r in relations if r.key]
    if len(given) < len(relations):
        keys = _fresh(connection, RelationRow, layer_id, "r", given)
        relations = [r if r.key else Relation(next(keys), r.head, r.child, r.label) for r in relations]
    _taken(connection, RelationRow, layer_id, [r.key for r in relations], given)
    ends = {key for r in relations for key in (r.head, r.child)}
    rows = {
        row.key: row
        for row in connection.execute(
            select(SpanRow.key, SpanRow.id, SpanRow.label).where(SpanRow.layer_id == layer_id, SpanRow.key.in_(ends))
        )
    }
    heads = {rows[r.head].id for r in relations if r.head in rows}
    existing = connection.execute(
        select(RelationRow.head_id, RelationRow.child_id, RelationRow.label).where(RelationRow.head_id.in_(heads))
    ).all()
    links = {tuple(row) for row in existing}
    per_head = Counter((head_id, label) for head_id, _, label in existing)
    for relation in relations:
        definition = schema.relation(relation.label)
        if definition is None:
            raise DataError(f"unknown relation {relation.label!r}")
        for end, key, want in (("head", relation.head, definition.head), ("child", relation.child, definition.child)):
            if key not in rows:
                raise DataError(f"no span {key!r} in {layer.name}")
            if rows[key].label != want:
                raise DataError(f"{relation.label} needs a {want} {end}, but {key} is a {rows[key].label}")
        head_id, child_id = rows[relation.head].id, rows[relation.child].id
        count = per_head[head_id, relation.label]
        if definition.max_per_head and count >= definition.max_per_head:
            raise DataError(f"{relation.head} already has {count} {relation.label} relation(s); remove one first")
        if (head_id, child_id, relation.label) in links:
            raise DataError(f"{relation.head} is already linked to {relation.child} by {relation.label}")
        links.add((head_id, child_id, relation.label))
        per_head[head_id, relation.label] += 1
    connection.execute(
        insert(RelationRow),
        [
            {"layer_id": layer_id, "key": r.key, "head_id": rows[r.head].id, "child_id": rows[r.child].id}
            | {"label": r.label}
            for r in relations
        ],
    )
    return tuple(Relation(r.key, r.head, r.child, r.label) for r in relations)


def _register(connection: Connection, schema: Schema, values: Iterable[tuple[str, str]]) -> None:
    """A speaker or target named for the first time joins the project's registry, in the same transaction."""
    for name, value in values:
        attribute = schema.attribute(name)
        kind = attribute.kind if attribute else None
        table = SpeakerRow if kind is AttributeKind.SPEAKER else TargetRow if kind is AttributeKind.TARGET else None
        if table is not None and connection.scalar(select(table.id).where(table.name == value)) is None:
            connection.execute(insert(table), {"name": value, **({"aliases": []} if table is SpeakerRow else {})})


def _set_editor(connection: Connection, layer_id: int, version: int, name: str | None) -> None:
    # No column of the layers table names who changed a layer last; until one does, a project setting per gold
    # layer keeps it, with the version it is true for (an edit made elsewhere moves the version on and so voids it).
    key = EDITOR_KEY.format(layer_id=layer_id)
    connection.execute(delete(Setting).where(Setting.key == key))
    connection.execute(insert(Setting), {"key": key, "value": orjson.dumps({"version": version, "by": name}).decode()})
