"""Statements: who said what, built from a layer as the schema's ``[statement]`` table defines them.

A statement is a content span (a CLAIM in the default schema) with the source mentions its source relation leads
to (SPEAKER, by ATTRIBUTED_TO), its cues (CUE, by HAS_CUE), the canonical speaker of its source, and its stance,
target and quote type. The statements export, agreement, the window's statements panel and the review build them
here, so no label, relation or attribute name is written into any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from annotator.model import Relation, Span
from annotator.schema import Schema, StatementDef

_NONE: tuple[Span, ...] = ()


class Statement(NamedTuple):
    """A content span with the spans its relations lead to (in the order of the layer's relations), the canonical
    speaker of its first source, and its stance, target and quote type (None where it has none)."""

    content: Span
    sources: tuple[Span, ...]
    cues: tuple[Span, ...]
    speaker: str | None = None
    stance: str | None = None
    target: str | None = None
    quote_type: str | None = None

    @property
    def key(self) -> str:
        return self.content.key

    @property
    def source(self) -> Span | None:
        """The (first) source mention; the default schema allows one per claim."""
        return self.sources[0] if self.sources else None

    @property
    def cue(self) -> Span | None:
        """The first cue in the text."""
        return first_cue(self.cues)


def first_cue(cues: Sequence[Span]) -> Span | None:
    """The first of ``cues`` in the text."""
    return (cues[0] if len(cues) == 1 else earliest(cues)) if cues else None


def earliest(spans: Sequence[Span]) -> Span:
    """The first of ``spans`` (at least one) in the text."""
    return min(spans, key=_position)


class LayerStatements(NamedTuple):
    """The statements of one layer: its content spans in the order of its spans, the source mentions and cues of
    each (by content key; none where it has none), and what no statement holds.

    ``statements`` builds them; an export, which meets a hundred thousand claims, reads the parts instead.
    """

    definition: StatementDef
    contents: list[Span]
    sources: dict[str, tuple[Span, ...]]
    cues: dict[str, tuple[Span, ...]]
    linked: set[str]  # keys of the spans some statement holds as a source or cue
    others: list[Relation]  # relations that are neither a source nor a cue relation

    @property
    def statements(self) -> list[Statement]:
        sources, cues = self.sources, self.cues
        return [
            _statement(self.definition, c, sources.get(c.key, _NONE), cues.get(c.key, _NONE)) for c in self.contents
        ]


def layer_statements(definition: StatementDef, spans: Iterable[Span], relations: Iterable[Relation]) -> LayerStatements:
    """The statements of a layer's ``spans`` and ``relations``: one per content span, in the order of ``spans``."""
    by_key = {span.key: span for span in spans}
    source, cue = definition.source_relation, definition.cue_relation
    sources: dict[str, tuple[Span, ...]] = {}
    cues: dict[str, tuple[Span, ...]] = {}
    linked: set[str] = set()
    others: list[Relation] = []
    for relation in relations:
        label = relation.label
        if label == source:
            links = sources
        elif label == cue:
            links = cues
        else:
            others.append(relation)
            continue
        head, child = relation.head, relation.child
        linked.add(child)
        found = links.get(head)
        links[head] = (by_key[child],) if found is None else (*found, by_key[child])
    content = definition.content
    contents = [span for span in by_key.values() if span.label == content]
    return LayerStatements(definition, contents, sources, cues, linked, others)


def statement_of(
    definition: StatementDef, content: Span, spans: Mapping[str, Span], relations: Iterable[Relation]
) -> Statement:
    """The statement of one content span, from the relations of its layer that start at it (others are skipped;
    so are relations to a span not in ``spans``)."""
    key, source, cue = content.key, definition.source_relation, definition.cue_relation
    sources: list[Span] = []
    cues: list[Span] = []
    for relation in relations:
        if relation.head != key or relation.child not in spans:
            continue
        if relation.label == source:
            sources.append(spans[relation.child])
        elif relation.label == cue:
            cues.append(spans[relation.child])
    return _statement(definition, content, tuple(sources), tuple(cues))


def canonical_speakers(
    definition: StatementDef, spans: Iterable[Span], relations: Iterable[Relation]
) -> dict[str, str | None]:
    """The canonical speaker of each span that has one: a source mention's own, a content span's that of its
    source (a content span without a source relation is left out)."""
    name, source = definition.speaker, definition.source_relation
    if name is None:
        return {}
    by_key = {span.key: span for span in spans}
    speakers: dict[str, str | None] = {key: span.attrs[name] for key, span in by_key.items() if name in span.attrs}
    said: dict[str, str | None] = {}
    for relation in relations:
        if relation.label == source and relation.child in by_key and relation.head not in said:
            said[relation.head] = by_key[relation.child].attrs.get(name)
    speakers.update(said)
    return speakers


def stance_values(schema: Schema) -> tuple[str, ...]:
    """The values the schema's stance attribute takes, in its order (none when it has no stance)."""
    stance = schema.attribute(schema.statement.stance or "")
    return stance.values if stance is not None else ()


def _statement(definition: StatementDef, content: Span, sources: tuple[Span, ...], cues: tuple[Span, ...]) -> Statement:
    attrs, speaker = content.attrs, definition.speaker
    return Statement(
        content,
        sources,
        cues,
        sources[0].attrs.get(speaker) if sources and speaker else None,
        attrs.get(definition.stance) if definition.stance else None,
        attrs.get(definition.target) if definition.target else None,
        attrs.get(definition.quote_type) if definition.quote_type else None,
    )


def _position(span: Span) -> tuple[int, int]:
    return span.start, span.end
