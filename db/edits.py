"""Edits of one layer, as a person makes them: each is one transaction, committed before it returns, and returns the
``LayerChange`` it made. ``apply`` makes any change (a compound edit, an undo's inverse); ``revert`` undoes one.

A layer is created by its first edit. Every change bumps the layer's ``version``. A Store opened with a user changes
only that user's own layers, unless the user is a lead (``db.roles``). On PostgreSQL an edit that met another
writer is run again (``db.conflicts``). ``db.changes`` stores the changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, update

from annotator.change import LayerChange
from annotator.errors import DataError
from annotator.model import GOLD, Relation, Span, Status
from annotator.progress import WorkPeriod
from db.assignments import require_assigned
from db.changes import relations_of, span_of, write_change
from db.conflicts import retrying
from db.keys import remember
from db.layer_state import LayerAt, find_layer, refuse_if_moved
from db.models import LayerRow
from db.progress_figures import keep_period
from db.roles import layer_name, require_owner

if TYPE_CHECKING:
    from annotator.schema import Schema

_NUMBERED = re.compile(r"^[a-z]+(\d+)$")
Build = Callable[[Connection, LayerAt], LayerChange]
"""What a change will be, worked out from the layer as the transaction finds it."""


class Edits:
    """The edit methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None
    """Who is working (None: a trusted caller); set by the Store."""

    @property
    def schema(self) -> Schema:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _change(self, doc_id: str, annotator: str, build: Build, *, version: int | None = None) -> LayerChange:
        """One transaction: who may change the layer, the layer found (and, with ``version``, still at it), the change
        worked out by ``build`` and stored."""
        with self._write() as connection:
            require_owner(connection, self._user_name, annotator, f"change {layer_name(annotator, doc_id)}")
            layer = _found(connection, doc_id, annotator, self._user_name)
            if version is not None:
                refuse_if_moved(connection, layer, version)
            done = write_change(connection, self.schema, layer, build(connection, layer), user=self._user_name)
            engine = connection.engine
        if layer.id is not None:  # committed: the layer's highest keys after it
            remember(engine, layer.id, done)
        return done

    # -- any change -----------------------------------------------------------------------------------------------

    @retrying
    def apply(self, change: LayerChange) -> LayerChange:
        """Make ``change`` in one transaction: an undo's inverse, or a change built on the layer as it was at
        ``change.version_before`` (spans and relations without a key get fresh ones). Refused with ``LayerChanged``
        (``GoldChanged`` for gold) when the layer has moved on since. Returns the change as stored."""
        return self._change(change.doc_id, change.annotator, lambda _c, _l: change, version=change.version_before)

    def revert(self, change: LayerChange) -> LayerChange:
        """Undo ``change`` (one this Store returned), unless the layer has moved on since; returns what the undo
        stored, whose ``revert`` redoes ``change``."""
        return self.apply(change.inverse())

    # -- single edits -----------------------------------------------------------------------------------------------

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
        rule: str | None = None,
    ) -> LayerChange:
        """Store a new span (a fresh ``key`` unless one is given; ``rule``: the proposal it was accepted from); the
        change's ``added`` holds it."""
        span = Span(key or "", start, end, label, dict(attrs or {}), tuple(sources), rule)
        return self._change(doc_id, annotator, lambda _c, layer: _change(layer, added=(span,)))

    @retrying
    def remove_span(self, doc_id: str, annotator: str, key: str) -> LayerChange:
        """Delete a span and the relations that use it (the change's ``removed`` and ``unlinked``)."""
        return self._change(
            doc_id, annotator, lambda connection, layer: _change(layer, removed=(span_of(connection, layer, key),))
        )

    @retrying
    def set_span_attributes(self, doc_id: str, annotator: str, key: str, values: dict[str, str | None]) -> LayerChange:
        """Set (or, with None, clear) attributes of a span; the change's ``modified`` holds it before and after."""

        def build(connection: Connection, layer: LayerAt) -> LayerChange:
            span = span_of(connection, layer, key)
            attrs = dict(span.attrs)
            for name, value in values.items():
                if value is None:
                    attrs.pop(name, None)
                else:
                    attrs[name] = value
            after = Span(key, span.start, span.end, span.label, attrs, span.sources, span.rule)
            return _change(layer, modified=((span, after),) if attrs != span.attrs else ())

        return self._change(doc_id, annotator, build)

    @retrying
    def add_relation(
        self, doc_id: str, annotator: str, head: str, child: str, label: str, *, key: str | None = None
    ) -> LayerChange:
        """Link two spans of one layer, as the schema allows (labels of both ends, at most N per head)."""
        relation = Relation(key or "", head, child, label)
        return self._change(doc_id, annotator, lambda _c, layer: _change(layer, linked=(relation,)))

    @retrying
    def link(
        self, doc_id: str, annotator: str, head: str, child: str, label: str, *, key: str | None = None
    ) -> LayerChange:
        """Like ``add_relation`` (a fresh ``key`` unless one is given), but where ``head`` has its most ``label``
        links already, the oldest give way (the change's ``unlinked``)."""

        def build(connection: Connection, layer: LayerAt) -> LayerChange:
            definition = self.schema.relation(label)
            if definition is None:
                raise DataError(f"unknown relation {label!r}")
            existing = [r for r in relations_of(connection, layer, head=head, with_spans=[child]) if r.label == label]
            if any(r.child == child for r in existing):
                raise DataError(f"{head} is already linked to {child} by {label}")
            existing.sort(key=lambda r: _key_number(r.key))
            most = definition.max_per_head
            replaced = existing[: len(existing) - most + 1] if most and len(existing) >= most else []
            return _change(layer, unlinked=tuple(replaced), linked=(Relation(key or "", head, child, label),))

        return self._change(doc_id, annotator, build)

    @retrying
    def remove_relation(self, doc_id: str, annotator: str, key: str) -> LayerChange:
        return self._change(
            doc_id,
            annotator,
            lambda connection, layer: _change(layer, unlinked=tuple(relations_of(connection, layer, keys=[key]))),
        )

    @retrying
    def set_status(
        self, doc_id: str, annotator: str, status: Status, *, add_time_ms: int = 0, period: WorkPeriod | None = None
    ) -> LayerChange:
        """Set a layer's status (creating the layer if needed) and add time spent on it; ``period``, a stretch of
        work the window timed, is kept as a work period with the statements the layer gained in it, and its time
        added too. Marked done, the
        layer keeps when (``done_at``); set back, it forgets it.

        Time spent is kept beside the layer, not in it: time alone leaves the version where it was (so that an undo
        made after coming back to a document still finds the layer as it left it) and makes an empty change.
        """
        if add_time_ms < 0:
            raise DataError("time spent cannot be negative")
        if status not in tuple(Status):
            raise DataError(f"unknown status {status!r}", hint="use todo, in_progress or done")
        add_time_ms += period.active_ms if period is not None else 0
        with self._write() as connection:
            require_owner(connection, self._user_name, annotator, f"change {layer_name(annotator, doc_id)}")
            layer = _found(connection, doc_id, annotator, self._user_name)
            change = _change(layer, status=(layer.status, Status(status)))
            done = write_change(connection, self.schema, layer, change, user=self._user_name)
            engine = connection.engine
            owner = LayerRow.gold if layer.annotator_id is None else LayerRow.annotator_id == layer.annotator_id
            values: dict[str, Any] = {"time_spent_ms": LayerRow.time_spent_ms + add_time_ms} if add_time_ms else {}
            if status != layer.status:  # done_at: when it was last marked done
                values["done_at"] = datetime.now(UTC) if status == Status.DONE else None
            if values:
                connection.execute(
                    update(LayerRow).where(LayerRow.document_id == layer.document_id, owner).values(**values)
                )
            if period is not None and period.active_ms > 0:
                keep_period(connection, self.schema, layer, owner, period)
        if layer.id is not None:
            remember(engine, layer.id, done)
        return done


def _found(connection: Connection, doc_id: str, annotator: str, user: str | None) -> LayerAt:
    """The layer, as ``find_layer`` finds it; where this change would create it, the project's mode allowing."""
    layer = find_layer(connection, doc_id, annotator)
    if layer.id is None and annotator != GOLD:
        require_assigned(connection, user, layer.document_id, doc_id)
    return layer


def _change(layer: LayerAt, **parts: Any) -> LayerChange:
    """A change to ``layer`` as it is now."""
    return LayerChange(layer.doc_id, layer.annotator, layer.version, layer.version, **parts)


def _key_number(key: str) -> tuple[int, str]:
    match = _NUMBERED.match(key)
    return (int(match.group(1)) if match else 0, key)
