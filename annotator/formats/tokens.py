"""Tokens for the token-based formats (spaCy/Prodigy JSONL, DocBin, CoNLL), aligned with every span.

A token is a Unicode default word segment (UAX #29, through the ``regex`` package): a word, a number, one
punctuation mark, an emoji sequence (ZWJ sequences and flags stay whole), a run of white space. Three rules are
added so that every exported span is a sequence of whole tokens and the tokens give back the text exactly:

- white space is never part of a token with other characters (a combining mark after a space or a tab starts
  its own token), so a token is either all white space or has none;
- every span's start and end cut the token there, so that no span starts or ends inside a token;
- one ASCII space after a token is that token's ``ws`` flag (as in spaCy), unless a span starts or ends on it;
  every other white space (a newline, a tab, a second space) is a token of its own.

So ``"".join(t.text + (" " if t.ws else "") for t in tokens) == text``, and
``spacy.tokens.Doc(vocab, words, spaces).text == text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from annotator.model import Span

# (?w): \b follows the Unicode default word boundaries (UAX #29); see annotator/text.py.
_WORD_BOUNDARY = regex.compile(r"(?w)\b")
_SPACE_RUN = re.compile(r"\s+")


# Not frozen: an export makes one per word, and a frozen dataclass's constructor costs four times as much.
@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    ws: bool
    """True when one space (U+0020) follows the token and belongs to it."""

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def word_cuts(text: str) -> list[int]:
    """The token boundaries of ``text`` before any span cuts it, in order: compute once per document."""
    cuts = {m.start() for m in _WORD_BOUNDARY.finditer(text)}
    for match in _SPACE_RUN.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    cuts.add(0)
    cuts.add(len(text))
    return sorted(cuts)


def tokenize(text: str, spans: Iterable[tuple[int, int]] = (), cuts: list[int] | None = None) -> list[Token]:
    """The tokens of ``text``, cut at every boundary of ``spans`` (code-point ``(start, end)`` pairs).

    ``cuts`` is ``word_cuts(text)``, where the caller has it already.
    """
    starts: set[int] = set()
    ends: set[int] = set()
    for start, end in spans:
        starts.add(start)
        ends.add(end)
    base = word_cuts(text) if cuts is None else cuts
    extra = (starts | ends).difference(base)
    positions = sorted(extra.union(base)) if extra else list(base)
    tokens: list[Token] = []
    length = len(text)
    i, count = 0, len(positions) - 1
    while i < count:
        start, end = positions[i], positions[i + 1]
        piece = text[start:end]
        i += 1
        if end < length and text[end] == " " and not piece.isspace() and end not in starts and end + 1 not in ends:
            # The space after the token is its ws flag: drop it from the next piece.
            tokens.append(Token(piece, start, end, True))
            if i < count and positions[i + 1] == end + 1:
                i += 1
            else:
                positions[i] = end + 1
            continue
        tokens.append(Token(piece, start, end, False))
    return tokens


class Tokenizer:
    """Tokens for record after record: each document's word cuts are found once, for all of its layers."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._cuts: list[int] = []

    def __call__(self, text: str, spans: Iterable[Span]) -> list[Token]:
        if text is not self._text:
            self._text, self._cuts = text, word_cuts(text)
        return tokenize(text, [(span.start, span.end) for span in spans], self._cuts)
