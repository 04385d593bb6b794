"""Canonical speakers of source mentions: from the schema's registry (names and aliases), the project's lexicon,
and the mentions before them in the text.

- a registry name or alias, or a phrase the project mapped to a speaker, names that speaker (also inside a longer
  mention: ``the OIC Secretary General`` holds the alias ``OIC Secretary General``);
- a singular pronoun is the last named singular source before it, a plural one the last plural source;
- a name not in the registry is itself, without its titles (``Foreign Minister Ana Costa`` -> ``Ana Costa``); a
  surname alone is the earlier full name it ends;
- a description (``the minister``) is the last source whose mention shared its head noun (``Minister Ana Costa``);
  ``the sides`` / ``both leaders`` are the last two speakers together. Anything else gets no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from annotator.proposer.phrases import (
    DETERMINERS,
    OBJECT_PRONOUNS,
    SINGULAR,
    SUBJECT_PRONOUNS,
    TITLES,
    Phrase,
    word_set,
)
from annotator.schema import SpeakerDef

_GROUPS = word_set("sides parties leaders both two presidents ministers delegations")
_SPACE = re.compile(r"\s+")


def _normal(phrase: str) -> str:
    words = _SPACE.sub(" ", phrase.replace("’", "'")).strip().lower().split(" ")
    while words and words[0] in DETERMINERS:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Resolved:
    speaker: str
    how: str


class Resolver:
    """Gives each source mention, in text order, its canonical speaker where there is evidence for one."""

    def __init__(self, registry: Iterable[SpeakerDef], learned: Mapping[str, str]) -> None:
        self.known: dict[str, tuple[str, str]] = {}
        for speaker in registry:
            for form in (speaker.name, *speaker.aliases):
                self.known.setdefault(
                    _normal(form), (speaker.name, f"registry {'name' if form == speaker.name else 'alias'} '{form}'")
                )
        for phrase, name in learned.items():
            self.known.setdefault(_normal(phrase), (name, f"learned source '{phrase}'"))
        self._longest = sorted((k for k in self.known if k), key=len, reverse=True)
        self.history: list[tuple[frozenset[str], str, bool]] = []  # head words, speaker, plural

    def resolve(self, phrase: Phrase) -> Resolved | None:
        found = self._find(phrase)
        if found is not None:
            words = frozenset(w.lower() for w in phrase.text.split())
            plural = " and " in found.speaker or bool(words & (_GROUPS | {"they", "them"}))
            self.history.append((words, found.speaker, plural))
        return found

    def _find(self, phrase: Phrase) -> Resolved | None:
        normal = _normal(phrase.text)
        if normal in self.known:
            speaker, how = self.known[normal]
            return Resolved(speaker, how)
        if phrase.pronoun:
            plural = normal not in SINGULAR
            for _, speaker, was_plural in reversed(self.history):
                if was_plural == plural:
                    return Resolved(speaker, f"the {'plural ' if plural else ''}source before the pronoun")
            return None
        padded = f" {normal} "
        for known in self._longest:
            if f" {known} " in padded:
                speaker, how = self.known[known]
                return Resolved(speaker, how)
        words = normal.split(" ")
        if set(words) & _GROUPS:
            speakers = list(dict.fromkeys(s for _, s, plural in reversed(self.history) if not plural))
            return (
                Resolved(" and ".join(reversed(speakers[:2])), "the last two sources") if len(speakers) >= 2 else None
            )
        raw = phrase.text.split()
        described = (raw[0].lower() in DETERMINERS and words[0] in TITLES) or any(
            w[:1].islower() and w.lower() in TITLES for w in raw
        )
        name = [w for w in raw if w.lower() not in TITLES and w.lower() not in DETERMINERS]
        if name and not described and all(w[:1].isupper() or w in ("of", "for", "and") for w in name):
            full = " ".join(name)
            for _, speaker, _ in reversed(self.history):
                if speaker.split()[-1] == full and speaker != full:
                    return Resolved(speaker, "the earlier full name")
            return Resolved(full, "the name in the mention")
        heads = {w for w in words if w in TITLES}
        for head_words, speaker, plural in reversed(self.history):
            if not plural and heads & head_words:
                return Resolved(speaker, "the last source with the same title")
        return None


def is_pronoun(word: str) -> bool:
    return word.lower() in SUBJECT_PRONOUNS or word.lower() in OBJECT_PRONOUNS
