"""The canonical speaker the proposer's rules give the source mentions an annotator has marked, for the window to
offer when a source is named by hand (F2): the name without its titles, the person a pronoun or a description
refers to, a registry name or alias."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.proposer import memo
from annotator.proposer.phrases import Phrase
from annotator.proposer.sources import Resolver
from annotator.schema import SpeakerDef

LOOK_BACK = 20_000
"""How much text before a mention is read to name it, in characters (a long article costs no more than this)."""
LOOK_AHEAD = 2_000
"""And after it (a person's pronoun may be told in the next sentence)."""


def named_speakers(text: str, mentions: Sequence[tuple[int, int]], registry: Iterable[SpeakerDef]) -> list[str | None]:
    """For each source mention ``[start, end)`` of ``text``, in text order, the canonical speaker the rules find, or
    None without evidence (each mention is resolved after those before it, as the proposer does)."""
    try:
        resolver = Resolver(registry, {}, text)
        found = []
        for start, end in mentions:
            resolved = resolver.resolve(Phrase(start, end, text[start:end]))
            found.append(resolved.speaker if resolved is not None else None)
    finally:
        memo.forget()  # what was worked out for this text is not kept
    return found


def offered_name(
    text: str, sources: Sequence[tuple[int, int]], mention: tuple[int, int], registry: Iterable[SpeakerDef]
) -> str | None:
    """The canonical speaker the rules give ``mention``, reading the text from ``LOOK_BACK`` characters before it
    (from a paragraph's start) with the source mentions ``sources`` (in text order) there."""
    start = text.rfind("\n", 0, max(0, mention[0] - LOOK_BACK)) + 1
    end = min(len(text), mention[1] + LOOK_AHEAD)
    before = [(s - start, e - start) for s, e in sources if s >= start and e <= mention[1] and (s, e) != mention]
    names = named_speakers(text[start:end], [*before, (mention[0] - start, mention[1] - start)], registry)
    return names[-1]
