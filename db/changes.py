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
from weakref import WeakKeyDictionary

from sqlalchemy import BindParameter, Connection, Engine, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import aliased

from annotator.change import LayerChange, fresh_keys
from annotator.checks import check_span
from annotator.errors import DataError, LayerChanged
from annotator.model import GOLD, Relation, Span, Status
from annotator.schema import AttributeKind
from db.layer_state import LayerAt, set_editor
from db.models import LayerRow, RelationRow, SpanRow, SpeakerRow, TargetRow

if TYPE_CHECKING:
    from annotator.schema import Schema

_HIGHEST: WeakKeyDictionary[Engine, dict[tuple[int, str], tuple[int, int]]] = WeakKeyDictionary()
"""For each database: (layer row, key prefix) -> (the layer's version, the highest number of its keys with the
prefix), as this process last changed the layer. Every change moves the version on, so the entry holds only while
no one else has changed the layer; then a fresh key needs no read of every key of a long layer."""

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
    .where(RelationRow.layer_id == bindparam("layer_id"))
    .order_by(RelationRow.id)
)
_RELATIONS_NAMED = _RELATIONS.where(RelationRow.key.in_(_KEYS))
_RELATIONS_OF_SPANS = _RELATIONS.where(
    RelationRow.head_id.in_(bindparam("heads", expanding=True))
    | RelationRow.child_id.in_(bindparam("children", expanding=True))
)
_LINKS_OF_HEADS = select(RelationRow.head_id, RelationRow.child_id, RelationRow.label).where(
    RelationRow.head_id.in_(bindparam("heads", expanding=True))
)
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
    unlinked = _relations(connection, layer_id, layer, keys=[r.key for r in change.unlinked])
    removed = _spans(connection, layer_id, layer, [s.key for s in change.removed])
    ids = [span_id for span_id, _ in removed.values()]
    for relation in _relations(connection, layer_id, layer, span_ids=ids).values():
        unlinked.setdefault(relation.key, relation)  # the relations that go with a removed span
    if unlinked:
        connection.execute(_UNLINK, {"layer_id": layer_id, "keys": list(unlinked)})
    if ids:
        connection.execute(_REMOVE, {"ids": ids})
    added = _add(connection, schema, layer_id, layer, change.added)
    modified = _modify(connection, schema, layer_id, layer, change.modified)
    linked = _link(connection, schema, layer_id, layer, change.linked)
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
    _remember(connection, layer_id, done)
    return done


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
    found: dict[str, tuple[int, Span]] = {}
    if layer_id is not None:
        for row in connection.execute(_SPANS, {"layer_id": layer_id, "keys": list(keys)}):
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
    """{key: Relation} for the relations ``keys`` names (each must exist, in their order), or all those that use one
    of the spans ``span_ids`` (in key order)."""
    if not keys and not span_ids:
        return {}
    if keys:
        rows = connection.execute(_RELATIONS_NAMED, {"layer_id": layer_id, "keys": list(keys)})
    else:
        ids = list(span_ids)
        rows = connection.execute(_RELATIONS_OF_SPANS, {"layer_id": layer_id, "heads": ids, "children": ids})
    found = {row[0]: Relation(*row) for row in rows}
    for key in keys:
        if key not in found:
            raise DataError(f"no relation {key!r} in {layer.name}")
    return {key: found[key] for key in keys} if keys else found


def _keys(
    connection: Connection,
    table: type[SpanRow] | type[RelationRow],
    layer: tuple[int, int],
    prefix: str,
    keys: list[str],
) -> list[str]:
    """``keys`` with a fresh key for each empty one (``prefix`` and numbers after the highest of the layer's and the
    given keys); refuses a key given twice or one the layer holds. ``layer`` is the layer's row and version."""
    given = [key for key in keys if key]
    if len(set(given)) < len(given):
        twice = next(key for key in given if given.count(key) > 1)
        raise DataError(f"the id {twice!r} is given twice in one change", hint="ids are unique in a layer")
    for read_all in (False, True):
        done = keys
        if len(given) < len(keys):  # only then is the highest number needed
            fresh = fresh_keys([f"{prefix}{_highest(connection, table, layer, prefix, read_all)}", *given], prefix)
            done = [key or next(fresh) for key in keys]
        taken = connection.scalar(_taken_query(table), {"layer_id": layer[0], "keys": done})
        if taken is None:
            return done
        if taken in given:
            raise DataError(f"the id {taken!r} is taken in this layer", hint="ids are unique in a layer")
    raise DataError(f"no fresh id for the layer's {prefix} keys")  # pragma: no cover - a read of every key gives one


def _highest(
    connection: Connection, table: type[SpanRow] | type[RelationRow], layer: tuple[int, int], prefix: str, read: bool
) -> int:
    """The highest number of the layer's keys with ``prefix``, as remembered (``_HIGHEST``) or, with ``read`` or
    nothing to remember, as read."""
    known = _HIGHEST.setdefault(connection.engine, {})
    entry = known.get((layer[0], prefix))
    if entry is not None and entry[0] == layer[1] and not read:
        return entry[1]
    stored: list[str] = []
    # The longest keys, largest first, hold the largest number: look at a few of them before reading all.
    for limit in (20, None):
        stored = list(connection.scalars(_keys_like(table, prefix, limit), {"layer_id": layer[0]}))
        if limit is None or next(fresh_keys(stored, prefix)) != f"{prefix}1":
            break
    highest = int(next(fresh_keys(stored, prefix))[len(prefix) :]) - 1
    known[(layer[0], prefix)] = (layer[1], highest)
    return highest


def _remember(connection: Connection, layer_id: int, change: LayerChange) -> None:
    """After ``change`` (as stored), the highest numbers of the layer's keys, where they were known before it."""
    known = _HIGHEST.get(connection.engine, {})
    parts = (("s", change.added, change.removed), ("r", change.linked, change.unlinked))
    for prefix, new, gone in parts:
        entry = known.pop((layer_id, prefix), None)
        if entry is None or entry[0] != change.version_before:
            continue
        highest = entry[1]
        if any(_number(item.key, prefix) == highest for item in gone):
            continue  # the highest went: the next fresh key is read again (and is the same as before it came)
        numbers = [n for item in new if (n := _number(item.key, prefix)) is not None]
        known[(layer_id, prefix)] = (change.version_after, max([highest, *numbers]))


def _number(key: str, prefix: str) -> int | None:
    digits = key[len(prefix) :]
    return int(digits) if key.startswith(prefix) and digits.isdecimal() else None


@cache
def _keys_like(table: type[SpanRow] | type[RelationRow], prefix: str, limit: int | None) -> Any:
    query = select(table.key).where(
        table.layer_id == bindparam("layer_id"), table.key.startswith(prefix, autoescape=True)
    )
    return query.order_by(func.length(table.key).desc(), table.key.desc()).limit(limit)


@cache
def _taken_query(table: type[SpanRow] | type[RelationRow]) -> Any:
    return select(table.key).where(table.layer_id == bindparam("layer_id"), table.key.in_(_KEYS)).limit(1)


def _add(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, spans: Sequence[Span]
) -> tuple[Span, ...]:
    if not spans:
        return ()
    keys = _keys(connection, SpanRow, (layer_id, layer.version), "s", [s.key for s in spans])
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
    connection.execute(insert(SpanRow), rows)
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
        done.append(
            (before, Span(before.key, before.start, before.end, before.label, attrs, before.sources, before.rule))
        )
    return tuple(done)


def _link(
    connection: Connection, schema: Schema, layer_id: int, layer: LayerAt, relations: Sequence[Relation]
) -> tuple[Relation, ...]:
    """Add relations as the schema allows them: the labels of both ends, no link twice, at most N per head."""
    if not relations:
        return ()
    keys = _keys(connection, RelationRow, (layer_id, layer.version), "r", [r.key for r in relations])
    relations = [Relation(key, r.head, r.child, r.label) for key, r in zip(keys, relations, strict=True)]
    ends = {key for r in relations for key in (r.head, r.child)}
    rows = {row.key: row for row in connection.execute(_ENDS, {"layer_id": layer_id, "keys": list(ends)})}
    heads = list({rows[r.head].id for r in relations if r.head in rows})
    existing = connection.execute(_LINKS_OF_HEADS, {"heads": heads}).all()
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
