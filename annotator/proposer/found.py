"""What the rules find in a text before it becomes proposals: claims with the attribution (source and cue) that
governs each, and the context every rule reads (the text, the cue lexicon, the learned source phrases)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.proposer import phrases
from annotator.proposer.lexicon import CueLexicon, CueMatch
from annotator.proposer.phrases import Phrase


@dataclass(frozen=True, slots=True)
class Source:
    """A source mention and the rule that found it."""

    phrase: Phrase
    rule: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it (None when no source was found) and the cue that says so."""

    source: Source | None
    cue: CueMatch


@dataclass(frozen=True, slots=True)
class Claim:
    """A content span found by a rule; ``direct``: inside quotation marks; ``mixed``: reported speech holding a
    quoted fragment."""

    start: int
    end: int
    rule: str
    attribution: Attribution | None
    direct: bool = False
    mixed: bool = False


class Context:
    """The text being read with the lexicon the rules use."""

    def __init__(self, text: str, cues: CueLexicon, learned_sources: Iterable[str]) -> None:
        self.text = text
        self.cues = cues
        phrases_ = sorted({" ".join(p.split()) for p in learned_sources if p.strip()}, key=len, reverse=True)
        self.learned = (
            re.compile(
                "(?<![\\w’'-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases_) + ")$",
                re.IGNORECASE,
            )
            if phrases_
            else None
        )

    def subject(self, start: int, end: int) -> Source | None:
        """The source phrase ending at ``end`` (a verb's subject): a learned source phrase where one ends there,
        else a name, description or pronoun found from the words."""
        found = phrases.before(self.text, start, end)
        if self.learned is not None:
            stop = end
            while stop > start and self.text[stop - 1].isspace():
                stop -= 1
            match = self.learned.search(self.text, max(start, stop - 200), stop)
            if match and (found is None or match.start() < found.start):
                return Source(Phrase(match.start(), match.end(), match.group()), "speaker: learned source phrase")
        if found is None:
            return None
        return Source(found, _rule(found, "before the cue"))

    def apposed(self, start: int, end: int) -> Source | None:
        """``X, the minister of Y, said`` / ``X, who ..., said``: the source before an apposition or a relative
        clause that ends at ``end`` with a comma; the apposition is not part of the source."""
        text = self.text
        stop = end
        while stop > start and text[stop - 1] in " \u00a0":
            stop -= 1
        if stop <= start or text[stop - 1] != ",":
            return None
        comma = text.rfind(",", start, stop - 1)
        if comma < 0 or len(text[comma + 1 : stop - 1].split()) > 12:
            return None
        found = phrases.before(text, start, comma)
        if found is None or found.pronoun:
            return None
        lead = text[start : found.start].strip(" “\"'‘(")
        if lead and not lead.endswith(","):
            return None
        return Source(found, _rule(found, "before the cue (apposition left out)"))

    def after(self, start: int, end: int) -> Source | None:
        found = phrases.after(self.text, start, end)
        return Source(found, _rule(found, "after the cue")) if found else None

    def opening(self, start: int, end: int) -> Source | None:
        found = phrases.opening(self.text, start, end)
        return Source(found, _rule(found, "opening the clause")) if found else None


def _rule(phrase: Phrase, where: str) -> str:
    if phrase.pronoun:
        return "speaker: pronoun next to the cue"
    what = "name" if phrase.named else "description"
    return f"speaker: {what} {where}"
