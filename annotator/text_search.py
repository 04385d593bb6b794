"""Finding a term in a document's text a slice at a time, so that a search through a long article never holds the
window for long: the window searches the first slice as a key is typed and the rest when idle.

Positions are code points of the text; a match is as long as the term (case is folded character by character).
"""

from __future__ import annotations

import re
from bisect import bisect_left

SLICE = 50_000
"""Characters searched in one step: a few milliseconds even for a one-letter term that matches everywhere."""


class TextSearch:
    """The starts of ``term`` in ``text``, in order and not overlapping, found ``SLICE`` characters a step."""

    def __init__(self, text: str, term: str, *, match_case: bool = False) -> None:
        self.text, self.term = text, term
        self._pattern = re.compile(re.escape(term), 0 if match_case else re.IGNORECASE)
        self.starts: list[int] = []
        self._at = 0 if term else len(text)  # searched up to here

    @property
    def done(self) -> bool:
        return self._at >= len(self.text)

    def step(self, size: int = SLICE) -> None:
        """Search the next ``size`` characters (a match that starts in them may end past them)."""
        if self.done:
            return
        end = min(self._at + size, len(self.text))
        reach = min(end + len(self.term) - 1, len(self.text))
        found = [match.start() for match in self._pattern.finditer(self.text, self._at, reach)]
        del found[bisect_left(found, end) :]  # these start in the next slice, which finds them
        self.starts += found
        # A match is as long as the term: the next slice starts past the last one, so that none overlap.
        self._at = max(end, found[-1] + len(self.term)) if found else end

    def run(self) -> None:
        """Search the rest of the text."""
        while not self.done:
            self.step()

    def index_from(self, position: int) -> int:
        """The index in ``starts`` of the first match found that starts at or after ``position`` (``len(starts)``
        when none has been found yet)."""
        return bisect_left(self.starts, position)

    def between(self, low: int, high: int) -> list[int]:
        """The starts found of the matches that overlap ``[low, high)``."""
        return self.starts[bisect_left(self.starts, low - len(self.term) + 1) : bisect_left(self.starts, high)]
