"""One change to one layer, as a value: what every write of the Store returns, and what an undo replays.

A ``LayerChange`` says what was added, removed and modified in one layer (an annotator's or gold): spans, relations,
span attributes and the layer's status, with the layer's version before and after. Its ``inverse()`` is the change
that undoes it. The Store applies a change in one transaction and refuses it when the layer has moved on from
``version_before`` (see ``db.store.Store.apply``); the window and the review repaint from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.model import Relation, Span, Status


@dataclass(frozen=True, slots=True)
class LayerChange:
    """A change to the layer of ``annotator`` (``model.GOLD`` for gold) on ``doc_id``.

    ``modified`` holds (before, after) pairs of a span whose attributes changed (same key, same offsets).
    ``unlinked`` includes the relations that went with a removed span. ``status`` is (before, after) when the
    layer's status changed. Applied in this order: unlink, remove, add, modify, link, status.
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
