"""Proposed annotations: what the proposer offers and the annotator accepts or rejects, as values.

A proposal is never part of a layer until it is accepted; accepting one becomes one ``LayerChange``. Each
proposed span and relation carries the rule that made it, in words an annotator reads in a tooltip
("cue: reporting verb 'said'"). Offsets are code points of the document's text, end exclusive, as everywhere.

``Proposer`` is what the window and the ``suggest`` command are given: a function of a text, the project's schema
and what the project has taught it (``Lexicon``). The rules live in ``annotator.proposer``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from annotator.model import Relation
from annotator.schema import Schema, SpeakerDef


@dataclass(frozen=True, slots=True)
class ProposedSpan:
    """A span the proposer offers: ``key`` (``p1``, ``p2``…) is unique within one ``Proposals`` and stable for the
    same text, schema and lexicon; ``attrs`` holds only attributes with evidence for their value."""

    key: str
    start: int
    end: int
    label: str
    rule: str
    attrs: Mapping[str, str] = field(default_factory=dict)

    def __init__(
        self, key: str, start: int, end: int, label: str, rule: str, attrs: Mapping[str, str] | None = None
    ) -> None:
        # The generated __init__ of a frozen dataclass, with object.__setattr__ looked up once, not at each field:
        # a text of 100,000 characters has some 1,800 proposed spans and 1,500 relations.
        set_field = object.__setattr__
        set_field(self, "key", key)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "label", label)
        set_field(self, "rule", rule)
        set_field(self, "attrs", {} if attrs is None else attrs)


@dataclass(frozen=True, slots=True)
class ProposedRelation:
    """A link between two proposed spans (by their keys), from ``head`` to ``child``."""

    head: str
    child: str
    label: str
    rule: str

    def __init__(self, head: str, child: str, label: str, rule: str) -> None:
        set_field = object.__setattr__  # as in ProposedSpan
        set_field(self, "head", head)
        set_field(self, "child", child)
        set_field(self, "label", label)
        set_field(self, "rule", rule)


@dataclass(frozen=True, slots=True)
class Proposals:
    """Everything proposed for one text, spans in text order. ``statement_of`` groups them: a content span with the
    source and cue spans its relations lead to, which the window accepts together."""

    spans: tuple[ProposedSpan, ...] = ()
    relations: tuple[ProposedRelation, ...] = ()

    def span(self, key: str) -> ProposedSpan | None:
        for span in self.spans:
            if span.key == key:
                return span
        return None

    def statement_of(self, key: str) -> tuple[ProposedSpan, ...]:
        """The span ``key`` and the spans its relations lead to (a proposed claim with its speaker and cue), in
        text order; a span no relation starts from stands alone."""
        keys = {key} | {r.child for r in self.relations if r.head == key}
        return tuple(s for s in self.spans if s.key in keys)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What a project teaches the proposer: the source and cue phrases annotators marked in done layers (as typed,
    case kept), with how often each was marked, and the canonical speaker annotators gave each source phrase (the
    one given most often); the stances of those layers' statements by canonical speaker and target, each with the
    document it is in (``annotator.proposer.stances``); and the project's registry of speakers and its targets as
    the Store holds them (those added since the schema file too). Empty for a new project."""

    sources: Mapping[str, int] = field(default_factory=dict)
    cues: Mapping[str, int] = field(default_factory=dict)
    speakers: Mapping[str, str] = field(default_factory=dict)
    stances: Mapping[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    registry: tuple[SpeakerDef, ...] = ()
    targets: tuple[str, ...] = ()


class Proposer(Protocol):
    def __call__(self, text: str, schema: Schema, lexicon: Lexicon) -> Proposals: ...


def allowed_links(
    wanted: Iterable[tuple[str, str, str]], relations: Iterable[Relation], schema: Schema
) -> list[tuple[str, str, str]]:
    """Of the links ``wanted`` (head key, child key, relation label), in their order, those the schema allows beside
    a layer's ``relations``: a relation it defines, not linked already (nor twice here), at most ``max_per_head``
    per head. What accepting a proposal and pre-annotating a layer link."""
    held = list(relations)
    links = {(r.head, r.child, r.label) for r in held}
    per_head = Counter((r.head, r.label) for r in held)
    allowed: list[tuple[str, str, str]] = []
    for head, child, label in wanted:
        definition = schema.relation(label)
        if definition is None or (head, child, label) in links:
            continue
        if definition.max_per_head and per_head[head, label] >= definition.max_per_head:
            continue
        links.add((head, child, label))
        per_head[head, label] += 1
        allowed.append((head, child, label))
    return allowed
