"""What accepting proposals does to the open layer, worked out as one ``LayerChange``'s parts (no Qt here).

Accepting a proposed claim accepts its statement: the source and cue spans its proposed relations lead to, those
relations and the proposed attributes (a stance as the evidence has it at that moment: ``evidenced``). Where the
layer holds a span of the same label over the same words already (the same offsets, or overlapping: the
annotator's own boundary for the same mention), the proposal is that span: it is linked to instead of added again,
and gets the proposed attributes it lacks (never overwriting one it has).
A rejected proposal is not added, and a link the schema has no room for (``max_per_head``) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from annotator.model import Layer, Relation, Span, Status
from annotator.proposal import Proposals, ProposedSpan, allowed_links
from annotator.proposer.stances import Evidence, merged, stance_evidence, with_stances
from annotator.schema import AttributeKind, Schema
from ui.span_table import SpanTable

Rejection = tuple[str, int, int]  # label, start, end: as the Store keeps it
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "jr", "sr", "vs"}
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)|\n")


def rejection(span: ProposedSpan) -> Rejection:
    return (span.label, span.start, span.end)


def stored_as(spans: SpanTable, proposal: ProposedSpan) -> Span | None:
    """The layer's span that already is ``proposal``: the same label and offsets, else the same label over some of
    the same characters."""
    same = spans.find(proposal.start, proposal.end, proposal.label)
    if same is not None:
        return same
    for span in spans.covering(proposal.start):
        if span.label == proposal.label:
            return span
    return next((s for s in spans.starting_in(proposal.start, proposal.end) if s.label == proposal.label), None)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """The parts of the change that accepts some proposals, and the span to select after it (the first chosen)."""

    added: tuple[Span, ...]
    modified: tuple[tuple[Span, Span], ...]
    linked: tuple[Relation, ...]
    first: str | None

    @property
    def empty(self) -> bool:
        return not (self.added or self.modified or self.linked)


def acceptance(
    proposals: Proposals,
    chosen: Iterable[str],
    *,
    spans: SpanTable,
    relations: Mapping[str, Relation],
    rejected: Collection[Rejection],
    schema: Schema,
    text: str,
    keys: Iterator[str],
    guess_speaker: Callable[[str], str | None],
) -> Acceptance:
    """Accept the proposals ``chosen`` (keys) with their statements, on the layer that ``spans`` and ``relations``
    hold; new spans take their keys from ``keys`` and carry the rule that proposed them. ``first`` is what the first
    chosen proposal became."""
    members: dict[str, ProposedSpan] = {}
    chosen = list(chosen)
    for key in chosen:
        for proposal in proposals.statement_of(key):
            if rejection(proposal) not in rejected:
                members.setdefault(proposal.key, proposal)
    resolved: dict[str, str] = {}  # proposal key -> the layer's span key it becomes
    added: list[Span] = []
    changed: dict[str, tuple[Span, Span]] = {}
    for proposal in members.values():
        attrs = _attributes(proposal, schema, text, guess_speaker)
        stored = stored_as(spans, proposal)
        if stored is None:
            span = Span(next(keys), proposal.start, proposal.end, proposal.label, attrs, rule=proposal.rule)
            added.append(span)
            resolved[proposal.key] = span.key
            continue
        resolved[proposal.key] = stored.key
        before = changed[stored.key][0] if stored.key in changed else stored
        now = changed[stored.key][1].attrs if stored.key in changed else stored.attrs
        merged = attrs | now  # what the layer holds wins
        if merged != now:
            after = Span(stored.key, stored.start, stored.end, stored.label, merged, stored.sources, stored.rule)
            changed[stored.key] = (before, after)
    return Acceptance(
        tuple(added),
        tuple(changed.values()),
        _links(proposals, members, resolved, spans, relations, schema),
        next((resolved[key] for key in chosen if key in resolved), None),
    )


def _attributes(
    proposal: ProposedSpan, schema: Schema, text: str, guess_speaker: Callable[[str], str | None]
) -> dict[str, str]:
    """The proposed attributes the schema allows; a canonical speaker the registry knows by the words, where the
    proposer gave none (as tagging by hand fills it in)."""
    attrs = {n: v for n, v in proposal.attrs.items() if schema.attribute_problem(proposal.label, n, v) is None}
    for attribute in schema.attributes_for(proposal.label):
        if attribute.kind is AttributeKind.SPEAKER and attribute.name not in attrs:
            guess = guess_speaker(text[proposal.start : proposal.end])
            if guess:
                attrs[attribute.name] = guess
    return attrs


def _links(
    proposals: Proposals,
    members: Mapping[str, ProposedSpan],
    resolved: Mapping[str, str],
    spans: SpanTable,
    relations: Mapping[str, Relation],
    schema: Schema,
) -> tuple[Relation, ...]:
    """The proposed relations with an end among the accepted proposals and both ends in the layer after the change
    (the other end accepted too, or held by the layer already), unless linked already or past ``max_per_head``."""

    def end(key: str) -> str | None:
        if key in resolved:
            return resolved[key]
        proposal = proposals.span(key)
        stored = stored_as(spans, proposal) if proposal is not None else None
        return stored.key if stored is not None else None

    wanted: list[tuple[str, str, str]] = []
    for relation in proposals.relations:
        if relation.head not in members and relation.child not in members:
            continue
        head, child = end(relation.head), end(relation.child)
        if head is not None and child is not None:
            wanted.append((head, child, relation.label))
    return tuple(
        Relation("", head, child, label) for head, child, label in allowed_links(wanted, relations.values(), schema)
    )


def evidenced(
    proposals: Proposals,
    schema: Schema,
    learned: Evidence,
    doc_id: str,
    spans: Iterable[Span],
    relations: Iterable[Relation],
) -> Proposals:
    """``proposals`` with the stances their evidence gives now: what the project's done layers taught (``learned``)
    and the reader's open layer (its ``spans`` and ``relations``), where a stance set just now is evidence for the
    next claim of the same speaker on the same target."""
    own = stance_evidence([Layer(doc_id, "", Status.IN_PROGRESS, 0, tuple(spans), tuple(relations))], schema.statement)
    return with_stances(proposals, schema, merged(learned, own))


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence that holds code point ``at``: from just past the previous sentence's end (a full stop, question
    or exclamation mark with its closing quote, before white space; or a line break) to just past its own end.
    Titles such as "Mr." and initials end no sentence."""
    start, search_from = 0, max(at - 4000, 0)
    for found in _sentence_ends(text, search_from, at):
        start = found
    end = next(_sentence_ends(text, at, len(text)), len(text))
    return start, end


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group() != "\n":
            word = re.search(r"(\w+)\W*$", text[max(match.start() - 12, 0) : match.start() + 1])
            if word and (word.group(1).casefold() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        yield match.end()
