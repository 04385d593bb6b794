"""Adjudication: what goes into the gold layer, worked out without the database.

The Store reads the layers, asks these functions what to add, and writes it in one transaction. A gold span keeps
in ``sources`` the annotators it came from, and the ``rule`` of the proposal they accepted (where they all did);
its relations follow the annotators' where both ends are in gold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from annotator.agreement.units import DocumentLayers, Unit, document_units, unanimous_relations
from annotator.change import LayerChange, fresh_keys
from annotator.model import Layer, Relation, Span
from annotator.schema import Schema


@dataclass(frozen=True, slots=True)
class GoldLayer:
    """A document's gold layer (None before its first span) and its version (0 then)."""

    doc_id: str
    layer: Layer | None
    version: int


@dataclass(frozen=True, slots=True)
class AutoResult:
    """What ``accept_unanimous`` did on one document, and the units it left to the lead."""

    change: LayerChange
    units: tuple[Unit, ...]

    @property
    def left(self) -> tuple[Unit, ...]:
        return tuple(unit for unit in self.units if not unit.unanimous and unit.gold is None)


def _counterpart(gold: Iterable[Span], span: Span) -> Span | None:
    """The gold span at the same offsets with the same label."""
    return next((g for g in gold if (g.start, g.end, g.label) == (span.start, span.end, span.label)), None)


class _Links:
    """Gold relations as they will be: refuses duplicates and more than a relation's ``max_per_head``."""

    def __init__(self, schema: Schema, existing: Iterable[Relation], keys: Iterator[str]) -> None:
        self.schema = schema
        self.keys = keys
        self.links = {(r.head, r.child, r.label) for r in existing}
        self.per_head = Counter((r.head, r.label) for r in existing)
        self.added: list[Relation] = []

    def add(self, head: str, child: str, label: str) -> None:
        definition = self.schema.relation(label)
        if definition is None or (head, child, label) in self.links:
            return
        if definition.max_per_head and self.per_head[head, label] >= definition.max_per_head:
            return  # gold already has what this relation would add to: the lead decides
        self.links.add((head, child, label))
        self.per_head[head, label] += 1
        self.added.append(Relation(next(self.keys), head, child, label))


def adoption(
    source: Layer,
    key: str,
    gold: Layer | None,
    schema: Schema,
    *,
    sources: Sequence[str] | None = None,
    replace: Collection[str] = (),
) -> tuple[Span, list[Relation]]:
    """The gold span made from span ``key`` of ``source`` (an annotator's layer), and the gold relations that
    follow the source's relations of that span where the other end is in gold (same offsets and label).

    ``replace`` names gold spans that go in the same change (the unit's earlier version): they are not ends.
    """
    spans = {span.key: span for span in source.spans}
    if key not in spans:
        raise KeyError(f"no span {key!r} in {source.annotator}'s layer of {source.doc_id!r}")
    taken = [s for s in (gold.spans if gold else ()) if s.key not in replace]
    relations = [r for r in (gold.relations if gold else ()) if r.head not in replace and r.child not in replace]
    chosen = spans[key]
    new_key = next(fresh_keys([s.key for s in gold.spans] if gold else [], "s"))
    span = Span(
        new_key,
        chosen.start,
        chosen.end,
        chosen.label,
        dict(chosen.attrs),
        tuple(sources or (source.annotator,)),
        chosen.rule,
    )
    links = _Links(schema, relations, fresh_keys([r.key for r in gold.relations] if gold else [], "r"))
    for relation in source.relations:
        if key not in (relation.head, relation.child):
            continue
        other = spans.get(relation.child if relation.head == key else relation.head)
        found = _counterpart(taken, other) if other is not None else None
        if found is None:
            continue
        if relation.head == key:
            links.add(new_key, found.key, relation.label)
        else:
            links.add(found.key, new_key, relation.label)
    return span, links.added


def unanimous_additions(
    document: DocumentLayers, schema: Schema, annotators: Sequence[str] | None = None
) -> tuple[list[Unit], list[Span], list[Relation]]:
    """What accepting every unanimous unit of ``document`` adds to its gold layer.

    Returns the units (for reporting what is left), the new gold spans (units already in gold are skipped; the
    sources are the unit's annotators) and the relations every annotator made between units now in gold.
    """
    units = document_units(document, annotators, statement=schema.statement)
    gold = document.gold
    keys = fresh_keys([s.key for s in gold.spans] if gold else [], "s")
    in_gold: dict[int, str] = {unit.index: unit.gold.key for unit in units if unit.gold is not None}
    added: list[Span] = []
    for unit in units:
        if not unit.unanimous or unit.index in in_gold:
            continue
        first = next(span for span in unit.spans.values() if span is not None)
        exists = _counterpart(gold.spans if gold else (), first)
        if exists is not None:  # gold has it, though the units paired that gold span with another unit
            continue
        rules = {span.rule for span in unit.spans.values() if span is not None}
        rule = rules.pop() if len(rules) == 1 else None  # a rule all of them accepted; else made by hand somewhere
        span = Span(next(keys), first.start, first.end, first.label, dict(first.attrs), unit.present, rule)
        added.append(span)
        in_gold[unit.index] = span.key
    links = _Links(
        schema, gold.relations if gold else (), fresh_keys([r.key for r in gold.relations] if gold else [], "r")
    )
    new = {span.key for span in added}
    for head, child, label in unanimous_relations(units, document.layers):
        if head in in_gold and child in in_gold and (in_gold[head] in new or in_gold[child] in new):
            links.add(in_gold[head], in_gold[child], label)
    return units, added, links.added
