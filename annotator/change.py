"""One change to one layer, as a value: what every write of the Store returns, and what an undo replays.

A ``LayerChange`` says what was added, removed and modified in one layer (an annotator's or gold): spans, relations,
span attributes and the layer's status, with the layer's version before and after. Its ``inverse()`` is the change
that undoes it. The Store applies a change in one transaction and refuses it when the layer has moved on from
``version_before`` (see ``db.store.Store.apply``); the window and the review repaint from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from annotator.errors import GoldChanged, LayerChanged
from annotator.model import GOLD, Layer, Relation, Span, Status

_NUMBERED = re.compile(r"^([a-z]+)(\d+)$")


@dataclass(frozen=True, slots=True)
class LayerChange:
    """A change to the layer of ``annotator`` (``model.GOLD`` for gold) on ``doc_id``.

    ``modified`` holds (before, after) pairs of a span whose attributes changed (same key, same offsets).
    ``unlinked`` includes the relations that went with a removed span. ``status`` is (before, after) when the
    layer's status changed. Applied in this order: unlink, remove, add, modify, link, status.

    A change a caller builds (a compound edit) may leave the keys of new spans and relations empty: the Store gives
    fresh ones (to link a new span, name it with a key from ``fresh_keys``). A layer that does not exist yet is at
    version 0; time spent on a layer is not part of any change.
    """

    doc_id: str
    annotator: str
    version_before: int
    version_after: int
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    modified: tuple[tuple[Span, Span], ...] = ()
    linked: tuple[Relation, ...] = ()
    unlinked: tuple[Relation, ...] = ()
    status: tuple[Status, Status] | None = None

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.modified or self.linked or self.unlinked or self.status)

    def inverse(self) -> LayerChange:
        """The change that undoes this one, to be applied to the layer as this one left it (``version_after``);
        the Store that applies it gives the version it ends at."""
        return LayerChange(
            self.doc_id,
            self.annotator,
            self.version_after,
            self.version_after,
            added=self.removed,
            removed=self.added,
            modified=tuple((after, before) for before, after in self.modified),
            linked=self.unlinked,
            unlinked=self.linked,
            status=(self.status[1], self.status[0]) if self.status else None,
        )


def fresh_keys(taken: Iterable[str], prefix: str) -> Iterator[str]:
    """Keys ``s7``, ``s8``... after the highest number of ``taken`` with ``prefix``, as the Store numbers them: what a
    caller gives the spans and relations of a change it builds, so that its relations can name its new spans."""
    numbers = [int(m.group(2)) for key in taken if (m := _NUMBERED.match(key)) and m.group(1) == prefix]
    number = max(numbers, default=0)
    while True:
        number += 1
        yield f"{prefix}{number}"


def with_keys(change: LayerChange, spans: Iterator[str], relations: Iterator[str]) -> LayerChange:
    """``change`` with the keys it leaves empty taken from ``spans`` and ``relations`` (what ``fresh_keys`` gives),
    passing over keys the change names already: a caller that knows the layer's highest keys names them itself, and
    the Store need not look for fresh ones."""
    if all(s.key for s in change.added) and all(r.key for r in change.linked):
        return change

    def named(items: tuple[Any, ...], keys: Iterator[str]) -> tuple[Any, ...]:
        given = {item.key for item in items if item.key}
        free = (key for key in keys if key not in given)
        return tuple(item if item.key else replace(item, key=next(free)) for item in items)

    return replace(change, added=named(change.added, spans), linked=named(change.linked, relations))


def highest_number(keys: Iterable[str], prefix: str) -> int:
    """The highest number of the ``keys`` with ``prefix`` (a run of letters, ``s``: ``s12`` is 12), 0 for none.
    Without a pattern per key: a layer's read takes it over every key (20,000 in about 3 ms)."""
    n = len(prefix)
    return max((int(key[n:]) for key in keys if key.startswith(prefix) and key[n:].isdecimal()), default=0)


def apply_to(layer: Layer | None, change: LayerChange) -> Layer | None:
    """``layer`` (None: there is none yet) as ``change`` leaves it, for a copy kept in step without reading it again.

    New spans and relations come last; a layer that a change creates is in progress unless the change sets its status.
    """
    if change.empty:
        return layer
    removed = {span.key for span in change.removed}
    after = {before.key: now for before, now in change.modified}
    unlinked = {relation.key for relation in change.unlinked}
    spans = [after.get(s.key, s) for s in (layer.spans if layer else ()) if s.key not in removed]
    relations = [
        r
        for r in (layer.relations if layer else ())
        if r.key not in unlinked and r.head not in removed and r.child not in removed
    ]
    status = change.status[1] if change.status else layer.status if layer else Status.IN_PROGRESS
    return Layer(
        change.doc_id,
        change.annotator,
        status,
        layer.time_spent_ms if layer else 0,
        (*spans, *change.added),
        (*relations, *change.linked),
    )


class Reverts:
    """What a window's undo and redo go by: which versions of a layer hold the same content.

    Undoing a change brings back what the layer held before it, at a new version (every change moves the version
    on). So the inverse of a change X is sound where the layer holds, by content, what X left, and nobody else has
    changed it since: ``inverse_at`` refuses it otherwise, and the Store refuses it when the layer is no longer at
    the version the window holds. Versions never seen here (a layer read again after someone else changed it) are
    like no other.
    """

    def __init__(self) -> None:
        self._same: dict[tuple[str, str, int], int] = {}  # a version -> the first version with the same content

    def _first(self, change: LayerChange, version: int) -> int:
        return self._same.get((change.doc_id, change.annotator, version), version)

    def inverse_at(self, change: LayerChange, version: int) -> LayerChange:
        """The inverse of ``change`` (one this window made, or an undo or redo of one), to apply to the layer at
        ``version``: ``LayerChanged`` unless the layer at ``version`` holds what ``change`` left."""
        if self._first(change, version) != self._first(change, change.version_after):
            if change.annotator == GOLD:
                raise GoldChanged(change.doc_id)
            raise LayerChanged(change.doc_id, change.annotator)
        return replace(change.inverse(), version_before=version)

    def reverted(self, change: LayerChange, done: LayerChange) -> None:
        """``done`` is what the Store stored for the inverse of ``change``: the layer holds what ``change`` found."""
        if not done.empty:
            self._same[(done.doc_id, done.annotator, done.version_after)] = self._first(change, change.version_before)
