"""Moving one end of a span by a word: what Alt+arrow keys do to the selected span (``ui.boundary_moves``).

A word is a run of letters and digits (with the apostrophes and hyphens inside it) or one other character that is
not white space, so a full stop or a quotation mark is a step of its own. An end never passes the other: a move
that would leave the span empty is refused (None).
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_LOOK_BACK = 400
"""How far back a backward step looks for the word before (a longer word than this is cut where the look starts)."""


def _words_before(text: str, position: int) -> list[tuple[int, int]]:
    low = max(position - _LOOK_BACK, 0)
    return [(m.start(), m.end()) for m in WORD.finditer(text, low, position)]


def moved(text: str, start: int, end: int, *, edge: str, forward: bool) -> tuple[int, int] | None:
    """``[start, end)`` with its ``edge`` (``"start"`` or ``"end"``) moved to the next word boundary ``forward`` or
    back; None where there is no further word or the span would be empty."""
    if edge == "end":
        if forward:
            found = WORD.search(text, end)
            return (start, found.end()) if found else None
        before = [word for word in _words_before(text, end) if word[1] < end]
        new_end = before[-1][1] if before else start
        return (start, new_end) if new_end > start else None
    if forward:
        following = next((m.start() for m in WORD.finditer(text, start) if m.start() > start), end)
        return (following, end) if following < end else None
    before = [word for word in _words_before(text, start) if word[0] < start]
    return (before[-1][0], end) if before else None
