"""Words the cue lexicon finds that are no reporting verb in their place, told by the words around them: ``Per``
as a first name (``the finance chief, Per Holm``), a participle after a determiner as an adjective (``the proposed
fund``, ``its stated aim``), and a participle alone between commas as a role (``Ms Kay, prosecuting, told the
jury``). ``Context`` leaves them out before any rule reads the cues."""

from __future__ import annotations

import re

from annotator.proposer.lexicon import CueKind, CueMatch
from annotator.proposer.phrases import word_set


def elsewhere(text: str, cue: CueMatch) -> bool:
    """Whether the cue at ``cue`` is a word of another sense: a name, an adjective or a role."""
    word = text[cue.start : cue.end]
    if cue.kind == CueKind.SOURCE_AFTER:
        # "per" is a preposition in lower case; capitalised inside a sentence and before a capitalised word, a
        # first name (the finance chief, Per Holm, said); opening a sentence (Per the agency, ...) it is left.
        opens = _OPENS.search(text, max(0, cue.start - 4), cue.start) is not None
        return word == "Per" and _NAME_AFTER.match(text, cue.end) is not None and not opens
    low = word.lower()
    if low.endswith(("ed", "en")) and _previous(text, cue.start) in _ADJECTIVE_AFTER:
        return True  # the proposed fund, a highly praised film: a participle before its noun
    return (
        low.endswith("ing")
        and _ROLE.match(text, cue.end) is not None
        and _NAME_BEFORE.search(text, max(0, cue.start - 40), cue.start) is not None
    )


def _previous(text: str, at: int) -> str:
    """The word right before ``at`` (one space between), in lower case."""
    found = _WORD_BEFORE.search(text, max(0, at - 20), at)
    return found.group(1).lower() if found else ""


# Determiners after which a participle is an adjective: only those that are never a subject themselves (this, some,
# each, two are pronouns as well: This suggested that C, Some said C).
_ADJECTIVE_AFTER = word_set("the a an his her their its our my your every")
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([A-Za-z]+) $")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")
_OPENS = re.compile(r"(?:^|[.!?:;]\s+|[“\"‘(]|\n\s*)$")
# Alone between commas after a name, an -ing form names the part someone plays (a barrister "defending",
# "prosecuting"): the verb of the sentence comes after the second comma.
_ROLE = re.compile(r",\s")
# after a name (Ms Kay, prosecuting,), not after a verb (he said, adding, however, that C)
_NAME_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*, $")
