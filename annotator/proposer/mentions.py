"""People named in the running text outside any attribution, for the canonical speaker of a later pronoun or
description (``Sevilla coach Diego Alcántara refused to comment. [...] He was blunt: “…”``; ``Portuguese striker
Tiago Mendes scored twice. [...] The Portuguese said ...``; ``Marta Ruiz, the team's captain, ... the captain
said``). Found from words alone: a name is two to four capitalised words; it counts as a person where a title or
role is attached to it (a word before it, or an apposition after it)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from annotator.proposer.phrases import TITLES

_NAME = r"[A-Z][\w’'-]+(?:[ \u00a0]+(?:(?:de|da|del|van|von|al|bin|la|le)[ \u00a0]+)?[A-Z][\w’'-]+){1,3}"
_TITLED = re.compile(
    r"(?<![\w’'-])(?i:"
    + "|".join(sorted((re.escape(t) for t in TITLES if "." not in t), key=len, reverse=True))
    + r")\s+("
    + _NAME
    + r")(?![\w’'-])"
)
_LOOK_BACK = 3000
"""How far back a person named outside an attribution is looked for, in characters."""
_SUBJECT_WORDS = 4
"""At most this many words of its sentence before a titled name that is its subject (Sevilla coach X refused)."""
_SENTENCE_END = re.compile(r"[.!?…]\s+|\n")
_OPENING_WORD = re.compile(r"(?:(?<=[.!?…]\s)|(?<=\n)|(?<=,\s))[“\"‘]?([A-Z][\w’'-]+)(?![\w’'-])")
# A full name opening a sentence (or after a dateline) with an apposition or relative clause: a person introduced
# (MONTREAL — Hélène Roy, an architect whose ...).
_INTRODUCED = re.compile(
    r"(?:(?<=[.!?…]\s)|(?<=\n)|(?<=—\s))(" + _NAME + r"),\s+(?:a|an|the|who|whose)\s+[a-z]", re.UNICODE
)
# Ms. Roy opening a sentence or a clause: the person of the full name before it.
_HONORIFIC = re.compile(r"(?:(?<=[.!?…]\s)|(?<=\n)|(?<=,\s))(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+([A-Z][\w’'-]+)(?![\w’'-])")
_AGED = re.compile(r"(\d+)-year-old")


def subject_person(text: str, before: int, surnames: Mapping[str, str]) -> tuple[str, int] | None:
    """The last person named as the subject of a sentence before ``before`` (its name and where it is): a name
    with a title in the sentence's first words, or a sentence opening with the surname of a person named before
    (``surnames``: a surname -> the full name), or a clause after a comma opening with it. The person a later
    ``he`` or ``she`` most likely refers to when no source comes after it."""
    low = max(0, before - _LOOK_BACK)
    found: tuple[str, int] | None = None
    for match in _TITLED.finditer(text, low, before):
        near = max(low, match.start() - 200)
        opened = max((m.end() for m in _SENTENCE_END.finditer(text, near, match.start())), default=near)
        if len(text[opened : match.start()].split()) < _SUBJECT_WORDS:
            found = (_plain(match.group(1)), match.start(1))
    for match in _INTRODUCED.finditer(text, low, before):
        if found is None or match.start(1) > found[1]:
            found = (_plain(match.group(1)), match.start(1))
    for match in _HONORIFIC.finditer(text, low, before):
        full = _full_name(text, match.group(1), match.start())
        if full is not None and (found is None or match.start(1) > found[1]):
            found = (full, match.start(1))
    for match in _OPENING_WORD.finditer(text, low, before):
        name = surnames.get(match.group(1))
        if name is not None and (found is None or match.start(1) > found[1]):
            found = (name, match.start(1))
    return found


def described_person(text: str, words: list[str], before: int) -> str | None:
    """The person a description (its words after the determiner, lower case) was given with earlier: ``captain``
    before a name, or in an apposition after one (``X, the team's captain``); ``47-year-old`` after ``X, 47,``."""
    low = max(0, before - _LOOK_BACK)
    heads = [w for w in words if w.isalpha() or _AGED.fullmatch(w)]
    if not heads:
        return None
    head = heads[-1]
    aged = _AGED.fullmatch(head)
    if aged:
        pattern = re.compile(rf"({_NAME}),\s+{aged.group(1)},")
        if not pattern.search(text, low, before):
            return None  # the age given with no name: the caller reads it as the sentence subject before
    else:
        word = re.escape(head)
        pattern = re.compile(
            rf"(?<![\w’'-])(?i:{word})\s+(?:[a-z][\w-]*\s+){{0,2}}({_NAME})(?![\w’'-])"
            rf"|({_NAME}),\s+(?:the|a|an|its|his|her|their|[A-Z][\w’'-]*[’']s)\s+(?:[\w’'-]+\s+){{0,3}}?(?i:{word})\b"
        )
    last = None
    for match in pattern.finditer(text, low, before):
        last = match
    if last is None:
        return None
    return _plain(next(g for g in last.groups() if g))


def _full_name(text: str, surname: str, before: int) -> str | None:
    """The first full name that ends with ``surname`` before ``before`` (within the look-back): the person a
    profile introduces, whom ``Ms. Roy`` names after it, rather than a relative named later (her son, Paul Roy)."""
    pattern = re.compile(rf"(?<![\w’'-])((?:[A-Z][\w’'-]+[ \u00a0]+){{1,2}}{re.escape(surname)})(?![\w’'-])")
    first = pattern.search(text, max(0, before - _LOOK_BACK * 4), before)
    return _plain(first.group(1)) if first else None


def _plain(name: str) -> str:
    """The name without the title words it opens with (Chief Financial Officer Lee Sang-hoon: Lee Sang-hoon)."""
    words = name.split()
    titled = [i for i, w in enumerate(words[:-2]) if w.lower() in TITLES]
    if titled:
        words = words[titled[-1] + 1 :]  # Energy Minister Aibek Toktosunov: the name after the last title word
    return " ".join(words)


def titled_name_opening_with(text: str, word: str, before: int) -> str | None:
    """The last name given with a title before ``before`` that opens with ``word``: the full name of a person
    whose family name comes first (``Chief Financial Officer Lee Sang-hoon`` ... ``Lee said``)."""
    found = None
    for match in _TITLED.finditer(text, max(0, before - _LOOK_BACK * 4), before):
        name = _plain(match.group(1))
        if name.split()[0] == word:
            found = name
    return found
