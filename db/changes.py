"""Writing one ``LayerChange`` into one layer: the one way every edit of the Store, on any layer, is stored.

The caller (``db.edits``, ``db.adjudication``) holds a write transaction, has found the layer (``db.layer_state``),
has checked who may change it and, for a change built on an earlier read, that the layer is still at the change's
``version_before``. ``write_change`` checks the change against the text, the schema and what the layer holds, stores
it, moves the layer's version on by one and returns the change as stored: fresh keys where it gave none, the
relations that went with a removed span in ``unlinked``, and the removed and modified spans as the layer held them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, bindparam, delete, insert, select, update
from sqlalchemy.orm import aliased

from annotator.change import LayerChange
from annotator.checks import check_span
from annotator.errors import DataError, LayerChanged
from annotator.model import GOLD, Relation, Span, Status
from annotator.schema import AttributeKind
from db.keys import layer_keys
from db.layer_state import LayerAt, set_editor
from db.models import LayerRow, RelationRow, SpanRow, SpeakerRow, TargetRow

if TYPE_CHECKING:
    from annotator.schema import Schema

# The statements are built once, as db.rows builds its own: an edit runs a handful, and building one costs more
# than running it.
_KEYS: BindParameter[Any] = bindparam("keys", expanding=True)
_SPANS = select(
    SpanRow.id, SpanRow.key, SpanRow.start, SpanRow.end, SpanRow.label, SpanRow.attrs, SpanRow.sources, SpanRow.rule
).where(SpanRow.layer_id == bindparam("layer_id"), SpanRow.key.in_(_KEYS))
_ENDS = select(SpanRow.key, SpanRow.id, SpanRow.label).where(
    SpanRow.layer_id == bindparam("layer_id"), SpanRow.key.in_(_KEYS)
)
_HEAD, _CHILD = aliased(SpanRow), aliased(SpanRow)
_RELATIONS = (
    select(RelationRow.key, _HEAD.key, _CHILD.key, RelationRow.label)
    .join(_HEAD, _HEAD.id == RelationRow.head_id)
    .join(_CHILD, _CHILD.id == RelationRow.child_id)
    .order_by(RelationRow.id)
)
_RELATIONS_NAMED = _RELATIONS.where(RelationRow.layer_id == bindparam("layer_id"), RelationRow.key.in_(_KEYS))
# Named or at a span's end: each term its own index (SQLite's MULTI-INDEX OR). The ends' terms do not name the layer
# (a span's relations are its layer's): with it, SQLite scans every relation of the layer instead, 2 ms at 5,500.
_RELATIONS_OF_SPANS = _RELATIONS.where(
    ((RelationRow.layer_id == bindparam("layer_id")) & RelationRow.key.in_(_KEYS))
    | RelationRow.head_id.in_(bindparam("heads", expanding=True))
    | RelationRow.child_id.in_(bindparam("children", expanding=True))
)
_LINKS_OF_HEADS = _RELATIONS.where(RelationRow.head_id.in_(bindparam("heads", expanding=True)))
_ADD_SPANS = insert(SpanRow)
_ADD_RELATIONS = insert(RelationRow)
_UNLINK = delete(RelationRow).where(RelationRow.layer_id == bindparam("layer_id"), RelationRow.key.in_(_KEYS))
_REMOVE = delete(SpanRow).where(SpanRow.id.in_(bindparam("ids", expanding=True)))
_SET_ATTRS = update(SpanRow).where(SpanRow.id == bindparam("_id")).values(attrs=bindparam("_attrs"))
_MOVE_ON = (
    update(LayerRow)
    .where(LayerRow.id == bindparam("_id"), LayerRow.version == bindparam("_from"))
    .values(version=bindparam("_to"), status=bindparam("_status"))
)


def write_change(
    connection: Connection, schema: Schema, layer: LayerAt, change: LayerChange, *, user: str | None
) -> LayerChange:
    """Store ``change`` in ``layer`` in this order: unlink, remove, add, modify, link, status; see the module."""
    if change.status is not None and layer.id is not None and Status(change.status[1]) == layer.status:
        change = replace(change, status=None)  # the status it has: no change
    if change.empty:
        return replace(change, version_before=layer.version, version_after=layer.version)
    layer_id = layer.id if layer.id is not None else _create(connection, layer, change)
    removed = _spans(connection, layer_id, layer, [s.key for s in change.removed])
    ids = [span_id for span_id, _ in removed.values()]
    # The relations the change names and those that go with a removed span, in one read.
    unlinked = _relations(connection, layer_id, layer, keys=[r.key for r in change.unlinked], span_ids=ids)
    if unlinked:
        connection.execute(_UNLINK, {"layer_id": layer_id, "keys": list(unlinked)})
        for head, held in layer.links_read.items():
            layer.links_read[head] = [r for r in held if r.key not in unlinked]
    if ids:
        connection.execute(_REMOVE, {"ids": ids})
        for key in removed:
            layer.spans_read.pop(key, None)
    added = _add(connection, schema, layer_id, layer, change.added)
    modified = _modify(connection, schema, layer_id, layer, change.modified)
    linked = _link(connection, schema, layer_id, layer, change.linked, {span.key for span in added})
    status = None
    if change.status is not None and Status(change.status[1]) != layer.status:
        status = (layer.status, Status(change.status[1]))
    version = layer.version + 1
    now = status[1] if status else layer.status if layer.id is not None else _created_status(change)
    moved = connection.execute(
        _MOVE_ON, {"_id": layer_id, "_from": layer.version, "_to": version, "_status": now.value}
    )
    if moved.rowcount != 1:  # pragma: no cover - the layer's row is held (find_layer): a conflict comes first
        raise LayerChanged(layer.doc_id, layer.annotator)
    if layer.annotator == GOLD:
        set_editor(connection, layer_id, version, user)
    done = LayerChange(
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
    return done


def span_of(connection: Connection, layer: LayerAt, key: str) -> Span:
    """The span ``key`` as the layer holds it."""
    found = _spans(connection, layer.id, layer, [key])
    return found[key][1]


def relations_of(
    connection: Connection,
    layer: LayerAt,
    *,
    keys: Sequence[str] = (),
    head: str | None = None,
    with_spans: Sequence[str] = (),
) -> list[Relation]:
    """The layer's relations named by ``keys`` (each must exist), or those whose head is the span ``head``; with
    ``head``, the spans ``with_spans`` (each must exist) are read in the same statement as the head (a link's other
    end: what stores the link then reads neither again, nor the head's relations)."""
    if head is not None:
        span_id = _spans(connection, layer.id, layer, [head, *with_spans])[head][0]
        found = _relations(connection, layer.id, layer, span_ids=[span_id]).values()
        headed = layer.links_read[head] = [r for r in found if r.head == head]
        return list(headed)
    return list(_relations(connection, layer.id, layer, keys=keys).values())


# -- the steps ------------------------------------------------------------------------------------------------------


def _created_status(change: LayerChange) -> Status:
    return Status(change.status[1]) if change.status else Status.IN_PROGRESS


def _create(connection: Connection, layer: LayerAt, change: LayerChange) -> int:
    status = _created_status(change)
    row = {"document_id": layer.document_id, "annotator_id": layer.annotator_id, "gold": layer.annotator_id is None}
    created = connection.execute(insert(LayerRow).returning(LayerRow.id), row | {"status": status.value, "version": 0})
    return int(created.scalar_one())


def _spans(
    connection: Connection, layer_id: int | None, layer: LayerAt, keys: Sequence[str]
) -> dict[str, tuple[int, Span]]:
    """{key: (row id, Span)} for ``keys``, in their order; a key the layer lacks is refused."""
    if not keys:
        return {}
    found = layer.spans_read
    wanted = [key for key in keys if key not in found]
    if layer_id is not None and wanted:
        for row in connection.execute(_SPANS, {"layer_id": layer_id, "keys": wanted}):
            found[row.key] = (row.id, _span(row))
    for key in keys:
        if key not in found:
            raise DataError(f"no span {key!r} in {layer.name}")
    return {key: found[key] for key in keys}


def _span(row: Any) -> Span:
    return Span(row.key, row.start, row.end, row.label, dict(row.attrs or {}), tuple(row.sources or ()), row.rule)


def _relations(
    connection: Connection,
    layer_id: int | None,
    layer: LayerAt,
    *,
    keys: Sequence[str] = (),
    span_ids: Sequence[int] = (),
) -> dict[str, Relation]:
    """{key: Relation} for the relations ``keys`` names (each must exist), in their order, then those that use one
    of the spans ``span_ids`` (in the order they were made); one statement."""
    if not keys and not span_ids:
        return {}
    if not span_ids:
        rows = connection.execute(_RELATIONS_NAMED, {"layer_id": layer_id, "keys": list(keys)})
    else:
        ids = list(span_ids)
        parameters = {"layer_id": layer_id, "keys": list(keys), "heads": ids, "children": ids}
        rows = connection.execute(_RELATIONS_OF_SPANS, parameters)
    found = {row[0]: Relation(*row) for row in rows}
    for key in keys:
        if key not in found:
            raise DataError(f"no relation {key!r} in {layer.name}")
    named = {key: found[key] for key in keys}
    return named | {key: relation for key, relation in found.items() if key not in named}


def _add(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, spans: Sequence[Span]
) -> tuple[Span, ...]:
    if not spans:
        return ()
    keys = layer_keys(connection, SpanRow, (layer_id, layer.version), "s", [s.key for s in spans])
    spans = [
        Span(key, s.start, s.end, s.label, dict(s.attrs), s.sources, s.rule) for key, s in zip(keys, spans, strict=True)
    ]
    for span in spans:
        check_span(layer.text_length, span, schema, gold=layer.annotator == GOLD)
    rows = [
        {"layer_id": layer_id, "key": s.key, "start": s.start, "end": s.end, "label": s.label}
        | {"attrs": dict(s.attrs), "sources": list(s.sources), "rule": s.rule}
        for s in spans
    ]
    connection.execute(_ADD_SPANS, rows)
    _register(connection, schema, [(name, value) for s in spans for name, value in s.attrs.items()])
    return tuple(spans)


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
        connection.execute(_SET_ATTRS, {"_id": span_id, "_attrs": attrs})
        now = Span(before.key, before.start, before.end, before.label, attrs, before.sources, before.rule)
        layer.spans_read[now.key] = (span_id, now)
        done.append((before, now))
    return tuple(done)


def _link(
    connection: Connection,
    schema: Schema,
    layer_id: int,
    layer: LayerAt,
    relations: Sequence[Relation],
    new: set[str],
) -> tuple[Relation, ...]:
    """Add relations as the schema allows them: the labels of both ends, no link twice, at most N per head."""
    if not relations:
        return ()
    keys = layer_keys(connection, RelationRow, (layer_id, layer.version), "r", [r.key for r in relations])
    relations = [Relation(key, r.head, r.child, r.label) for key, r in zip(keys, relations, strict=True)]
    # The ends' row ids and labels: those this transaction has read (a link's) are not read again.
    read = layer.spans_read
    ends = {key: (read[key][0], read[key][1].label) for r in relations for key in (r.head, r.child) if key in read}
    if unread := list({key for r in relations for key in (r.head, r.child) if key not in ends}):
        ends |= {
            row.key: (row.id, row.label) for row in connection.execute(_ENDS, {"layer_id": layer_id, "keys": unread})
        }
    # A span the change adds has no links yet: only the others' are read (none, for a tag that links its span), and
    # only those this transaction has not read (a link's head's were, to build it).
    heads = {r.head for r in relations if r.head in ends and r.head not in new}
    existing = [r for head in heads for r in layer.links_read.get(head, ())]
    if unread_heads := [ends[head][0] for head in heads if head not in layer.links_read]:
        existing += [Relation(*row) for row in connection.execute(_LINKS_OF_HEADS, {"heads": unread_heads})]
    links = {(r.head, r.child, r.label) for r in existing}
    per_head = Counter((r.head, r.label) for r in existing)
    for relation in relations:
        definition = schema.relation(relation.label)
        if definition is None:
            raise DataError(f"unknown relation {relation.label!r}")
        for end, key, want in (("head", relation.head, definition.head), ("child", relation.child, definition.child)):
            if key not in ends:
                raise DataError(f"no span {key!r} in {layer.name}")
            if ends[key][1] != want:
                raise DataError(f"{relation.label} needs a {want} {end}, but {key} is a {ends[key][1]}")
        count = per_head[relation.head, relation.label]
        if definition.max_per_head and count >= definition.max_per_head:
            raise DataError(f"{relation.head} already has {count} {relation.label} relation(s); remove one first")
        if (relation.head, relation.child, relation.label) in links:
            raise DataError(f"{relation.head} is already linked to {relation.child} by {relation.label}")
        links.add((relation.head, relation.child, relation.label))
        per_head[relation.head, relation.label] += 1
    connection.execute(
        _ADD_RELATIONS,
        [
            {"layer_id": layer_id, "key": r.key, "head_id": ends[r.head][0], "child_id": ends[r.child][0]}
            | {"label": r.label}
            for r in relations
        ],
    )
    return tuple(Relation(r.key, r.head, r.child, r.label) for r in relations)


def _register(connection: Connection, schema: Schema, values: Iterable[tuple[str, str]]) -> None:
    """Speakers and targets named for the first time join the project's registry, in the same transaction."""
    wanted: dict[type[SpeakerRow] | type[TargetRow], set[str]] = {}
    for name, value in values:
        attribute = schema.attribute(name)
        kind = attribute.kind if attribute else None
        table = SpeakerRow if kind is AttributeKind.SPEAKER else TargetRow if kind is AttributeKind.TARGET else None
        if table is not None:
            wanted.setdefault(table, set()).add(value)
    for table, names in wanted.items():
        stored = set(connection.scalars(_registered(table), {"names": sorted(names)}))
        if missing := sorted(names - stored):
            extra: dict[str, list[str]] = {"aliases": []} if table is SpeakerRow else {}
            connection.execute(insert(table), [{"name": name, **extra} for name in missing])


@cache
def _registered(table: type[SpeakerRow] | type[TargetRow]) -> Any:
    return select(table.name).where(table.name.in_(bindparam("names", expanding=True)))
