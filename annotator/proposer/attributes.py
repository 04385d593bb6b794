"""The attributes a proposed claim gets, only where the text is evidence for them: its quote type from its
quotation marks, and a target from the project's list when the claim names exactly one (or, naming none, its
sentence does). Stance is never proposed from the words: a claim's words are no evidence of its speaker's stance
(``stances`` proposes one from the project's statements only)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from annotator.proposer.casing import lowered
from annotator.proposer.found import Claim
from annotator.schema import AttributeKind, Schema


def quote_type(claim: Claim) -> str:
    """``direct`` inside quotation marks (also when they never close), ``mixed`` for reported speech holding a
    quoted fragment, ``indirect`` otherwise."""
    return "direct" if claim.direct else "mixed" if claim.mixed else "indirect"


@cache
def _targets(targets: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, str]] | None:
    """One expression for every target of the list (and the same for the text in lower case where the targets are
    ASCII, see ``casing``), and each target by its words in lower case."""
    names = {" ".join(t.split()).lower(): t for t in targets if t.strip()}
    if not names:
        return None
    body = "|".join(r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True))
    pattern = rf"(?<!\w)(?:{body})(?!\w)"
    lower = re.compile(pattern) if all(name.isascii() for name in names) else None
    return re.compile(pattern, re.IGNORECASE), lower, names


def named_target(targets: tuple[str, ...], words: str) -> tuple[str, str] | None:
    """The one target of ``targets`` that ``words`` name, with the words that name it; None when they name none or
    several."""
    return TargetsNamed(words, targets).named(0, len(words))


class TargetsNamed:
    """Where a text names targets of a list, found in one pass, for the claims to look up by position."""

    def __init__(self, text: str, targets: tuple[str, ...]) -> None:
        found = _targets(targets)
        self.hits: list[tuple[int, int, str, str]] = []  # start, end, target, the words
        if found is not None:
            pattern, lower, names = found
            low = lowered(text) if lower is not None else None
            matches = lower.finditer(low) if lower and low is not None else pattern.finditer(text)
            for match in matches:
                words = text[match.start() : match.end()]
                self.hits.append((match.start(), match.end(), names[" ".join(words.split()).lower()], words))
        self.starts = [hit[0] for hit in self.hits]

    def any_near(self, start: int, end: int) -> bool:
        """Whether any target is named within ``[start, end)``."""
        first = bisect_left(self.starts, start)
        return first < len(self.hits) and self.hits[first][0] < end

    def named(self, start: int, end: int, skip: tuple[int, int] = (0, 0)) -> tuple[str, str] | None:
        """The one target named within ``[start, end)`` (outside ``skip``), with its words; None for none or several."""
        named: dict[str, str] = {}
        for hit_start, hit_end, target, words in self.hits[bisect_left(self.starts, start) :]:
            if hit_start >= end:
                break
            if hit_end <= end and not (skip[0] <= hit_start and hit_end <= skip[1]):
                named.setdefault(target, words)
        return next(iter(named.items())) if len(named) == 1 else None


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence that holds ``[start, end)``: from past the last sentence end (a full stop, question or
    exclamation mark before white space, or a paragraph's line break) before ``start`` to the first after ``end``,
    within ``_REACH`` characters each way."""
    before = text.rfind("\n", max(0, start - _REACH), start)
    begin = max(before + 1, start - _REACH) if before >= 0 else max(0, start - _REACH)
    for match in _SENTENCE_END.finditer(text, begin, start):
        begin = match.end()
    stop = text.find("\n", end, end + _REACH)
    stop = stop if stop >= 0 else min(len(text), end + _REACH)
    after = _SENTENCE_END.search(text, end, stop)
    return begin, after.end() if after else stop


_REACH = 600
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[MD]r)(?<!\bMrs)(?<!\bMs)[.!?…][”’\"»)]*(?=\s)")


def claim_attributes(
    schema: Schema, claim: Claim, text: str, named: TargetsNamed | None = None
) -> tuple[dict[str, str], str]:
    """The claim's attributes by the schema's names, and the words that say why (for its rule): the quote type, and
    the one target (of those ``named`` finds in the text) that the claim names, else that its sentence names, the
    source mention left out."""
    statement = schema.statement
    attrs: dict[str, str] = {}
    why = ""
    if statement.quote_type:
        value = quote_type(claim)
        attribute = schema.attribute(statement.quote_type)
        if attribute is not None and (attribute.kind != AttributeKind.CHOICE or value in attribute.values):
            attrs[statement.quote_type] = value
    if statement.target and schema.attribute(statement.target) and named is not None:
        found = named.named(claim.start, claim.end)
        where = "in the claim"
        if found is None and named.any_near(claim.start - _REACH, claim.end + _REACH):
            start, end = sentence_of(text, claim.start, claim.end)
            source = claim.attribution.source if claim.attribution else None
            # the speaker named in the sentence is who speaks, not what about
            found = named.named(start, end, (source.phrase.start, source.phrase.end) if source else (0, 0))
            where = "in its sentence"
        if found is not None:
            attrs[statement.target] = found[0]
            why = f"; target '{found[0]}' named {where} ('{' '.join(found[1].split())}')"
    return attrs, why
