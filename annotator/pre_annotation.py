"""Pre-annotation: a document's proposals made into one change to an annotator's layer (``annotator suggest``).

The proposals become spans that keep the rule that made them (``Span.rule``), with their relations and attributes,
and the layer goes in progress: one ``LayerChange``, one version step, one undo. A layer that is done is never
touched; a layer that has spans is left alone, unless ``replace`` is asked for, which takes away only the spans that
came from proposals (a span with a rule) and keeps every span made by hand. Proposals the layer's owner rejected
are not added, nor is a proposed span the layer already holds (its relations go to the span held). No Qt, no SQL:
the command reads the layer and the rejections, asks this module for the change, and gives it to the Store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from annotator.change import LayerChange, fresh_keys
from annotator.model import Layer, Relation, Span, Status
from annotator.proposal import Proposals, allowed_links
from annotator.schema import Schema

Rejected = Collection[tuple[str, int, int]]
"""Proposals a layer's owner rejected, as (label, start, end)."""


@dataclass(frozen=True, slots=True)
class PreAnnotation:
    """What pre-annotating one layer comes to: the change to store (None when there is nothing to store) and, for
    a layer left alone, why."""

    doc_id: str
    change: LayerChange | None
    left_alone: str | None = None

    def summary(self) -> str:
        """One line for the person who ran the command."""
        if self.change is None:
            return f"{self.doc_id}: {self.left_alone or 'nothing proposed'}"
        change = self.change
        labels = Counter(span.label for span in change.added)
        parts = [f"added {len(change.added)} span(s)" + (f" ({_counts(labels)})" if labels else "")]
        parts.append(f"{len(change.linked)} relation(s)")
        if change.removed:
            parts.append(f"replaced {len(change.removed)} proposed span(s)")
        return f"{self.doc_id}: " + ", ".join(parts)


def pre_annotation(
    doc_id: str,
    annotator: str,
    layer: Layer | None,
    version: int,
    proposals: Proposals,
    schema: Schema,
    *,
    rejected: Rejected = (),
    replace: bool = False,
) -> PreAnnotation:
    """The change that puts ``proposals`` into ``annotator``'s ``layer`` of ``doc_id`` (None: there is none yet),
    read at ``version``; see the module for what is left alone."""
    if layer is not None and layer.status is Status.DONE:
        return PreAnnotation(doc_id, None, "done, left alone")
    spans = layer.spans if layer is not None else ()
    if spans and not replace:
        return PreAnnotation(doc_id, None, f"has {len(spans)} span(s), left alone (--replace replaces proposed ones)")
    removed = tuple(span for span in spans if span.rule is not None)
    kept = [span for span in spans if span.rule is None]
    gone = {span.key for span in removed}
    relations = [r for r in (layer.relations if layer else ()) if r.head not in gone and r.child not in gone]
    held = {(span.start, span.end, span.label): span.key for span in kept}
    no = set(rejected)
    keys = fresh_keys([span.key for span in spans], "s")
    key_of: dict[str, str] = {}  # a proposal's key -> the key of its span in the layer
    added: list[Span] = []
    for proposed in proposals.spans:
        where = (proposed.start, proposed.end, proposed.label)
        if (proposed.label, proposed.start, proposed.end) in no:
            continue
        if where in held:
            key_of[proposed.key] = held[where]
            continue
        key = next(keys)
        key_of[proposed.key] = key
        held[where] = key
        added.append(Span(key, proposed.start, proposed.end, proposed.label, dict(proposed.attrs), (), proposed.rule))
    linked = _links(proposals, key_of, relations, schema)
    if not added and not removed and not linked:
        return PreAnnotation(doc_id, None, "nothing proposed" if not spans else "nothing new proposed")
    before = layer.status if layer is not None else Status.TODO
    status = (before, Status.IN_PROGRESS) if before is not Status.IN_PROGRESS else None
    change = LayerChange(
        doc_id, annotator, version, version, added=tuple(added), removed=removed, linked=linked, status=status
    )
    return PreAnnotation(doc_id, change)


def _links(
    proposals: Proposals, key_of: dict[str, str], relations: list[Relation], schema: Schema
) -> tuple[Relation, ...]:
    """The proposed relations whose ends are in the layer, as the schema allows them beside ``relations`` (the
    layer's, kept): no link twice, at most ``max_per_head`` per head."""
    wanted: list[tuple[str, str, str]] = []
    for proposed in proposals.relations:
        head, child = key_of.get(proposed.head), key_of.get(proposed.child)
        if head is not None and child is not None:
            wanted.append((head, child, proposed.label))
    keys = fresh_keys([r.key for r in relations], "r")
    return tuple(
        Relation(next(keys), head, child, label) for head, child, label in allowed_links(wanted, relations, schema)
    )


def proposals_record(doc_id: str, text: str, proposals: Proposals, rejected: Rejected = ()) -> dict[str, Any]:
    """The proposals for one document as one JSON object (``suggest --json``): spans with offsets (code points),
    label, text, attributes and rule; relations between them with their rule. Rejected proposals are left out, and
    so are the relations that lead to them."""
    no = set(rejected)
    spans = [s for s in proposals.spans if (s.label, s.start, s.end) not in no]
    kept = {s.key for s in spans}
    return {
        "doc_id": doc_id,
        "spans": [
            {"id": s.key, "start": s.start, "end": s.end, "label": s.label, "text": text[s.start : s.end]}
            | {"attrs": dict(s.attrs), "rule": s.rule}
            for s in spans
        ],
        "relations": [
            {"head": r.head, "child": r.child, "label": r.label, "rule": r.rule}
            for r in proposals.relations
            if r.head in kept and r.child in kept
        ],
    }


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{label} {count}" for label, count in sorted(counter.items()))
