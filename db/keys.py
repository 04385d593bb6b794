"""Keys for what a change adds to a layer: fresh ones where the change gives none, and a check that the ones it
gives are free, without reading every key of a long layer when that can be helped (``db.changes`` stores changes)."""

from __future__ import annotations

from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import BindParameter, Connection, Engine, bindparam, func, select

from annotator.change import LayerChange, fresh_keys
from annotator.errors import DataError
from db.models import RelationRow, SpanRow

_HIGHEST: WeakKeyDictionary[Engine, dict[tuple[int, str], tuple[int, int, bool]]] = WeakKeyDictionary()
"""For each database: (layer row, key prefix) -> (the layer's version, a number no key of the layer with the prefix
is numbered above, whether it is the highest key's number), as this process last read or changed the layer. Every
change moves the version on, so an entry holds only while no one else has changed the layer. Then a key numbered
above it is free without a look, and, while it is the highest (no key that held it went since), a fresh key needs
no read of every key of a long layer."""
_KEYS: BindParameter[Any] = bindparam("keys", expanding=True)


def layer_keys(
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
    known = _HIGHEST.setdefault(connection.engine, {}).get((layer[0], prefix))
    bound = known[1] if known is not None and known[0] == layer[1] else None
    for read_all in (False, True):
        done = keys
        if len(given) < len(keys):  # only then is the highest number needed
            fresh = fresh_keys([f"{prefix}{_highest(connection, table, layer, prefix, read_all)}", *given], prefix)
            done = [key or next(fresh) for key in keys]
            bound = None if read_all else bound
        # No key of the layer is numbered above the bound: the keys given above it need no look.
        if bound is not None and all((_number(key, prefix) or 0) > bound for key in given):
            return done
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
    if entry is not None and entry[0] == layer[1] and entry[2] and not read:
        return entry[1]
    stored: list[str] = []
    # The longest keys, largest first, hold the largest number: look at a few of them before reading all.
    for limit in (20, None):
        stored = list(connection.scalars(_keys_like(table, prefix, limit), {"layer_id": layer[0]}))
        if limit is None or next(fresh_keys(stored, prefix)) != f"{prefix}1":
            break
    highest = int(next(fresh_keys(stored, prefix))[len(prefix) :]) - 1
    known[(layer[0], prefix)] = (layer[1], highest, True)
    return highest


def remember_highest(engine: Engine, layer_id: int, version: int, highest: dict[str, int]) -> None:
    """What a whole read of a layer at ``version`` found: the highest number of its keys by prefix (``s``, ``r``),
    so that its next change's keys need no read of every key (about 10 ms at 20,000 spans)."""
    known = _HIGHEST.setdefault(engine, {})
    for prefix, number in highest.items():
        known[(layer_id, prefix)] = (version, number, True)


def remember(engine: Engine, layer_id: int, change: LayerChange) -> None:
    """After ``change`` (as stored, and committed: what a failed transaction would have added is never remembered),
    the highest numbers of the layer's keys, where they were known before it.

    When the key that held the highest number goes, the number stays as a bound (no key is above it), no longer
    the highest: the next fresh key is read (and is the one that went), a key given above it needs no look."""
    known = _HIGHEST.get(engine, {})
    parts = (("s", change.added, change.removed), ("r", change.linked, change.unlinked))
    for prefix, new, gone in parts:
        entry = known.pop((layer_id, prefix), None)
        if entry is None or entry[0] != change.version_before:
            continue
        _, bound, exact = entry
        numbers = [n for item in new if (n := _number(item.key, prefix)) is not None]
        if numbers and max(numbers) > bound:
            bound, exact = max(numbers), True
        if bound not in numbers and any(_number(item.key, prefix) == bound for item in gone):
            exact = False  # (a span moved goes and comes again under its key: that one stays)
        known[(layer_id, prefix)] = (change.version_after, bound, exact)


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
