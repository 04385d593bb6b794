"""Where statements can be: paragraphs, quotations and sentences of a text, as code point ranges.

- A paragraph is a run of text between line breaks. One that does not end in final punctuation is a headline, a
  byline (also one after a standfirst on its line), a breadcrumb or a caption and holds no statement, unless it
  ends with a reporting verb whose content runs on into the next paragraph (``X described`` / ``Y as Z.``): then
  the two are read as one.
- A quotation opens with a curly, low or angle mark, or a straight one at a word's start, and closes with its
  partner; curly marks nest (a quoted title inside a quotation). A quotation that never closes runs to the end of
  its paragraph, and one that opens the next paragraph carries on the same quotation (``reopens``).
- A sentence ends at ``.``, ``!``, ``?`` or ``…`` before a capital, a digit or an opening mark, not after an
  abbreviation (``Mr.``) or an initial; a sentence end inside a quotation ends a sentence of the quotation only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

OPENING = "“„«‹"
CLOSING = "”»›"
_PARTNER = {"“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"'}
_FINAL = re.compile(r"[.!?…:;][\s”’\"»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…]+[”’\"»)\]]*(?=\s+[“„«\"‘(\[]?[\w])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Hon|No|Nos|vs|etc|Inc|Ltd|Co|Corp"
    r"|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|approx|e\.g|i\.e|a\.m|p\.m)|\b\p{Lu}|\b(?:\w\.)+\w)\.$".replace(
        r"\p{Lu}", "[A-Z]"
    )
)
_LINE = re.compile(r"[^\n]+")
# A byline at a paragraph's end, after the standfirst's last sentence (… cannot prove cause. By Ann Lee, Science
# Correspondent): the paragraph is the standfirst and byline, not prose.
_BYLINE = re.compile(
    r"[.!?]\s+By\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}(?:,[^.!?,]{1,60}|\s+in\s+[A-Z][\w ]{1,30})?$"
)
_MARKS = re.compile('[“”„«»‹›"‘’]')


@dataclass(frozen=True, slots=True)
class Quote:
    """A top-level quotation: its marks at ``open_at`` and ``close_at`` (None when it never closes) and its
    content ``[start, end)``, the text between the marks (to the paragraph's end when unclosed)."""

    open_at: int
    close_at: int | None
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    """A paragraph that may hold statements: ``[start, end)``, its quotations, and whether it opens with the
    continuation of the previous paragraph's unclosed quotation."""

    start: int
    end: int
    quotes: list[Quote]
    reopens: bool = False


def paragraphs(text: str, cue_ends_at: Callable[[int], bool]) -> list[Paragraph]:
    """The paragraphs of ``text`` that can hold statements, in order (headlines, bylines and captions left out)."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    merged: list[tuple[int, int]] = []
    joining = False
    for start, end in lines:
        if joining and merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        joining = cue_ends_at(stop)
    found: list[Paragraph] = []
    unclosed = False
    for start, end in merged:
        while end > start and text[end - 1].isspace():
            end -= 1
        if not _FINAL.search(text[max(start, end - 8) : end]) and (
            not _prose(text, start, end) or _BYLINE.search(text, max(start, end - 120), end)
        ):
            unclosed = False
            continue
        quotes = list(quotations(text, start, end))
        reopens = unclosed and bool(quotes) and quotes[0].open_at == _first_visible(text, start, end)
        found.append(Paragraph(start, end, quotes, reopens))
        unclosed = bool(quotes) and quotes[-1].close_at is None
    return found


def _prose(text: str, start: int, end: int) -> bool:
    """Whether a paragraph without final punctuation holds a sentence's end after a lower-case word (``the body
    never rests. That is when…``): prose that stops short (a quotation that never closes), not a headline."""
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"(\w+)$", text[max(start, match.start() - 30) : match.start()])
        if word and len(word.group(1)) >= 3 and word.group(1).islower():
            return True
    return False


def _first_visible(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def quotations(text: str, start: int, end: int) -> Iterator[Quote]:
    """The top-level quotations of ``text[start:end]`` (one paragraph), in order."""
    stack: list[str] = []
    opened = 0
    for mark in _MARKS.finditer(text, start, end):
        i, char = mark.start(), mark.group()
        if char in "‘’":
            # Single marks are also apostrophes (Baku’s, the workers’ wages): one opens only at a word's start,
            # and closes an open one only where no letter follows.
            if char == "‘" and (i == start or not text[i - 1].isalnum()):
                if not stack:
                    opened = i
                stack.append(char)
            elif char == "’" and stack and stack[-1] == "‘" and _closes(text, i):
                stack.pop()
                if not stack:
                    yield Quote(opened, i, opened + 1, i)
            continue
        if char == '"':
            opening = i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-"
            if stack and stack[-1] == '"' and not (opening and len(stack) > 1):
                char = "”"  # closes the straight quotation on top
            elif opening:
                char = "“"
                if not stack:
                    opened = i
                stack.append('"')
                continue
            else:
                continue
        if char in OPENING and not (char == "“" and stack and stack[-1] == "„"):
            if not stack:
                opened = i
            stack.append(char)
        elif stack:
            stack.pop()
            if not stack:
                yield Quote(opened, i, opened + 1, i)
    if stack:
        yield Quote(opened, None, opened + 1, end)


def _closes(text: str, i: int) -> bool:
    """Whether ``’`` at ``i`` closes a single quotation rather than ending a word (the workers’ wages)."""
    after = text[i + 1 : i + 3]
    if after[:1].isalpha():
        return False
    return text[i - 1 : i] in ".,!?…;:" or not (after[:1].isspace() and after[1:].islower())


_CLOSERS = '”"»'
_OPENERS = frozenset(' \t\u00a0“„«"‘([')
_TAIL = re.compile(r"\s*(?:[^\s“”\"«».!?…]+\s+){1,4}?[^\s“”\"«».!?…]+[.!?…]")


def _short_tail(text: str, stop: int, end: int) -> bool:
    """Whether a quotation ending with ``?”`` or ``!”`` is followed by a clause of two to five words that ends the
    sentence (``Casey asked.``): the quotation's attribution, not a sentence of its own."""
    return _TAIL.match(text, stop, end) is not None


def sentences(text: str, start: int, end: int, skip: list[Quote] | None = None) -> Iterator[tuple[int, int]]:
    """The sentences of ``text[start:end]``, as ranges; sentence ends inside the quotations of ``skip`` are not
    sentence ends (a quotation of several sentences is one sentence of its paragraph)."""
    here = start
    opens = [q.open_at for q in skip] if skip else []
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        after = stop  # past the spaces and opening marks after it, read in place (not a copy of the rest)
        while after < end and text[after] in _OPENERS:
            after += 1
        if after < end and text[after].islower():
            continue  # “Why now?” she asked: the sentence goes on
        mark = match.group()
        if mark[-1:] in _CLOSERS and ("?" in mark or "!" in mark) and _short_tail(text, stop, end):
            continue  # “And then what?” Casey asked: the same with a name
        if skip:
            # Quotations do not overlap: only the last one opened before this end can hold it.
            last = bisect_left(opens, match.start()) - 1
            close = skip[last].close_at if last >= 0 else -1
            if close is None or stop <= close:
                continue
        at = match.start()  # an abbreviation ends with a full stop: only such an end is searched for one
        if text[at] == "." and _ABBREVIATION.search(text, max(here, at - 12), at + 1):
            continue
        yield here, stop
        here = stop
        while here < end and text[here].isspace():
            here += 1
    if here < end:
        yield here, end
