"""Spans in words, for the status bar and the article's tooltips: label, text, attributes and links."""

from __future__ import annotations

from annotator.model import Span
from ui.session import Session


def describe_span(session: Session, span: Span) -> str:
    """``CLAIM s3: “…” · stance FAVOR · ATTRIBUTED_TO → “He”``: the span, its attributes and where its links lead."""
    values = ", ".join(f"{name} {value}" for name, value in sorted(span.attrs.items()))
    spans = session.spans
    links = [
        f"{r.label} → “{session.text_of(spans[r.child])}”"
        for r in session.relations_at(span.key)
        if r.head == span.key and r.child in spans
    ]
    text = session.text_of(span)
    excerpt = text if len(text) <= 60 else text[:59] + "…"
    return " · ".join(filter(None, [f"{span.label} {span.key}: “{excerpt}”", values, *links]))


def describe(session: Session, position: int) -> str:
    """Every span over ``position``, one line each."""
    return "\n".join(describe_span(session, span) for span in session.spans_at(position))
