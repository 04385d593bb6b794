"""A text in lower case with its offsets kept, so that a case-insensitive search with an ASCII pattern can run
case-sensitive on it (the regular expression engine is several times faster so: it compares characters without
folding each one, and can skip ahead by a literal prefix).

``lowered(text)`` is None where that would not find the same places: a character whose lower case is longer
(``İ``) shifts the offsets, and ``ı`` and ``ſ`` match ``i`` and ``s`` case-insensitively but stay themselves in lower
case. The callers then search the text itself case-insensitively. Worked out once per text (``memo``): the cue
lexicon, the targets and the people of one text all read it.
"""

from __future__ import annotations

from annotator.proposer.memo import per_text


@per_text
def lowered(text: str) -> str | None:
    """``text`` in lower case, offset for offset; None where a case-sensitive search of it with a lower-case ASCII
    pattern would not find what a case-insensitive search of ``text`` finds."""
    low = text.lower()
    if len(low) != len(text) or "ı" in low or "ſ" in low:
        return None
    return low
