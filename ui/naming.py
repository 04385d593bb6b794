"""Spans named in messages by their text (“said”), not by their keys (s3), which a person never sees."""

from __future__ import annotations

import re

from annotator.model import Span
from ui.session import Session

_KEY = re.compile(r"'?\b([a-z]\d+)\b'?")


def quoted(session: Session, span: Span, size: int = 40) -> str:
    """The span's text in quotation marks, shortened to ``size`` characters."""
    text = " ".join(session.text_of(span).split())
    return f"“{text if len(text) <= size else text[: size - 1] + '…'}”"


def named(session: Session, message: str) -> str:
    """``message`` with each key of a span of the open layer replaced by the span's text in quotation marks."""
    spans = session.spans

    def text_of(match: re.Match[str]) -> str:
        span = spans.get(match[1])
        return quoted(session, span) if span is not None else match[0]

    return _KEY.sub(text_of, message)
