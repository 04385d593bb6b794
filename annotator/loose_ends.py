"""What a layer leaves open before it is marked done: content spans without a source, a cue or a stance, and
source mentions no content span is linked to.

Each part comes from the schema's ``[statement]`` table (``StatementDef``): a schema without a cue asks for no cue,
one without a stance for no stance. Nothing here is refused; the window lists these and lets the person choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from annotator.model import Relation, Span
from annotator.schema import StatementDef
from annotator.statement import layer_statements


class LooseEnd(NamedTuple):
    """A span and what it lacks, in words ("no SPEAKER", "no stance", "no CLAIM is linked to it")."""

    span: Span
    lacks: tuple[str, ...]


def loose_ends(definition: StatementDef, spans: Iterable[Span], relations: Iterable[Relation]) -> list[LooseEnd]:
    """The layer's loose ends in the order of ``spans``: each content span without a source, a cue or a stance
    (those the statement has), and each source mention that no content span's source relation leads to."""
    spans = list(spans)
    parts = layer_statements(definition, spans, relations)
    contents = {span.key for span in parts.contents}
    found: list[LooseEnd] = []
    for span in spans:
        lacks: list[str] = []
        if span.key in contents:
            if definition.source is not None and not parts.sources.get(span.key):
                lacks.append(f"no {definition.source}")
            if definition.cue is not None and not parts.cues.get(span.key):
                lacks.append(f"no {definition.cue}")
            if definition.stance is not None and not span.attrs.get(definition.stance):
                lacks.append(f"no {definition.stance}")
        elif span.label == definition.source and span.key not in _sourced(parts.sources):
            lacks.append(f"no {definition.content} is linked to it")
        if lacks:
            found.append(LooseEnd(span, tuple(lacks)))
    return found


def _sourced(sources: dict[str, tuple[Span, ...]]) -> set[str]:
    """The keys of the source mentions some content span's source relation leads to."""
    return {span.key for linked in sources.values() for span in linked}
