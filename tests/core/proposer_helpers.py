"""Helpers for the proposer's tests: proposals read as (label, text) pairs, statements, and a renamed schema."""

from __future__ import annotations

from annotator.proposal import Lexicon, Proposals, ProposedSpan
from annotator.proposer import propose
from annotator.schema import Schema, default_schema, default_schema_text, parse_schema

_RENAMES = {
    '"CLAIM"': '"CONTENT"',
    '"SPEAKER"': '"SOURCE"',
    '"CUE"': '"TRIGGER"',
    '"ATTRIBUTED_TO"': '"SAID_BY"',
    '"HAS_CUE"': '"INTRODUCED_BY"',
    'name = "speaker"': 'name = "who"',
    'speaker = "speaker"': 'speaker = "who"',
    'name = "stance"': 'name = "position"',
    'stance = "stance"': 'stance = "position"',
    'name = "target"': 'name = "topic"',
    'target = "target"': 'target = "topic"',
    'name = "quote_type"': 'name = "form"',
    'quote_type = "quote_type"': 'quote_type = "form"',
}


def renamed_schema() -> Schema:
    """The default schema with every statement part renamed (CONTENT, SOURCE, TRIGGER; SAID_BY, INTRODUCED_BY;
    who, position, topic, form)."""
    text = default_schema_text()
    for old, new in _RENAMES.items():
        assert old in text, old
        text = text.replace(old, new)
    return parse_schema(text, source="renamed")


def run(text: str, schema: Schema | None = None, lexicon: Lexicon | None = None) -> Proposals:
    return propose(text, schema or default_schema(), lexicon or Lexicon())


def spans(text: str, proposals: Proposals, label: str) -> list[str]:
    return [text[s.start : s.end] for s in proposals.spans if s.label == label]


def statements(text: str, proposals: Proposals, schema: Schema | None = None) -> list[tuple[str, str, str]]:
    """(claim, source, cue) of each proposed content span, by the relations; "" where a part has no link."""
    statement = (schema or default_schema()).statement
    found = []
    for span in proposals.spans:
        if span.label != statement.content:
            continue
        parts = {r.label: proposals.span(r.child) for r in proposals.relations if r.head == span.key}
        source, cue = parts.get(statement.source_relation or ""), parts.get(statement.cue_relation or "")
        found.append((text[span.start : span.end], _text(text, source), _text(text, cue)))
    return found


def _text(text: str, span: ProposedSpan | None) -> str:
    return text[span.start : span.end] if span else ""


def one(proposals: Proposals, text: str, label: str, words: str) -> ProposedSpan:
    """The one proposed span with this label and these words."""
    found = [s for s in proposals.spans if s.label == label and text[s.start : s.end] == words]
    assert len(found) == 1, (label, words, [(s.label, text[s.start : s.end]) for s in proposals.spans])
    return found[0]
